import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The shared real-world files (bank statements, UBL invoices, validation rules) live beside the repository in
 * ../shared/data. CASHLOOP_SHARED_DATA points elsewhere when the checkout is not next to them.
 */
function findSharedData(): string | undefined {
  const candidates = [
    process.env.CASHLOOP_SHARED_DATA,
    path.resolve(import.meta.dirname, '../../../shared/data'),
    path.resolve(import.meta.dirname, '../../../../shared/data'),
    '/work/shared/data',
  ].filter((p): p is string => Boolean(p));
  return candidates.find((p) => existsSync(path.join(p, 'SOURCES.md')));
}

export const sharedDataDir = findSharedData();
export const sharedDataAvailable = sharedDataDir !== undefined;

export function sharedFile(...parts: string[]): string {
  if (!sharedDataDir) throw new Error('../shared/data not found: set CASHLOOP_SHARED_DATA');
  return path.join(sharedDataDir, ...parts);
}
