// Terraform's machine-readable plan (`terraform show -json <planfile>`), as documented at
// https://developer.hashicorp.com/terraform/internals/json-format. Unknown properties are ignored (the format
// promises only additive minor versions); the properties we read are checked strictly, and a major version other
// than 1 is rejected, as the documentation asks of consumers.
import { z } from 'zod';

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
  provider_name: z.string(),
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

const planSchema = z.object({
  format_version: z.string().regex(/^1\.\d+$/, 'must be a 1.x format version (a new major version is not supported)'),
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
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // V8's message quotes a slice of the input, which may hold sensitive values: say only what failed.
    return { ok: false, error: `plan JSON is not valid JSON (${text.length} characters)` };
  }
  const parsed = planSchema.safeParse(raw);
  if (parsed.success) return { ok: true, plan: parsed.data };
  const issues = parsed.error.issues;
  const lines = issues
    .slice(0, MAX_ISSUES_REPORTED)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`);
  if (issues.length > MAX_ISSUES_REPORTED) lines.push(`… and ${issues.length - MAX_ISSUES_REPORTED} more problems`);
  return { ok: false, error: `plan JSON does not match Terraform's plan format: ${lines.join('; ')}` };
}
