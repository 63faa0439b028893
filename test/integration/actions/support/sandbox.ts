// Temp workspaces for the workflow's CLI: a specs checkout, a terraform double behind a shim, and an io that records.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../../../../src/cli/io.js';

export const TERRAFORM_DOUBLE = fileURLToPath(new URL('../../../doubles/terraform/terraform.mjs', import.meta.url));

export const CONFIG = `specsDir: infra-specs
defaults: { region: us-east-1 }
terraform: { stateBucket: acme-tfstate, stateRegion: us-east-1, stateKeyPrefix: infra-bot, timeout: 20m }
s3: { namePrefix: acme }
`;

export const BUCKET_SPEC =
  'apiVersion: infra-bot/v1\nkind: S3Bucket\nmetadata:\n  name: logs\nspec:\n  versioning: true\n';

export interface Sandbox {
  root: string;
  /** The checkout (cwd of the CLI). */
  workspace: string;
  /** Where the double keeps S3 state. */
  stateDir: string;
  /** One JSON line per terraform invocation. */
  invocationLog: string;
  /** A `terraform` executable: the double with the given switches. */
  terraform(env?: Record<string, string>): string;
  invocations(): Array<{ argv: string[]; envNames: string[] }>;
  state(stack: string): { serial: number; resources: Record<string, unknown> } | null;
  write(files: Record<string, string>): void;
  cleanup(): void;
}

export function createSandbox(
  files: Record<string, string> = { '.github/infra.yml': CONFIG, 'infra-specs/data/logs.yaml': BUCKET_SPEC },
): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'actions-cli-'));
  const workspace = join(root, 'specs');
  const stateDir = join(root, 's3');
  const invocationLog = join(root, 'terraform.jsonl');
  mkdirSync(workspace, { recursive: true });
  mkdirSync(stateDir);
  let shims = 0;
  const sandbox: Sandbox = {
    root,
    workspace,
    stateDir,
    invocationLog,
    terraform(env = {}) {
      const bin = join(root, `bin-${shims++}`);
      mkdirSync(bin);
      const exports = Object.entries({ TF_DOUBLE_STATE_DIR: stateDir, TF_DOUBLE_LOG: invocationLog, ...env })
        .map(([name, value]) => `export ${name}='${value.replace(/'/g, `'\\''`)}'`)
        .join('\n');
      const path = join(bin, 'terraform');
      writeFileSync(path, `#!/bin/sh\n${exports}\nexec '${process.execPath}' '${TERRAFORM_DOUBLE}' "$@"\n`);
      chmodSync(path, 0o755);
      return path;
    },
    invocations: () =>
      existsSync(invocationLog)
        ? readFileSync(invocationLog, 'utf8')
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line))
        : [],
    state(stack) {
      const file = join(stateDir, 'acme-tfstate', 'infra-bot', 'acme', 'infra', `${stack}.tfstate`);
      return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
    },
    write(more) {
      for (const [path, text] of Object.entries(more)) {
        mkdirSync(dirname(join(workspace, path)), { recursive: true });
        writeFileSync(join(workspace, path), text);
      }
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
  sandbox.write(files);
  return sandbox;
}

/** What an Actions job gives the CLI: OIDC credentials (canaries), the repository, GITHUB_ACTIONS. */
export const OIDC_ENV = {
  AWS_ACCESS_KEY_ID: 'ASIAOIDCJOBKEY',
  AWS_SECRET_ACCESS_KEY: 'oidc-secret-CANARY-7c1e/+=',
  AWS_SESSION_TOKEN: 'oidc-session-CANARY-93ab',
  AWS_REGION: 'us-east-1',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'id-request-CANARY-55f0',
  GITHUB_ACTIONS: 'true',
  GITHUB_REPOSITORY: 'acme/infra',
};

export interface RecordingIo extends CliIo {
  lines: string[];
}

export function recordingIo(cwd: string, env: Record<string, string> = OIDC_ENV, now = () => new Date()): RecordingIo {
  const lines: string[] = [];
  return {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    now,
    out: (line) => lines.push(line),
    err: (line) => lines.push(line),
    lines,
  };
}
