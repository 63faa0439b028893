// The subset of Okta's filter/search expression language the client uses: `field eq "value"` and `field sw "value"`
// terms joined by `or` / `and` (no parentheses), with `\"` and `\\` escapes. Anything else is a 400, as in Okta.

export type Predicate = (record: Record<string, unknown>) => boolean;

export class ExpressionError extends Error {}

const TERM = /^\s*([A-Za-z][\w.]*)\s+(eq|sw)\s+"((?:[^"\\]|\\.)*)"\s*/;
const JOIN = /^(and|or)\b/;

const read = (record: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], record);

export function parseExpression(text: string, fields: readonly string[]): Predicate {
  const alternatives: Predicate[][] = [[]];
  let rest = text;
  for (;;) {
    const term = TERM.exec(rest);
    if (!term) throw new ExpressionError(`cannot parse ${JSON.stringify(text)}`);
    const [matched, field, op, raw] = term as unknown as [string, string, 'eq' | 'sw', string];
    if (!fields.includes(field)) throw new ExpressionError(`unsupported field ${field}`);
    const wanted = raw.replace(/\\(.)/g, '$1').toLowerCase();
    alternatives.at(-1)!.push((record) => {
      const value = read(record, field);
      if (typeof value !== 'string') return false;
      const actual = value.toLowerCase();
      return op === 'eq' ? actual === wanted : actual.startsWith(wanted);
    });
    rest = rest.slice(matched.length);
    if (rest.trim() === '') break;
    const join = JOIN.exec(rest);
    if (!join) throw new ExpressionError(`expected "and" or "or" in ${JSON.stringify(text)}`);
    if (join[1] === 'or') alternatives.push([]);
    rest = rest.slice(join[0].length);
  }
  // `and` binds tighter than `or`, as in Okta's grammar.
  return (record) => alternatives.some((all) => all.every((p) => p(record)));
}
