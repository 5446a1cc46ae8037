import { useEffect, useState } from 'react';
import { get } from '../shared/api';
import type { Customer } from './types';

/** Customer names by id for lists that carry only ids; asked once per id per page load, a few at a time. */
const names = new Map<string, string>();
const pending = new Map<string, Promise<void>>();
const parallelMax = 6;

async function fetchNames(ids: string[]): Promise<void> {
  const queue = ids.filter((id) => !names.has(id) && !pending.has(id));
  const workers = Array.from({ length: Math.min(parallelMax, queue.length) }, async () => {
    for (let id = queue.shift(); id; id = queue.shift()) {
      const task = get<Customer>(`/v1/customers/${id}`).then(
        (c) => void names.set(id, c.name),
        () => void names.set(id, '(unknown customer)'),
      );
      pending.set(id, task);
      await task;
      pending.delete(id);
    }
  });
  await Promise.all([...workers, ...ids.flatMap((id) => pending.get(id) ?? [])]);
}

export function rememberCustomerName(id: string, name: string): void {
  names.set(id, name);
}

export function useCustomerNames(ids: readonly string[]): (id: string) => string | undefined {
  const [, setVersion] = useState(0);
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    let live = true;
    const wanted = key ? key.split(',') : [];
    if (wanted.every((id) => names.has(id))) return;
    void fetchNames(wanted).then(() => live && setVersion((v) => v + 1));
    return () => {
      live = false;
    };
  }, [key]);
  return (id) => names.get(id);
}
