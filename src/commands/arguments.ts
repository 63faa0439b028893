// Validators for command arguments. Each returns the normalised value or a one-line problem that quotes the
// offending token (as inline code, so it renders literally and mentions nobody).
import { KINDS, kindRegistry } from '../kinds/index.js';
import type { Kind } from '../specs/model.js';
import type { SpecTarget } from './commands.js';
import type { Token } from './tokenize.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };
export const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
export const fail = (problem: string): { ok: false; problem: string } => ({ ok: false, problem });

const MAX_QUOTED = 60;

/** A token quoted back to the user: inline code that no backtick inside can end, cut if long. */
export function quote(text: string): string {
  const flat = text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
  let longest = 0;
  for (const run of flat.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const ticks = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const STACK = new RegExp(`^${kindRegistry.stackNamePattern}$`);
const KEY_PATH = /^[a-zA-Z][a-zA-Z0-9]*(\.[a-zA-Z][a-zA-Z0-9]*)*$/;
const EMAIL =
  /^[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const MAX_KEY = 100;
const MAX_VALUE = 500;
const MAX_EMAIL = 254;

/** A positional argument: a plain word, never key=value, never an option. */
function positional(token: Token, what: string): Checked<string> {
  if (token.key !== undefined) return fail(`${quote(token.raw)} is not ${what} (key=value is not expected here).`);
  if (token.text.startsWith('-')) return fail(`Unknown option ${quote(token.raw)}.`);
  return ok(token.text);
}

export function stackName(token: Token): Checked<string> {
  const word = positional(token, 'a stack name');
  if (!word.ok) return word;
  if (STACK.test(word.value)) return word;
  return fail(`${quote(token.raw)} is not a stack name: stacks are ${kindRegistry.stackNamesText}.`);
}

export function specName(text: string, raw: string): Checked<string> {
  if (DNS_LABEL.test(text)) return ok(text);
  return fail(`${quote(raw)} is not a valid name: use lowercase letters, digits and \`-\` (at most 63).`);
}

export function kindName(text: string, raw: string): Checked<Kind> {
  const kind = KINDS.find((k) => k.toLowerCase() === text.toLowerCase());
  if (kind) return ok(kind);
  return fail(`${quote(raw)} is not a kind: use one of ${KINDS.map((k) => `\`${k}\``).join(', ')}.`);
}

/** `<kind>/<name>`, the kind in any letter case. */
export function specTarget(token: Token): Checked<SpecTarget> {
  const word = positional(token, 'a `<kind>/<name>`');
  if (!word.ok) return word;
  const slash = word.value.indexOf('/');
  if (slash <= 0) return fail(`${quote(token.raw)} is not \`<kind>/<name>\` (for example \`Ec2Instance/devbox\`).`);
  const kind = kindName(word.value.slice(0, slash), token.raw);
  if (!kind.ok) return kind;
  const name = specName(word.value.slice(slash + 1), token.raw);
  if (!name.ok) return name;
  return ok({ kind: kind.value, name: name.value });
}

export function email(text: string, raw: string): Checked<string> {
  if (text.length <= MAX_EMAIL && EMAIL.test(text)) return ok(text);
  return fail(`${quote(raw)} is not an email address.`);
}

const UNIT_MS = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000 } as const;
const DURATION = /^(?:(\d{1,5})w)?(?:(\d{1,5})d)?(?:(\d{1,5})h)?(?:(\d{1,5})m)?$/;

/** `30m`, `12h`, `3d`, `1w`, or combined largest unit first (`1d12h`); never zero. */
export function duration(token: Token): Checked<{ text: string; ms: number }> {
  const word = positional(token, 'a duration');
  if (!word.ok) return word;
  const m = DURATION.exec(word.value);
  const problem = `${quote(token.raw)} is not a duration: use minutes, hours, days or weeks such as \`30m\`, \`12h\`, \`3d\`, \`1w\` or \`1d12h\`.`;
  if (!word.value || !m) return fail(problem);
  const [, w, d, h, min] = m;
  const ms = [w, d, h, min].reduce((sum, n, i) => sum + Number(n ?? 0) * Object.values(UNIT_MS)[i]!, 0);
  if (ms === 0) return fail(`${quote(token.raw)} is a zero duration.`);
  return ok({ text: word.value, ms });
}

/** A key=value pair: the key a dotted field path, the value literal text without expression or shell syntax. */
export function keyValue(token: Token): Checked<{ key: string; value: string }> {
  if (token.key === undefined || token.value === undefined) {
    if (token.text.startsWith('-')) return fail(`Unknown option ${quote(token.raw)}.`);
    const hint = token.raw.includes("'") ? ' (use double quotes for values with spaces)' : '';
    return fail(`Unexpected argument ${quote(token.raw)}: expected \`key=value\`${hint}.`);
  }
  const { key, value } = token;
  if (key.length > MAX_KEY || !KEY_PATH.test(key)) {
    return fail(
      `${quote(key)} is not a field name: use letters and digits, dotted for nested fields (\`ssh.keyName\`).`,
    );
  }
  if (value === '') return fail(`${quote(key)} has no value.`);
  if (value.length > MAX_VALUE) return fail(`The value of ${quote(key)} is longer than ${MAX_VALUE} characters.`);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f]/.test(value)) return fail(`The value of ${quote(key)} contains a control character.`);
  const syntax = ['`', '$(', '${', '%{'].find((s) => value.includes(s));
  if (syntax) {
    return fail(
      `The value of ${quote(key)} contains ${quote(syntax)}: values are plain text, without expressions or shell syntax.`,
    );
  }
  return ok({ key, value });
}
