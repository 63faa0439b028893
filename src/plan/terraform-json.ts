// Terraform's machine-readable plan (`terraform show -json <planfile>`), as documented at
// https://developer.hashicorp.com/terraform/internals/json-format. Unknown properties are ignored (the format
// promises only additive minor versions); the properties we read are checked strictly. Accepted formats: 0.1
// (Terraform 0.12–0.14: no sensitivity markers), 0.2 (Terraform 0.15–1.0: adds before/after_sensitive and
// resource_drift) and 1.x (Terraform ≥ 1.1 and every OpenTofu: adds replace_paths, importing, errored, …).
import { z } from 'zod';
import { fastPlanShape } from './terraform-json-fast.js';

/** The documented action lists; `forget` arrived with `removed` blocks (Terraform 1.7). */
const ACTION_LISTS = [
  ['no-op'],
  ['create'],
  ['read'],
  ['update'],
  ['delete', 'create'],
  ['create', 'delete'],
  ['delete'],
  ['forget'],
  ['create', 'forget'],
] as const;

export type PlanAction = 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget';
export type PlanActions = (typeof ACTION_LISTS)[number];

const actionsSchema = z
  .array(z.enum(['no-op', 'create', 'read', 'update', 'delete', 'forget']))
  .refine(
    (list) => ACTION_LISTS.some((known) => known.length === list.length && known.every((a, i) => a === list[i])),
    {
      message: 'is not one of the documented action lists (["no-op"], ["create"], ["delete","create"], …)',
    },
  )
  .transform((list) => list as unknown as PlanActions);

/** A JSON value whose shape depends on the provider schema: checked where it is walked, not here. */
const jsonValue = z.unknown();

const changeSchema = z.object({
  actions: actionsSchema,
  before: jsonValue.optional(),
  after: jsonValue.optional(),
  /** Mirrors `after`: `true` at each value (or whole subtree) unknown until apply. */
  after_unknown: jsonValue.optional(),
  /** Mirror `before`/`after`: `true` at each sensitive value or subtree. */
  before_sensitive: jsonValue.optional(),
  after_sensitive: jsonValue.optional(),
  replace_paths: z.array(z.array(z.union([z.string(), z.number()]))).optional(),
  /** Terraform ≥ 1.5 `import` blocks: present when the object is being imported (`id` may be absent). */
  importing: z.object({ id: z.string().optional() }).optional(),
});

const resourceChangeSchema = z.object({
  address: z.string().min(1),
  previous_address: z.string().optional(),
  module_address: z.string().optional(),
  mode: z.enum(['managed', 'data']),
  type: z.string().min(1),
  name: z.string().min(1),
  index: z.union([z.string(), z.number()]).optional(),
  deposed: z.string().optional(),
  provider_name: z.string().optional(),
  change: changeSchema,
  action_reason: z.string().optional(),
});

const outputChangeSchema = changeSchema.pick({
  actions: true,
  before: true,
  after: true,
  after_unknown: true,
  before_sensitive: true,
  after_sensitive: true,
});

/** Formats Terraform 0.12+ and OpenTofu write; any other major version may change meaning under us. */
const SUPPORTED_FORMAT = /^(0\.1|0\.2|1\.\d+)$/;
const SUPPORTED_WORDS = '0.1, 0.2 and 1.x (Terraform 0.12 and later, OpenTofu)';

/** Checked before JSON.parse: a larger plan cannot be reviewed in a comment, and parsing it could exhaust memory. */
export const MAX_PLAN_JSON_CHARS = 128 * 1024 * 1024;

const planSchema = z.object({
  format_version: z.string().regex(SUPPORTED_FORMAT, `must be one of ${SUPPORTED_WORDS}`),
  terraform_version: z.string().optional(),
  resource_changes: z.array(resourceChangeSchema).optional(),
  resource_drift: z.array(resourceChangeSchema).optional(),
  output_changes: z.record(z.string(), outputChangeSchema).optional(),
  errored: z.boolean().optional(),
  applyable: z.boolean().optional(),
  complete: z.boolean().optional(),
});

export type TerraformChange = z.infer<typeof changeSchema>;
export type TerraformResourceChange = z.infer<typeof resourceChangeSchema>;
export type TerraformOutputChange = z.infer<typeof outputChangeSchema>;
export type TerraformPlan = z.infer<typeof planSchema>;

export type ParsePlanResult = { ok: true; plan: TerraformPlan } | { ok: false; error: string };

const MAX_ISSUES_REPORTED = 5;

/** Parses `terraform show -json` output; never throws. The error names the JSON path of each problem. */
export function parsePlanJson(text: string): ParsePlanResult {
  if (typeof text !== 'string') return { ok: false, error: 'plan JSON is missing (no text was given)' };
  if (text.length > MAX_PLAN_JSON_CHARS) {
    const mib = (n: number) => `${Math.ceil(n / 1024 / 1024).toLocaleString('en-US')} MiB`;
    return {
      ok: false,
      error: `plan JSON is too large to review (${mib(text.length)}; the limit is ${mib(MAX_PLAN_JSON_CHARS)}): split the stack`,
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // V8's message quotes a slice of the input, which may hold sensitive values: say only what failed.
    return { ok: false, error: `plan JSON is not valid JSON (${text.length} characters)` };
  }
  const refused = refuseEnvelope(raw);
  if (refused) return { ok: false, error: refused };
  // The common case, valid plans, skips zod's full copy; anything it doubts goes to zod for the exact messages.
  const fast = fastPlanShape(raw, SUPPORTED_FORMAT, ACTION_LISTS);
  if (fast) return { ok: true, plan: fast };
  const parsed = planSchema.safeParse(raw);
  if (parsed.success) return { ok: true, plan: parsed.data };
  const issues = parsed.error.issues;
  const lines = issues
    .slice(0, MAX_ISSUES_REPORTED)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`);
  if (issues.length > MAX_ISSUES_REPORTED) lines.push(`… and ${issues.length - MAX_ISSUES_REPORTED} more problems`);
  return { ok: false, error: `plan JSON does not match Terraform's plan format: ${lines.join('; ')}` };
}

/** The checks whose message must stand alone (not a list of schema paths): version and errored plans. */
function refuseEnvelope(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return `plan JSON is ${Array.isArray(raw) ? 'an array' : raw === null ? 'null' : `a ${typeof raw}`}, not a plan object`;
  }
  const { format_version: version, errored } = raw as Record<string, unknown>;
  if (version === undefined) {
    return 'plan JSON has no format_version: expected the output of `terraform show -json <planfile>`';
  }
  if (typeof version !== 'string' || !SUPPORTED_FORMAT.test(version)) {
    const shown = typeof version === 'string' ? JSON.stringify(version.slice(0, 20)) : `a ${typeof version}`;
    return `plan JSON format_version ${shown} is not supported: infra-bot reads formats ${SUPPORTED_WORDS}`;
  }
  if (errored === true) {
    return (
      'Terraform reported this plan as errored: it is incomplete and cannot be reviewed or applied. ' +
      'Fix the error in the plan output and plan again.'
    );
  }
  return undefined;
}
