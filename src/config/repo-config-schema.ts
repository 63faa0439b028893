import { z } from 'zod';
import { KINDS } from '../kinds/index.js';
import { AWS_REGION, IAM_ROLE_ARN, INSTANCE_TYPE, dnsLabel, duration, region } from '../specs/kinds/common.js';

// `.github/infra.yml`. Every section is optional; defaults are what a new repository gets.

const policySchema = z.strictObject({
  allowedRegions: z
    .array(z.string().regex(AWS_REGION, { error: 'policy.allowedRegions entries must be AWS regions' }))
    .default([])
    .describe('Regions specs may use. Empty: any region.'),
  allowedInstanceTypes: z
    .array(z.string().regex(INSTANCE_TYPE, { error: 'policy.allowedInstanceTypes entries must be EC2 instance types' }))
    .default([])
    .describe('EC2 instance types specs may use. Empty: any type.'),
  maxTtl: duration('policy.maxTtl')
    .default('30d')
    .describe('Longest ttl (or expiresAt distance from now) a spec may ask for.'),
  requireTtl: z
    .array(z.enum(KINDS, { error: `policy.requireTtl entries must be kinds: ${KINDS.join(', ')}` }))
    .default([])
    .describe('Kinds that must carry a ttl or expiresAt.'),
  requiredLabels: z.array(z.string().min(1)).default([]).describe('Label keys every spec must set in metadata.labels.'),
  allowSshFromAnywhere: z
    .boolean()
    .default(false)
    .describe('Allow ssh.allowFrom to contain 0.0.0.0/0 or ::/0. Default false.'),
  maxMonthlyCostIncrease: z
    .number({ error: 'policy.maxMonthlyCostIncrease must be a number of US dollars' })
    .nonnegative({ error: 'policy.maxMonthlyCostIncrease must be 0 or more' })
    .optional()
    .describe(
      'Fail the cost check when a pull request raises the estimated monthly cost by more than this many US dollars (on-demand list prices). Absent: no limit.',
    ),
});

const terraformSchema = z.strictObject({
  runner: z
    .enum(['local', 'actions'])
    .default('local')
    .describe('local: the app runs terraform; actions: a GitHub Actions workflow runs it.'),
  binary: z.enum(['terraform', 'tofu']).default('terraform').describe('The CLI to run: terraform or tofu.'),
  stateBucket: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: 'terraform.stateBucket must be an S3 bucket name' })
    .optional()
    .describe('S3 bucket for state. Absent: local state under the data directory (development only).'),
  stateRegion: region('terraform.stateRegion').default('us-east-1').describe('Region of the state bucket.'),
  stateKeyPrefix: z
    .string()
    .regex(/^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/, {
      error: 'terraform.stateKeyPrefix must be a safe S3 key prefix',
    })
    .default('infra-bot')
    .describe('Prefix of state keys: <prefix>/<owner>/<repo>/<stack>.tfstate.'),
  roleArn: z
    .string()
    .regex(IAM_ROLE_ARN, { error: 'terraform.roleArn must be an IAM role ARN' })
    .optional()
    .describe('Role assumed through STS for applies (and plans when planRoleArn is absent).'),
  planRoleArn: z
    .string()
    .regex(IAM_ROLE_ARN, { error: 'terraform.planRoleArn must be an IAM role ARN' })
    .optional()
    .describe('Read-only role assumed for plans.'),
  timeout: duration('terraform.timeout').default('30m').describe('Longest a terraform run may take.'),
  applyBeforeMerge: z
    .boolean()
    .default(false)
    .describe('Allow `/infra apply` on an approved PR before it is merged. Default false: apply happens after merge.'),
  refreshOnPrPlan: z
    .enum(['auto', 'always', 'never'], { error: 'terraform.refreshOnPrPlan must be auto, always or never' })
    .default('auto')
    .describe(
      "Whether pull-request plans refresh state against the real objects (terraform plan -refresh=false when not). auto: every stack but identity refreshes (identity's refresh reads every user and group from Okta and spends the org's shared rate limit); always; never. Apply-time plans and drift checks always refresh, and an apply whose refreshed change set differs from the approved one is refused.",
    ),
});

const approvalsSchema = z.strictObject({
  slackChannel: z
    .string()
    .regex(/^[CG][A-Z0-9]{6,}$/, { error: 'approvals.slackChannel must be a Slack channel id such as C0123456789' })
    .optional()
    .describe('Slack channel id where approval requests are posted.'),
  approvers: z
    .array(
      z.string().regex(/^[UW][A-Z0-9]{6,}$/, {
        error: 'approvals.approvers entries must be Slack user ids such as U012ABCDEF',
      }),
    )
    .default([])
    .describe('Slack user ids allowed to approve.'),
  approverOktaGroup: z.string().min(1).optional().describe('Okta group whose members may approve (matched by email).'),
  required: z.number().int().min(1).max(10).default(1).describe('Distinct approvals needed.'),
  allowSelfApproval: z.boolean().default(false).describe('Let the PR author approve their own change.'),
  githubLogins: z
    .record(
      z.string().regex(/^[UW][A-Z0-9]{6,}$/, { error: 'approvals.githubLogins keys must be Slack user ids' }),
      z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/, {
        error: 'approvals.githubLogins values must be GitHub logins',
      }),
    )
    .default({})
    .describe('Slack user id → GitHub login, so infra-bot can tell an approver from the PR author.'),
});

const projectSchema = z.strictObject({
  org: z.string().min(1).describe('Organisation that owns the Projects (v2) board.'),
  number: z.number().int().min(1).describe('Project number.'),
  statusField: z.string().min(1).default('Status').describe('Single-select field that holds the column.'),
  columns: z
    .strictObject({
      planned: z.string().min(1).default('Backlog').describe('Planned, waiting for approval and merge.'),
      applying: z.string().min(1).default('In Progress').describe('Merged (or `/infra apply`): being applied.'),
      done: z.string().min(1).default('Done').describe('Applied, or merged with nothing to apply.'),
      notApplied: z
        .string()
        .min(1)
        .optional()
        .describe(
          'Merged but NOT applied (no approval for the merged head, plan stale or drifted, apply refused): the default branch says something the cloud does not. Default: the planned column.',
        ),
    })
    .default({ planned: 'Backlog', applying: 'In Progress', done: 'Done' })
    .describe('Option names for each stage.'),
});

const ssoSchema = z.strictObject({
  awsAccountId: z
    .string({ error: 'sso.awsAccountId must be a quoted 12-digit string' })
    .regex(/^\d{12}$/, { error: 'sso.awsAccountId must be 12 digits (quote it in YAML)' })
    .describe('AWS account the IamSsoRole roles live in.'),
  samlProviderName: z
    .string()
    .regex(/^[\w.-]{1,128}$/, { error: 'sso.samlProviderName must be 1–128 letters, digits, ".", "_" or "-"' })
    .default('okta')
    .describe('Name of the IAM SAML identity provider.'),
  oktaAppLabel: z
    .string()
    .min(1)
    .max(100)
    .default('AWS Account Federation')
    .describe('Label of the Okta AWS Account Federation app.'),
});

/** Okta publishes its rate limits per org, shared with every other integration: the bot takes half by default. */
export const DEFAULT_OKTA_MAX_API_CAPACITY = 50;

const MAX_API_CAPACITY_RANGE = {
  error: "okta.maxApiCapacity must be a whole number from 1 to 100 (a percentage of Okta's rate limits)",
};
const oktaSchema = z.strictObject({
  maxApiCapacity: z
    .number(MAX_API_CAPACITY_RANGE)
    .int(MAX_API_CAPACITY_RANGE)
    .min(1, MAX_API_CAPACITY_RANGE)
    .max(100, MAX_API_CAPACITY_RANGE)
    .default(DEFAULT_OKTA_MAX_API_CAPACITY)
    .describe(
      "Percentage of each Okta management API rate limit terraform's Okta provider may use (its max_api_capacity); the rest is left to other integrations. Default 50.",
    ),
});

export const repoConfigSchema = z.strictObject({
  specsDir: z
    .string()
    .regex(/^(?!\/)(?!.*\.\.)[A-Za-z0-9._/-]+$/, { error: 'specsDir must be a relative path inside the repository' })
    .default('infra-specs')
    .describe('Folder holding the intent specs.'),
  defaults: z
    .strictObject({
      region: region('defaults.region').default('us-east-1'),
      instanceType: z.string().regex(INSTANCE_TYPE).default('t3.micro'),
    })
    .default({ region: 'us-east-1', instanceType: 't3.micro' })
    .describe('Values specs get when they do not say.'),
  policy: policySchema.default(policySchema.parse({})).describe('Rules every spec must follow.'),
  terraform: terraformSchema.default(terraformSchema.parse({})).describe('How and where terraform runs.'),
  approvals: approvalsSchema.default(approvalsSchema.parse({})).describe('Who approves changes, in Slack.'),
  project: projectSchema.optional().describe('GitHub Projects (v2) board that tracks infra PRs.'),
  sso: ssoSchema.optional().describe('Okta ↔ AWS SAML federation, needed by IamSsoRole specs.'),
  okta: oktaSchema.default(oktaSchema.parse({})).describe('How terraform talks to Okta.'),
  identity: z
    .strictObject({
      stackLayout: z
        .enum(['shared', 'per-spec'], { error: 'identity.stackLayout must be shared or per-spec' })
        .default('shared')
        .describe(
          'shared: every OktaUser, OktaGroup and IamSsoRole in one `identity` stack. per-spec: a stack per Okta user (okta-user-<name>: the user and its memberships) and per group (okta-group-<name>), roles and the SAML federation in `sso`; a PR plans and locks only the stacks it touches (docs/adr/0007-identity-stacks-per-spec.md).',
        ),
    })
    .default({ stackLayout: 'shared' })
    .describe('How identity specs are laid out in Terraform states.'),
  expiry: z
    .strictObject({
      removeSpecBy: z
        .enum(['pull-request', 'commit'])
        .default('pull-request')
        .describe(
          'How an expired spec leaves the default branch: a PR infra-bot merges once its checks pass, or a direct commit.',
        ),
    })
    .default({ removeSpecBy: 'pull-request' })
    .describe('What happens when a ttl or expiresAt is reached.'),
  drift: z
    .strictObject({
      schedule: z
        .enum(['off', 'hourly', 'daily', 'weekly'], { error: 'drift.schedule must be off, hourly, daily or weekly' })
        .default('off')
        .describe(
          'How often every stack on the default branch is planned to find drift (one issue per drifted stack).',
        ),
    })
    .default({ schedule: 'off' })
    .describe('Drift detection.'),
  accessReview: z
    .strictObject({
      inactiveDays: z
        .number()
        .int()
        .min(1)
        .max(3650)
        .default(90)
        .describe('No login for this many days counts as inactive.'),
    })
    .default({ inactiveDays: 90 })
    .describe('Settings of `/infra access-review`.'),
  s3: z
    .strictObject({ namePrefix: dnsLabel('s3.namePrefix').optional() })
    .default({})
    .describe('S3 naming: default bucket names are <namePrefix>-<spec name>.'),
});

export type RepoConfig = z.output<typeof repoConfigSchema>;
export const REPO_CONFIG_PATH = '.github/infra.yml';
export const defaultRepoConfig = (): RepoConfig => repoConfigSchema.parse({});
