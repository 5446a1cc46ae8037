import { describe, expect, it } from 'vitest';
import { isUuid, newId } from './ids.js';

describe('ids', () => {
  it('are valid version-7 UUIDs, unique and strictly increasing in the order they were made, across many random pool refills', () => {
    const ids = Array.from({ length: 50_000 }, () => newId());
    expect(ids.every(isUuid)).toBe(true);
    expect(ids.every((id) => id[14] === '7' && '89ab'.includes(id[19] as string))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id, i) => i === 0 || id > (ids[i - 1] as string))).toBe(true);
  });
});
