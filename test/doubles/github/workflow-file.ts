import { parse } from 'yaml';
import { HttpError } from './model.js';

/**
 * What the double reads from a workflow file to accept or refuse a workflow_dispatch the way GitHub does: the declared
 * inputs (unknown, missing required, choice and boolean values, the 65,535-character budget) and `run-name`.
 */
export interface WorkflowInput {
  required: boolean;
  type: string;
  default?: string;
  options?: string[];
}

export interface WorkflowFile {
  name: string;
  runName: string | undefined;
  inputs: Map<string, WorkflowInput>;
}

const MAX_INPUTS_CHARS = 65_535;

export function parseWorkflowFile(path: string, text: string): WorkflowFile {
  const doc = parse(text) as Record<string, unknown> | null;
  const on = (doc?.on ?? doc?.true) as Record<string, unknown> | string | undefined;
  const dispatch =
    typeof on === 'object' && on !== null && 'workflow_dispatch' in on ? on.workflow_dispatch : undefined;
  if (dispatch === undefined && on !== 'workflow_dispatch') {
    throw new HttpError(422, "Workflow does not have 'workflow_dispatch' trigger");
  }
  const declared = ((dispatch as { inputs?: Record<string, Record<string, unknown>> } | null)?.inputs ?? {}) as Record<
    string,
    Record<string, unknown>
  >;
  const inputs = new Map<string, WorkflowInput>();
  for (const [name, spec] of Object.entries(declared)) {
    inputs.set(name, {
      required: spec.required === true,
      type: typeof spec.type === 'string' ? spec.type : 'string',
      ...(spec.default === undefined ? {} : { default: String(spec.default) }),
      ...(Array.isArray(spec.options) ? { options: spec.options.map(String) } : {}),
    });
  }
  return {
    name: typeof doc?.name === 'string' ? doc.name : path,
    runName: typeof doc?.['run-name'] === 'string' ? doc['run-name'] : undefined,
    inputs,
  };
}

/** The inputs a run sees (defaults filled in, values as strings), or GitHub's 422 for what it would refuse. */
export function acceptInputs(workflow: WorkflowFile, given: unknown): Record<string, string> {
  const values = (given ?? {}) as Record<string, unknown>;
  if (typeof values !== 'object' || Array.isArray(values)) throw new HttpError(422, 'inputs must be an object');
  if (JSON.stringify(values).length > MAX_INPUTS_CHARS) {
    throw new HttpError(422, `inputs are too large: at most ${MAX_INPUTS_CHARS} characters`);
  }
  const unexpected = Object.keys(values).filter((name) => !workflow.inputs.has(name));
  if (unexpected.length > 0) throw new HttpError(422, `Unexpected inputs provided: ${JSON.stringify(unexpected)}`);
  const out: Record<string, string> = {};
  for (const [name, input] of workflow.inputs) {
    const value = values[name];
    if (value === undefined || value === '') {
      if (input.required && input.default === undefined)
        throw new HttpError(422, `Required input '${name}' not provided`);
      out[name] = input.default ?? '';
      continue;
    }
    const text = String(value);
    if (input.type === 'boolean' && text !== 'true' && text !== 'false') {
      throw new HttpError(422, `Provided value '${text}' for input '${name}' is not a boolean`);
    }
    if (input.type === 'choice' && !input.options?.includes(text)) {
      throw new HttpError(422, `Provided value '${text}' for input '${name}' not in the list of allowed values`);
    }
    out[name] = text;
  }
  return out;
}

/** `run-name` with `${{ inputs.x }}` filled in (other expressions left empty), or the workflow's name. */
export function displayTitle(workflow: WorkflowFile, inputs: Record<string, string>): string {
  if (workflow.runName === undefined) return workflow.name;
  return workflow.runName
    .replace(/\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}/g, (_m, name: string) => inputs[name] ?? '')
    .replace(/\$\{\{[^}]*\}\}/g, '');
}
