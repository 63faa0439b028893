// Root module outputs: planned as Terraform's output_changes, saved in state at apply, shown by `show -json`.
import { ctyType, resolvePartial, sameValue } from './values.mjs';

const byName = (entries) => Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * Terraform's `output_changes` for the configured outputs against those in state (node_output.go): `no-op` when the
 * value and its sensitivity are unchanged (or null before and after), `create` for an output new to state, `update`
 * otherwise (also whenever the value is not known yet), `delete` for an output in state that is no longer configured
 * (every output with `destroy`). Both sensitivity marks are "was or is sensitive", as Terraform writes them.
 */
export function planOutputs(config, state, known, { destroy }) {
  const prior = state.outputs ?? {};
  const changes = [];
  const configured = destroy ? [] : config.outputs;
  for (const output of configured) {
    const { value, unknown } = resolvePartial(output.value, known, `output.${output.name}`);
    const before = prior[output.name];
    const sensitive = (before?.sensitive ?? false) || output.sensitive;
    let action = 'update';
    if (unknown === false && value === null && !before) action = 'no-op';
    else if (!before) action = 'create';
    else if (unknown === false && sameValue(value, before.value) && output.sensitive === before.sensitive)
      action = 'no-op';
    const change = { actions: [action], before: before?.value ?? null };
    if (unknown !== true) change.after = value;
    Object.assign(change, { after_unknown: unknown, before_sensitive: sensitive, after_sensitive: sensitive });
    changes.push([output.name, change]);
  }
  const names = new Set(configured.map((o) => o.name));
  for (const [name, before] of Object.entries(prior).filter(([n]) => !names.has(n))) {
    const change = { actions: ['delete'], before: before.value, after: null, after_unknown: false };
    changes.push([name, { ...change, before_sensitive: before.sensitive, after_sensitive: before.sensitive }]);
  }
  return byName(changes);
}

/** The outputs state holds after apply: every configured output with a non-null value (Terraform drops nulls). */
export function evaluateOutputs(config, known, { destroy }) {
  if (destroy) return {};
  const outputs = [];
  for (const output of config.outputs) {
    const { value } = resolvePartial(output.value, known, `output.${output.name}`);
    if (value !== null && value !== undefined) outputs.push([output.name, { value, sensitive: output.sensitive }]);
  }
  return byName(outputs);
}

/** `planned_values.outputs`: value and type only where the value is wholly known. */
export function plannedOutputs(outputChanges) {
  const entries = Object.entries(outputChanges)
    .filter(([, c]) => c.actions[0] !== 'delete')
    .map(([name, c]) => {
      const known = c.after_unknown === false;
      return [name, { sensitive: c.after_sensitive, ...(known ? { type: ctyType(c.after), value: c.after } : {}) }];
    });
  return byName(entries);
}

/** Outputs as the JSON state representation shows them (`values.outputs`). */
export function stateOutputs(outputs) {
  const entries = Object.entries(outputs ?? {}).map(([name, o]) => [
    name,
    { sensitive: o.sensitive, value: o.value, type: ctyType(o.value) },
  ]);
  return byName(entries);
}

/**
 * The outputs of the refreshed state a plan reports as `prior_state`: Terraform writes every wholly known planned
 * value into it while planning (and drops those that became null), so a new output already shows there.
 */
export function refreshedOutputs(stateOutputsBefore, outputChanges) {
  const outputs = { ...(stateOutputsBefore ?? {}) };
  for (const [name, c] of Object.entries(outputChanges)) {
    if (c.actions[0] === 'delete' || c.after_unknown !== false) continue;
    if (c.after === null) delete outputs[name];
    else outputs[name] = { value: c.after, sensitive: c.after_sensitive };
  }
  return outputs;
}

/** Output values as `terraform apply` prints them after "Apply complete!" (views/output.go). */
export function formatOutputs(outputs) {
  const lines = Object.entries(outputs).map(([name, o]) => `${name} = ${o.sensitive ? '<sensitive>' : hcl(o.value)}`);
  return lines.length ? `\nOutputs:\n\n${lines.join('\n')}\n` : '';
}

function hcl(value, indent = '') {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return value.length ? `[\n${value.map((v) => `${inner}${hcl(v, inner)},\n`).join('')}${indent}]` : '[]';
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    const width = Math.max(0, ...entries.map(([k]) => JSON.stringify(k).length));
    const lines = entries.map(([k, v]) => `${inner}${JSON.stringify(k).padEnd(width)} = ${hcl(v, inner)}\n`);
    return entries.length ? `{\n${lines.join('')}${indent}}` : '{}';
  }
  return JSON.stringify(value);
}
