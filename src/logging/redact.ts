// Masks credentials in free text: log messages, error messages and stacks, header values, serialised log lines.
// The patterns also match inside JSON text (a whole log line), so a line can be scrubbed once more before it is
// written: token characters never include `"` or `\`, so a replacement cannot break the line's JSON.

export const REDACTED = '[REDACTED]';

/** Extra secrets shorter than this are ignored: masking "abc" everywhere would destroy the logs, not protect them. */
export const MIN_EXTRA_SECRET_LENGTH = 4;

// Optional quote / escaped quote around a `name: value` or `name=value` separator (plain text, JSON, JSON in JSON).
const SEP = String.raw`(?:\\*["'])?\s*[:=]\s*(?:\\*["'])?\s*`;
const VALUE = String.raw`[^\s"'\\,;&}\]]`;
// A value another rule already masked is left alone (idempotent: `[REDACTED]` is not masked again).
const FRESH = String.raw`(?!\[REDACTED)`;
const SCHEME = 'bearer|token|basic|ssws|jwt|digest';

interface Rule {
  pattern: RegExp;
  replace: string | ((match: string, ...groups: string[]) => string);
}

const RULES: Rule[] = [
  // PEM private keys (any flavour); an unterminated one (a truncated log) is masked to the end of its string.
  {
    pattern: /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----(?:[^"'`]*?-----END \1PRIVATE KEY-----|[^"'`]*)/g,
    replace: '[REDACTED PRIVATE KEY]',
  },
  // A PEM private key in base64 (Probot accepts PRIVATE_KEY that way): base64 of "-----BEGIN".
  { pattern: /LS0tLS1CRUdJTi[A-Za-z0-9+/=]*/g, replace: '[REDACTED PRIVATE KEY]' },
  // GitHub: installation (ghs_), personal (ghp_), OAuth (gho_), user-to-server (ghu_), refresh (ghr_), fine-grained.
  { pattern: /\b(gh[pousr]_)[A-Za-z0-9]{16,255}\b/g, replace: `$1${REDACTED}` },
  { pattern: /\b(github_pat_)[A-Za-z0-9_]{16,255}\b/g, replace: `$1${REDACTED}` },
  // Slack bot, user, app-level, refresh and workflow tokens.
  { pattern: /\b(xox[abposre]-)[A-Za-z0-9-]{6,}/g, replace: `$1${REDACTED}` },
  { pattern: /\b(xapp-)[A-Za-z0-9-]{6,}/g, replace: `$1${REDACTED}` },
  // Okta API tokens travel as `Authorization: SSWS <token>`.
  { pattern: /\b(SSWS)(\s+)[A-Za-z0-9_-]{6,}/gi, replace: `$1$2${REDACTED}` },
  // Authorization-like headers whatever their scheme (`token …`, `Bearer …`, `Basic …`).
  {
    pattern: new RegExp(
      String.raw`\b((?:proxy-)?authorization|x-amz-security-token|x-api-key)(${SEP})(?!(?:(?:${SCHEME})\s+)?\[REDACTED)(?:(${SCHEME})\s+)?${VALUE}+`,
      'gi',
    ),
    replace: (_match, name: string, sep: string, scheme: string | undefined) =>
      `${name}${sep}${scheme ? `${scheme} ` : ''}${REDACTED}`,
  },
  // Cookies: every pair of the header, up to the end of its line or string.
  {
    pattern: new RegExp(String.raw`\b((?:set-)?cookie)(${SEP})${FRESH}[^"'\r\n\\]+`, 'gi'),
    replace: `$1$2${REDACTED}`,
  },
  { pattern: /\b(Bearer)(\s+)[A-Za-z0-9\-._~+/]{6,}=*/g, replace: `$1$2${REDACTED}` },
  // JSON Web Tokens (GitHub App JWTs, Okta OAuth assertions and access tokens).
  { pattern: /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, replace: '[REDACTED JWT]' },
  // AWS secret keys and session tokens next to their names (env, ini files, SDK objects, JSON).
  {
    pattern: new RegExp(
      String.raw`\b(aws_?secret_?access_?key|secret_?access_?key|aws_?session_?token|session_?token|security_?token)(${SEP})${FRESH}${VALUE}{8,}`,
      'gi',
    ),
    replace: `$1$2${REDACTED}`,
  },
  // STS session tokens by their fixed base64 prefix.
  { pattern: /\b(?:IQoJb3JpZ2lu|FwoGZXIvYXdz|FQoGZXIvYXdz)[A-Za-z0-9/+=]{16,}/g, replace: REDACTED },
  // A bare 40-character AWS secret key: mixed case and a digit, which a git SHA (lower-case hex) never has.
  {
    pattern:
      /(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+=]*[A-Z])(?=[A-Za-z0-9/+=]*[a-z])(?=[A-Za-z0-9/+=]*\d)[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/g,
    replace: REDACTED,
  },
  // Passwords in URLs (postgres://user:password@host).
  { pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@"'\\]+:)[^\s@/"'\\]+@/gi, replace: `$1${REDACTED}@` },
];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The forms a secret takes in text: as is, inside a JSON string, inside JSON inside a JSON string. */
function spellings(secret: string): string[] {
  const once = JSON.stringify(secret).slice(1, -1);
  const twice = JSON.stringify(once).slice(1, -1);
  return [...new Set([secret, once, twice])];
}

const extraCache = new Map<string, RegExp | undefined>();

/** One alternation of every spelling of the extra secrets, longest first (a secret containing another wins). */
function extraPattern(extraSecrets: readonly string[]): RegExp | undefined {
  const key = extraSecrets.join('\u0000');
  if (extraCache.has(key)) return extraCache.get(key);
  const forms = extraSecrets
    .filter((secret) => typeof secret === 'string' && secret.length >= MIN_EXTRA_SECRET_LENGTH)
    .flatMap(spellings)
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp);
  const pattern = forms.length ? new RegExp(forms.join('|'), 'g') : undefined;
  if (extraCache.size > 32) extraCache.clear();
  extraCache.set(key, pattern);
  return pattern;
}

/** Masks every known token shape and every extra secret (and its JSON-escaped spellings) in the text. */
export function redactSecrets(text: string, extraSecrets: readonly string[] = []): string {
  let result = text;
  const extra = extraPattern(extraSecrets);
  // Extra secrets first: a known secret value is masked whole, before a pattern could mask only part of it.
  if (extra) result = result.replace(extra, REDACTED);
  for (const rule of RULES) {
    const { pattern, replace } = rule;
    result = typeof replace === 'string' ? result.replace(pattern, replace) : result.replace(pattern, replace);
  }
  return result;
}
