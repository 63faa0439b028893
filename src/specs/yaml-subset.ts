// A fast reader for the plain YAML that specs are written in, used before the full `yaml` library.
//
// Parsing 500 small specs with `yaml` costs ~100 ms in a fresh process (its lexer, CST and document model run cold),
// plus ~20 ms to load it; this reader costs a tenth of that. It is deliberately narrow: block mappings and sequences,
// one-line flow collections, plain scalars, and quoted scalars without escapes, in printable ASCII. For anything else
// (anchors, tags, block scalars, multi-line scalars, document markers, tabs, duplicate keys, floats, nulls, errors …)
// it returns `undefined` and the caller uses `yaml`, so errors and positions always come from `yaml`. Where it answers,
// it must answer what `yaml` (YAML 1.2 core schema) would: test/unit/specs/yaml-subset.test.ts checks that against
// `yaml` on generated documents.

type Value = string | number | boolean | Value[] | { [key: string]: Value };
interface Line {
  indent: number;
  text: string;
}

const PRINTABLE = /^[\x20-\x7e\n]*$/;
/** A block mapping key (a plain scalar the core schema reads as a string) and what follows its `:`. */
const MAP_ENTRY = /^([A-Za-z_][\w./-]{0,999}):(?: +(.*))?$/;
/** The same inside a one-line flow mapping, where the value must follow on the line. */
const FLOW_ENTRY = /^([A-Za-z_][\w./-]{0,999}): +(.+)$/;
const NON_STRING_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
/** First characters a plain scalar may start with here (no YAML indicator, no `~`, `-`, `+`). */
const PLAIN_START = /^[A-Za-z0-9_./$(]/;
const FLOW_PLAIN = /^[^,[\]{}#'"]+$/;
/** Core-schema scalars this reader leaves to `yaml`: null, floats, octal, hex, and integers beyond 15 digits. */
const OTHER_TYPES = /^(?:~|[Nn]ull|NULL|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|0o[0-7]+|0x[0-9a-fA-F]+)?$/;
const NUMERIC = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const SAFE_INT = /^(?:0|[1-9][0-9]{0,14})$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;

/** Thrown inside the reader when the text leaves the subset; never escapes `readYamlSubset`. */
class OutOfSubset extends Error {}
const out = (): never => {
  throw new OutOfSubset();
};

/** The document's value when `text` is a spec-style YAML mapping this reader understands; otherwise `undefined`. */
export function readYamlSubset(text: string): { value: unknown } | undefined {
  if (!PRINTABLE.test(text)) return undefined;
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    const body = raw.trimStart();
    if (body === '' || body.startsWith('#')) continue;
    lines.push({ indent: raw.length - body.length, text: body.trimEnd() });
  }
  if (lines.length === 0 || lines[0]!.indent !== 0) return undefined;
  try {
    const reader = new Reader(lines);
    const value = reader.mapping(0);
    return reader.done() ? { value } : undefined;
  } catch (error) {
    if (error instanceof OutOfSubset) return undefined;
    throw error;
  }
}

class Reader {
  private at = 0;
  constructor(private readonly lines: Line[]) {}

  done(): boolean {
    return this.at === this.lines.length;
  }

  mapping(indent: number): Record<string, Value> {
    const result: Record<string, Value> = {};
    for (let line = this.lines[this.at]; line && line.indent === indent; line = this.lines[this.at]) {
      if (isSequenceItem(line.text)) break; // a sequence at its parent key's indent ends; the parent checks the rest
      const entry = MAP_ENTRY.exec(line.text) ?? out();
      const key = entry[1]!;
      if (NON_STRING_KEYS.has(key) || Object.hasOwn(result, key)) out();
      this.at++;
      const rest = withoutComment(entry[2] ?? '');
      setKey(result, key, rest === '' ? this.nested(indent, true) : this.inline(rest, indent));
    }
    return result;
  }

  sequence(indent: number): Value[] {
    const result: Value[] = [];
    for (let line = this.lines[this.at]; line && line.indent === indent; line = this.lines[this.at]) {
      if (!isSequenceItem(line.text)) break;
      const rest = line.text.slice(1).trimStart();
      if (rest === '' || rest.startsWith('#')) {
        this.at++;
        result.push(this.nested(indent, false));
      } else if (MAP_ENTRY.test(rest)) {
        // `- key: value` opens a mapping at the key's column; its other keys follow at that column.
        line.indent += line.text.length - rest.length;
        line.text = rest;
        result.push(this.mapping(line.indent));
      } else {
        this.at++;
        result.push(this.inline(withoutComment(rest), indent));
      }
    }
    return result;
  }

  /** The block collection below `key:` or `-`; a sequence may sit at the key's own indent. */
  private nested(indent: number, underKey: boolean): Value {
    const next = this.lines[this.at] ?? out(); // an empty value is null: left to `yaml`
    if (next.indent > indent) return isSequenceItem(next.text) ? this.sequence(next.indent) : this.mapping(next.indent);
    if (underKey && next.indent === indent && isSequenceItem(next.text)) return this.sequence(indent);
    return out();
  }

  /** A one-line value; a deeper line after it would continue a multi-line scalar, which is left to `yaml`. */
  private inline(text: string, indent: number): Value {
    const next = this.lines[this.at];
    if (next && next.indent > indent) out();
    if (text.startsWith('[')) return flow(text, ']').map((item) => scalar(item, true));
    if (text.startsWith('{')) {
      const result: Record<string, Value> = {};
      for (const item of flow(text, '}')) {
        const entry = FLOW_ENTRY.exec(item) ?? out();
        if (NON_STRING_KEYS.has(entry[1]!) || Object.hasOwn(result, entry[1]!)) out();
        setKey(result, entry[1]!, scalar(entry[2]!, true));
      }
      return result;
    }
    return scalar(text, false);
  }
}

const isSequenceItem = (text: string): boolean => text === '-' || text.startsWith('- ');

/** Drops a trailing ` # comment` from an unquoted value (quoted values are checked in `quoted`). */
function withoutComment(text: string): string {
  if (text.startsWith('#')) return '';
  if (text.startsWith("'") || text.startsWith('"')) return text;
  const hash = text.indexOf(' #');
  return hash === -1 ? text : text.slice(0, hash).trimEnd();
}

/** The items of a one-line flow collection `[a, b]` / `{ k: v }`, with nothing but a comment after it. */
function flow(text: string, close: ']' | '}'): string[] {
  const end = text.indexOf(close);
  if (end === -1 || /[[\]{}]/.test(text.slice(1, end))) out();
  if (text.slice(end + 1).trim() !== '') out(); // a comment after it was already cut by `withoutComment`
  const inner = text.slice(1, end).trim();
  if (inner === '') return [];
  if (inner.includes("'") || inner.includes('"')) out(); // quoted items may hold commas
  return inner.split(',').map((item) => item.trim());
}

function scalar(text: string, inFlow: boolean): Value {
  if (text.startsWith("'") || text.startsWith('"')) return quoted(text, inFlow);
  if (!PLAIN_START.test(text) || text.endsWith(':') || text.includes(': ')) out();
  if (inFlow && !FLOW_PLAIN.test(text)) out();
  if (BOOL.test(text)) return text[0] === 't' || text[0] === 'T';
  if (SAFE_INT.test(text)) return Number(text);
  if (OTHER_TYPES.test(text) || NUMERIC.test(text)) out();
  return text;
}

/** A quoted scalar on one line: `'…'` (with `''` for a quote) or `"…"` without escapes. */
function quoted(text: string, inFlow: boolean): string {
  if (inFlow) out();
  const quote = text[0]!;
  let end = 1;
  for (;;) {
    end = text.indexOf(quote, end);
    if (end === -1) out();
    if (quote === "'" && text[end + 1] === "'") end += 2;
    else break;
  }
  const tail = text.slice(end + 1).trimStart();
  if (tail !== '' && !(tail.startsWith('#') && /\s/.test(text[end + 1] ?? ''))) out();
  const body = text.slice(1, end);
  if (quote === '"' && body.includes('\\')) out();
  return quote === "'" ? body.replaceAll("''", "'") : body;
}

/** As `yaml` adds a pair to a plain object: an inherited name (`constructor`, `__proto__`) becomes an own property. */
function setKey(target: Record<string, Value>, key: string, value: Value): void {
  if (key in target)
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}
