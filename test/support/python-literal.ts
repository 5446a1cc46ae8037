/**
 * Reads the Python literals other projects' parsers dumped as expected results (`*.expected.pydata`): tuples and
 * lists (as arrays), dicts, single- or double-quoted strings with adjacent-literal concatenation, ints, floats,
 * None/True/False. Enough for test fixtures; not a general Python parser.
 */
export type PyValue = null | boolean | number | string | PyValue[] | { [key: string]: PyValue };

export function parsePythonLiteral(source: string): PyValue {
  let i = 0;
  const skip = () => {
    while (i < source.length) {
      const c = source[i];
      if (c === '#') {
        while (i < source.length && source[i] !== '\n') i++;
      } else if (c !== undefined && /\s/.test(c)) i++;
      else break;
    }
  };
  const fail = (what: string): never => {
    throw new Error(`python literal: ${what} at offset ${i}`);
  };
  const readString = (): string => {
    const quote = source[i];
    i++;
    let out = '';
    while (i < source.length && source[i] !== quote) {
      const c = source[i] as string;
      if (c === '\\') {
        const n = source[i + 1] as string;
        const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
        if (n === 'x') {
          out += String.fromCharCode(parseInt(source.slice(i + 2, i + 4), 16));
          i += 4;
        } else if (n === 'u') {
          out += String.fromCharCode(parseInt(source.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          out += escapes[n] ?? n;
          i += 2;
        }
      } else {
        out += c;
        i++;
      }
    }
    if (i >= source.length) fail('unterminated string');
    i++;
    return out;
  };
  const readSequence = (close: string): PyValue[] => {
    i++;
    const items: PyValue[] = [];
    for (;;) {
      skip();
      if (source[i] === close) {
        i++;
        return items;
      }
      items.push(readValue());
      skip();
      if (source[i] === ',') i++;
      else if (source[i] !== close) fail(`expected , or ${close}`);
    }
  };
  const readValue = (): PyValue => {
    skip();
    const c = source[i];
    if (c === "'" || c === '"') {
      let s = readString();
      for (;;) {
        skip();
        if (source[i] === "'" || source[i] === '"') s += readString();
        else return s;
      }
    }
    if (c === '[') return readSequence(']');
    if (c === '(') return readSequence(')');
    if (c === '{') {
      i++;
      const dict: { [key: string]: PyValue } = {};
      for (;;) {
        skip();
        if (source[i] === '}') {
          i++;
          return dict;
        }
        const key = readValue();
        skip();
        if (source[i] !== ':') fail('expected :');
        i++;
        dict[String(key)] = readValue();
        skip();
        if (source[i] === ',') i++;
      }
    }
    const word = /^(None|True|False|-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)/.exec(source.slice(i));
    if (!word) return fail('unexpected token');
    i += word[0].length;
    if (word[0] === 'None') return null;
    if (word[0] === 'True') return true;
    if (word[0] === 'False') return false;
    return Number(word[0]);
  };
  const value = readValue();
  skip();
  if (i !== source.length) fail('trailing input');
  return value;
}
