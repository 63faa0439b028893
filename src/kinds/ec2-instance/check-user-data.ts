// EC2 user data is no place for secrets: anyone allowed ec2:DescribeInstanceAttribute reads it, every process on the
// instance reads it from the metadata service, and Terraform keeps it in state. A warning (not an error: a false
// positive must not block a merge) names the file, the line and the kind of secret, never the secret itself.
import type { PartialSpecOf, SpecOrigin } from '../../specs/partial-spec.js';
import type { DiagnosticSink } from '../../specs/report.js';

interface SecretPattern {
  /** What the warning calls it ("an AWS access key id"). */
  what: string;
  pattern: RegExp;
  /** A cheap test a line must pass before `pattern` runs (it backtracks on long punctuated lines). */
  hint?: RegExp;
}

/** Most specific first: one finding per line, the first pattern that matches names it. */
export const SECRET_PATTERNS: readonly SecretPattern[] = [
  { what: 'a private key (PEM)', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  { what: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\b/ },
  { what: 'an AWS secret access key', pattern: /\baws_secret_access_key\b\s*["']?\s*[=:]\s*["']?[A-Za-z0-9/+=]{20,}/i },
  { what: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/ },
  { what: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { what: 'a Slack webhook URL', pattern: /hooks\.slack\.com\/services\/T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/[A-Za-z0-9]+/ },
  { what: 'a GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}/ },
  { what: 'a Stripe secret key', pattern: /\b[sr]k_live_[A-Za-z0-9]{16,}/ },
  { what: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { what: 'a bearer token', pattern: /\bBearer\s+[A-Za-z0-9._~+/-]{20,}=*/ },
  { what: 'a URL with a password in it', pattern: /\b[a-z][a-z0-9+.-]{0,20}:\/\/[^\s:/@]+:[^\s@/$]+@/i },
  {
    what: 'a password or secret assignment',
    hint: /pass|pwd|secret|key|token/i,
    // A literal value: `$VAR`, `$(aws ssm get-parameter …)`, `${…}` and `` `…` `` fetch the value at boot, which is
    // exactly what we recommend; `lock_passwd: true` is a setting, not a password.
    pattern:
      /\b[\w.-]{0,64}?(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?token|auth[_-]?token)["']?\s*[:=]\s*["']?(?![$`"'\s{<]|(?:true|false|yes|no|null|none)\b)[^\s"']{4,}/i,
  },
];

export interface UserDataFinding {
  /** 1-based line inside the user data. */
  line: number;
  what: string;
}

/** Lines of user data that look like they hold a secret, one finding per line. */
export function findSecretsInUserData(userData: string): UserDataFinding[] {
  const findings: UserDataFinding[] = [];
  userData.split(/\r?\n/).forEach((text, index) => {
    const match = SECRET_PATTERNS.find(({ pattern, hint }) => (!hint || hint.test(text)) && pattern.test(text));
    if (match) findings.push({ line: index + 1, what: match.what });
  });
  return findings;
}

/** Warns about each secret-looking line of spec.userData, at its line in the spec file. */
export function checkUserData(spec: PartialSpecOf<'Ec2Instance'>, loaded: SpecOrigin, sink: DiagnosticSink): void {
  const userData = spec.spec.userData;
  if (userData === undefined) return;
  const findings = findSecretsInUserData(userData);
  if (findings.length === 0) return;
  const at = loaded.source.locate(['spec', 'userData'], 'value');
  // Multi-line user data is written as a block scalar (`userData: |`), whose first line follows the indicator.
  const firstLine = userData.includes('\n') ? at.line + 1 : at.line;
  const shown = spec.spec.showUserDataInPlans
    ? ' spec.showUserDataInPlans is true, so plan comments would show it too.'
    : '';
  for (const finding of findings) {
    sink.diagnostics.push({
      file: loaded.source.file,
      line: firstLine + finding.line - 1,
      column: 1,
      path: 'spec.userData',
      severity: 'warning',
      message:
        `spec.userData line ${finding.line} looks like it holds ${finding.what}: user data is readable by anyone who ` +
        'can describe the instance, by every process on it (instance metadata) and in the Terraform state. Store ' +
        'the secret in SSM Parameter Store (SecureString) or Secrets Manager and fetch it at boot with the ' +
        `instance role.${shown}`,
    });
  }
}
