export type CommandName = 'validate' | 'synth' | 'plan' | 'apply' | 'access-review' | 'import';

const COMMAND_USAGE: Record<CommandName, string> = {
  validate: `  validate [--dir infra-specs] [--config .github/infra.yml] [--json] [--allow-empty]
      check every spec; exit 0 when all are valid, 1 with one line per problem (file:line:column: message), every
      problem of every spec in one run`,
  synth: `  synth [--dir infra-specs] [--config .github/infra.yml] [--out cdktf.out] [--repo owner/repo]
        [--state-dir data/state] [--stack name …] [--allow-empty]
      validate, then write <out>/stacks/<stack>/cdk.tf.json and print each stack's resource count`,
  plan: `  plan --stack name [--destroy] [--no-refresh] [--out cdktf.out] [--repo owner/repo] [--dir …] [--config …] [--state-dir …]
       [--stack-json gzip-base64] [--expect-hash sha256] [--run-id id] [--not-after iso-time] [--timeout 30m]
       [--binary terraform] [--plugin-cache dir] [--allow-empty]
      plan one stack with terraform (what the infra-bot-terraform workflow runs): writes <out>/plan.json (sensitive
      values masked), <out>/plan.log, <out>/result.json and keeps <out>/stacks/<stack>/<stack>.tfplan;
      exit 0 planned, 1 failed (result.json says where and why)`,
  apply: `  apply --stack name --plan <out>/stacks/<stack>/<stack>.tfplan [--expect-digest v1:…] [--out cdktf.out]
        [--config …] [--not-after iso-time] [--timeout 30m] [--binary terraform] [--plugin-cache dir]
      apply the plan \`infra-bot plan\` saved in the same --out, only if its digest is the approved one (or it is a
      destroy plan); writes <out>/apply.log and <out>/apply-result.json; exit 0 applied, 1 refused or failed`,
  'access-review': `  access-review --out report.md [--csv report.csv] [--dir infra-specs] [--config .github/infra.yml] [--allow-empty]
      Okta (OKTA_ORG_URL + OKTA_API_TOKEN, or OKTA_CLIENT_ID + OKTA_PRIVATE_KEY) against the specs: every user with
      status, last sign-in and groups, inactive accounts, unmanaged users and groups, drift, who can assume each role;
      exit 0, or 1 when Okta gave only part of it (the report says what is missing)`,
  import: `  import users.csv [--dir infra-specs] [--config .github/infra.yml] [--out-dir dir] [--owner who]
      one OktaUser spec per CSV row (columns email,firstName,lastName[,groups,name,title,…]) after checking every row;
      exit 1 with every bad row as users.csv:<line>: message, nothing written`,
};

const PATHS = `paths (--dir, --config, --out, --csv, --out-dir, --plan, …) are absolute or relative to the current directory.
A --dir or --config that does not exist (and a default specs folder that does not) is an error (exit 2); a specs
folder without any spec exits 1 unless --allow-empty. Exit codes: 0 ok, 1 invalid specs or a failed run, 2 usage.`;

export const isCommand = (name: string | undefined): name is CommandName =>
  name !== undefined && Object.hasOwn(COMMAND_USAGE, name);

/** The usage of one command, or of all of them. */
export function usage(command?: CommandName): string {
  if (command !== undefined) return `usage: infra-bot ${command} [options]\n${COMMAND_USAGE[command]}\n\n${PATHS}`;
  return `usage: infra-bot <command> [options]\n       infra-bot --help | --version\n\ncommands:\n${Object.values(COMMAND_USAGE).join('\n')}\n\n${PATHS}`;
}
