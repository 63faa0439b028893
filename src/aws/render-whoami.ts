// `/infra whoami` as Markdown (pure): the AWS caller identity, the roles terraform runs with, the Okta org, the
// installation, and the repo config in force. The config schema holds no secrets (ids, ARNs, names); tokens, keys
// and credentials are never passed in.
import { stringify } from 'yaml';
import type { RepoConfig } from '../config/repo-config-schema.js';
import { escapeMarkdown, fenceFor, inlineCode } from '../plan/render-escape.js';
import type { CallerIdentity } from './caller-identity.js';

export interface WhoamiInput {
  /** The identity, or why it could not be read (e.g. an AwsUnavailableError's message). */
  identity: CallerIdentity | { error: string };
  /** `terraform.roleArn`: the role applies run with. */
  runnerRoleArn?: string;
  /** `terraform.planRoleArn`: the read-only role plans run with. */
  planRoleArn?: string;
  oktaOrgUrl?: string;
  installationId?: number;
  /** `owner/repo`. */
  repository?: string;
  config: RepoConfig;
}

const row = (label: string, value: string) => `| ${label} | ${value} |`;
const codeOr = (value: string | undefined, none: string) => (value ? inlineCode(value) : none);

export function renderWhoami(input: WhoamiInput): string {
  const { identity } = input;
  const aws =
    'error' in identity
      ? [row('AWS', `unreachable: ${escapeMarkdown(identity.error)}`)]
      : [row('AWS account', inlineCode(identity.account)), row('AWS caller', inlineCode(identity.arn))];
  const config = stringify(input.config, { sortMapEntries: true }).trimEnd();
  const fence = fenceFor(config);
  return [
    '## whoami',
    '',
    '| | |',
    '|---|---|',
    ...aws,
    row('Apply role (terraform.roleArn)', codeOr(input.runnerRoleArn, 'not set')),
    row('Plan role (terraform.planRoleArn)', codeOr(input.planRoleArn, 'not set: plans use the apply role')),
    row('Okta org', codeOr(input.oktaOrgUrl, 'not configured')),
    row(
      'GitHub App installation',
      input.installationId === undefined ? 'unknown' : inlineCode(String(input.installationId)),
    ),
    ...(input.repository ? [row('Repository', inlineCode(input.repository))] : []),
    '',
    '<details><summary>Repo config in force (<code>.github/infra.yml</code> with defaults)</summary>',
    '',
    `${fence}yaml`,
    config,
    fence,
    '',
    '</details>',
    '',
  ].join('\n');
}
