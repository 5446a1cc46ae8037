/**
 * A JSON-safe copy of a value, as `JSON.parse(JSON.stringify(value))` would give, without the text in between:
 * bigints become what `bigintAs` says (JSON has none), dates and other objects with toJSON their JSON form, undefined
 * members are left out (null inside arrays), non-finite numbers null. The bulk paths copy thousands of payloads per
 * batch, where the round trip through text cost more than the rows' insert.
 */
export function toJsonValue(value: unknown, bigintAs: (value: bigint) => unknown): unknown {
  const copy = (v: unknown): unknown => {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return v;
      case 'number':
        return Number.isFinite(v) ? (v === 0 ? 0 : v) : null; // -0 is written as 0
      case 'bigint':
        return bigintAs(v);
      case 'object': {
        if (v === null) return null;
        const withToJson = v as { toJSON?: unknown };
        if (typeof withToJson.toJSON === 'function') return copy((withToJson.toJSON as () => unknown).call(v));
        if (Array.isArray(v)) return v.map((item) => copy(item) ?? null);
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(v)) {
          const member = copy((v as Record<string, unknown>)[key]);
          if (member === undefined) continue;
          if (key === '__proto__') Object.defineProperty(out, key, { value: member, enumerable: true, writable: true, configurable: true });
          else out[key] = member;
        }
        return out;
      }
      default:
        return undefined; // undefined, functions and symbols, which JSON leaves out
    }
  };
  return copy(value ?? null) ?? null;
}
