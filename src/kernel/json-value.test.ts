import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toJsonValue } from './json-value.js';

const viaText = (value: unknown) => JSON.parse(JSON.stringify(value ?? null, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) as unknown;

describe('JSON-safe copies', () => {
  it('equals the round trip through JSON text (property)', () => {
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.bigInt(), fc.date({ noInvalidDate: true }));
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node')), fc.dictionary(fc.string(), tie('node'))),
    })).node;
    fc.assert(
      fc.property(tree, (value) => {
        expect(toJsonValue(value, (b) => b.toString())).toEqual(viaText(value));
      }),
    );
  });

  it('turns bigints into what the caller asks for and drops undefined members', () => {
    expect(toJsonValue({ a: 12n, b: undefined, c: [undefined, 1n], d: new Date('2026-11-30T00:00:00Z') }, (b) => Number(b))).toEqual({ a: 12, c: [null, 1], d: '2026-11-30T00:00:00.000Z' });
    expect(toJsonValue(undefined, String)).toBeNull();
    expect(Object.is(toJsonValue(-0, String), 0)).toBe(true);
    expect(Object.keys(toJsonValue(JSON.parse('{"__proto__": 1}'), String) as object)).toEqual(['__proto__']);
  });
});
