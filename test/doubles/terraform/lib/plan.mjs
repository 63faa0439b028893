// Plan: compares the configuration with state, producing Terraform's resource_changes and output_changes.
import { fail, warning } from './cli.mjs';
import { DataRef, Expr, Ref, byAddress, providerFor, providerSource } from './config.mjs';
import { NOT_IMPORTABLE, failNonExistent, findRealObject, importId, importsByTarget } from './import.mjs';
import { planOutputs, plannedOutputs, refreshedOutputs, stateOutputs } from './outputs.mjs';
import { REMOTE_STATE_PROVIDER, readRemoteState } from './remote-state.mjs';
import {
  FORCE_NEW,
  Scope,
  blockOf,
  computedAttrs,
  dependencyOrder,
  isSensitive,
  parseAddress,
  requireDeclared,
  resolveAttrs,
  resolvePartial,
  sameValue,
  sensitiveMask,
  sensitiveShape,
  typeOf,
} from './values.mjs';

const trueFor = (keys) => Object.fromEntries(keys.map((k) => [k, true]));

function baseChange(config, address) {
  const { mode, type, name } = parseAddress(address);
  const provider =
    mode === 'data' ? REMOTE_STATE_PROVIDER : providerFor(type, config?.requiredProviders ?? {}).fullName;
  return { address, mode, type, name, provider_name: provider };
}

function deleteChange(ctx, config, address, before) {
  const type = typeOf(address);
  return {
    ...baseChange(config, address),
    change: {
      actions: ['delete'],
      before,
      after: null,
      after_unknown: {},
      before_sensitive: sensitiveMask(ctx, type, Object.keys(before)),
      after_sensitive: false,
    },
  };
}

/**
 * A `removed` block with `destroy = false`: the object leaves state and is left running (Terraform >= 1.7). The
 * reason is the one Terraform gives every object no longer configured.
 */
function forgetChange(ctx, config, address, before) {
  const change = deleteChange(ctx, config, address, before);
  return {
    ...change,
    change: { ...change.change, actions: ['forget'] },
    action_reason: 'delete_because_no_resource_config',
  };
}

/** The removed blocks by address; one naming a resource still configured fails as Terraform's does. */
function removedByAddress(config) {
  const configured = new Set(config.resources.map((r) => r.address));
  const byAddress = new Map();
  for (const block of config.removed) {
    if (configured.has(block.from)) {
      fail(
        'Removed resource still exists',
        `This statement declares that ${block.from} was removed, but it is still declared in configuration.`,
      );
    }
    byAddress.set(block.from, block);
  }
  return byAddress;
}

/** Decides the action for one configured resource and records what later references can know about it. */
function planResource(ctx, config, r, prior, known) {
  const { values, unknown } = resolveAttrs(r.attrs, known, blockOf(r));
  const computed = computedAttrs(r.type);
  const base = baseChange(config, r.address);
  const createLike = (actions, before, extra) => {
    const unknownKeys = [...new Set([...computed, ...unknown])];
    known.set(r.address, { values, unknown: new Set(unknownKeys), pending: true });
    return {
      ...base,
      change: {
        actions,
        before,
        after: values,
        after_unknown: trueFor(unknownKeys),
        before_sensitive: before ? sensitiveMask(ctx, r.type, Object.keys(before)) : false,
        after_sensitive: sensitiveMask(ctx, r.type, [...Object.keys(values), ...unknown]),
        ...extra,
      },
    };
  };
  if (!prior) return createLike(['create'], null, {});

  const configured = Object.keys(r.attrs);
  const removed = Object.keys(prior).filter((k) => !computed.includes(k) && !configured.includes(k));
  const changed = [
    ...configured.filter((k) => unknown.includes(k) || !sameValue(values[k], prior[k])),
    ...removed.filter((k) => prior[k] !== null),
  ];
  if (changed.length === 0) {
    known.set(r.address, { values: prior, unknown: new Set(), pending: false });
    const mask = sensitiveMask(ctx, r.type, Object.keys(prior));
    const change = { actions: ['no-op'], before: prior, after: prior, after_unknown: {} };
    return { ...base, change: { ...change, before_sensitive: mask, after_sensitive: mask } };
  }
  const forcing = changed.filter((k) => (FORCE_NEW[r.type] ?? []).includes(k));
  if (forcing.length > 0) {
    return createLike(['delete', 'create'], prior, { replace_paths: forcing.map((k) => [k]) });
  }
  const after = { ...Object.fromEntries(computed.map((k) => [k, prior[k]])), ...values };
  removed.forEach((k) => (after[k] = null));
  known.set(r.address, { values: after, unknown: new Set(unknown), pending: true });
  return {
    ...base,
    change: {
      actions: ['update'],
      before: prior,
      after,
      after_unknown: trueFor(unknown),
      before_sensitive: sensitiveMask(ctx, r.type, Object.keys(prior)),
      after_sensitive: sensitiveMask(ctx, r.type, [...Object.keys(after), ...unknown]),
    },
  };
}

const sortKeys = (object) => Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : 1)));

/**
 * A remote state data source is read now, unless its configuration is not wholly known yet (a `timestamp()`, a
 * reference to something being created) or a `depends_on` target has changes: then Terraform plans a `read`
 * during apply, and everything that refers to it is unknown until then. A read at plan is no resource change.
 */
function planDataSource(ctx, config, source, known, planned) {
  const resolved = resolvePartial(source.attrs, known, blockOf(source));
  const dependencyPending = source.dependsOn.some((a) => (planned.get(a)?.change.actions ?? ['no-op'])[0] !== 'no-op');
  if (resolved.unknown === false && !dependencyPending) {
    ctx.out(`${source.address}: Reading...\n`);
    const values = readRemoteState(ctx, source, resolved.value);
    ctx.out(`${source.address}: Read complete after 0s\n`);
    known.set(source.address, { values, unknown: new Set(), pending: false });
    return { read: { address: source.address, values } };
  }
  known.set(source.address, { values: {}, unknown: new Set(), pending: true });
  // The planned object is the configuration with its unset arguments null and the computed `outputs` unknown.
  const unknown = resolved.unknown === false ? {} : resolved.unknown;
  const blank = { backend: null, config: null, defaults: null, workspace: null };
  const after = sortKeys(
    Object.fromEntries(Object.entries({ ...blank, ...resolved.value }).filter(([k]) => unknown[k] !== true)),
  );
  const change = {
    ...baseChange(config, source.address),
    change: {
      actions: ['read'],
      before: null,
      after,
      after_unknown: sortKeys({ ...unknown, outputs: true }),
      before_sensitive: false,
      after_sensitive: sensitiveShape(after),
    },
    action_reason: resolved.unknown === false ? 'read_because_dependency_pending' : 'read_because_config_unknown',
  };
  return { change };
}

/**
 * An import block's target not yet in state: the object the id names is read (or the plan fails as Terraform's
 * does) and the resource is planned against it, its change marked `importing`. Terraform ignores an import block
 * whose target is already in state.
 */
function planImport(ctx, config, r, block, known, statePath) {
  if (NOT_IMPORTABLE.has(r.type)) {
    // The provider's answer when its resource has no importer (terraform-plugin-sdk's ImportResourceState).
    fail('Resource Import Not Implemented', `This resource does not support import. Resource type: ${r.type}`);
  }
  const id = importId(block, known);
  ctx.out(`${r.address}: Preparing import... [id=${id}]\n`);
  const imported = findRealObject(ctx, config, statePath, r.type, id);
  if (!imported) failNonExistent(ctx, r.address);
  ctx.out(`${r.address}: Refreshing state... [id=${id}]\n`);
  const planned = planResource(ctx, config, r, imported, known);
  return { ...planned, change: { ...planned.change, importing: { id } } };
}

/**
 * resource_changes in Terraform's order (by address), and the data sources read while planning (`dataRead`:
 * they are in the refreshed state, not in resource_changes).
 */
function resourceChanges(ctx, config, state, known, { destroy, statePath }) {
  const inState = Object.keys(state.resources);
  if (destroy) {
    return { changes: inState.sort().map((a) => deleteChange(ctx, config, a, state.resources[a])), dataRead: [] };
  }
  const imports = importsByTarget(ctx, config);
  const removed = removedByAddress(config);
  const planned = new Map();
  const dataRead = [];
  for (const node of dependencyOrder([...config.resources, ...config.dataSources])) {
    const prior = state.resources[node.address];
    if (node.mode === 'data') {
      const { change, read } = planDataSource(ctx, config, node, known, planned);
      if (change) planned.set(node.address, change);
      else dataRead.push(read);
    } else if (!prior && imports.has(node.address)) {
      planned.set(node.address, planImport(ctx, config, node, imports.get(node.address), known, statePath));
    } else {
      planned.set(node.address, planResource(ctx, config, node, prior, known));
    }
  }
  const changes = [...planned.values()];
  const configured = new Set(config.resources.map((r) => r.address));
  for (const address of inState.filter((a) => !configured.has(a))) {
    const forget = removed.get(address)?.destroy === false;
    changes.push((forget ? forgetChange : deleteChange)(ctx, config, address, state.resources[address]));
  }
  const withReason = changes.map((c) =>
    c.change.actions.length === 2 ? { ...c, action_reason: 'replace_because_cannot_update' } : c,
  );
  return { changes: withReason.sort(byAddress), dataRead };
}

/**
 * The whole plan: `resourceChanges` (resource_changes), `outputChanges` (output_changes, evaluated once every
 * resource is planned, so a reference to one being created is unknown) and `dataRead` (data sources read now).
 */
export function computePlan(ctx, config, state, { destroy, statePath }) {
  const declared = new Set([...config.resources, ...config.dataSources].map((n) => n.address));
  config.outputs.forEach((o) => requireDeclared(o.value, declared, `output.${o.name}`));
  const known = new Scope();
  const { changes, dataRead } = resourceChanges(ctx, config, state, known, { destroy, statePath });
  const outputChanges = planOutputs(config, state, known, { destroy });
  return { resourceChanges: changes, outputChanges, dataRead };
}

/**
 * Diagnostics a successful plan still reports, as Terraform prints them after the plan: the warning about objects
 * a `removed` block forgets.
 */
export function planWarnings(ctx, { resourceChanges: changes }) {
  const forgotten = changes.filter((c) => c.change.actions[0] === 'forget').map((c) => ` - ${c.address}`);
  if (forgotten.length === 0) return [];
  const name = ctx.brand.name;
  return [
    warning(
      `Some objects will no longer be managed by ${name}`,
      `If you apply this plan, ${name} will discard its tracking information for the following objects, but it will not delete them:\n${forgotten.join('\n')}\n\n` +
        `After applying this plan, ${name} will no longer manage these objects. You will need to import them into ${name} to manage them again.`,
    ),
  ];
}

/** Whether a resource change does something: an action, or an import (Terraform's Changes.Empty). */
export const isChange = (c) => c.change.actions[0] !== 'no-op' || c.change.importing !== undefined;

/** Whether applying would change anything: a resource change, or an output to save. */
export const hasChanges = ({ resourceChanges: changes, outputChanges }) =>
  changes.some(isChange) || Object.values(outputChanges).some((c) => c.actions[0] !== 'no-op');

function stateResource(r, values, sensitive) {
  const { address, mode, type, name, provider_name } = r;
  return { address, mode, type, name, provider_name, schema_version: 0, values, sensitive_values: sensitive };
}

function expressionOf(value) {
  const refs = new Set();
  const walk = (v) => {
    if (v instanceof Ref) [`${v.address}.${v.attr}`, v.address].forEach((x) => refs.add(x));
    // Longest traversal first, down to the data source itself, as Terraform lists them.
    else if (v instanceof DataRef) {
      v.path.forEach((_, i) => refs.add(`${v.address}.${v.path.slice(0, v.path.length - i).join('.')}`));
      refs.add(v.address);
    } else if (v instanceof Expr) v.references.forEach((x) => refs.add(x));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return refs.size > 0 ? { references: [...refs] } : null;
}

function outputExpression(output) {
  return expressionOf(output.value) ?? { constant_value: output.rawValue };
}

function configuration(ctx, config) {
  const providerConfig = {};
  for (const r of config.resources) {
    const p = providerFor(r.type, config.requiredProviders);
    const block = [config.providerBlocks[p.local] ?? []].flat()[0] ?? {};
    const expressions = Object.fromEntries(
      Object.entries(block)
        .filter(([k, v]) => !isSensitive(ctx, '', k) && typeof v !== 'object')
        .map(([k, v]) => [k, { constant_value: v }]),
    );
    providerConfig[p.local] = { name: p.local, full_name: p.fullName, expressions };
  }
  for (const [local, req] of Object.entries(config.requiredProviders)) {
    providerConfig[local] ??= { name: local, full_name: providerSource(local, req.source).fullName };
    if (req.version) providerConfig[local].version_constraint = req.version;
  }
  if (config.dataSources.length) providerConfig.terraform = { name: 'terraform', full_name: REMOTE_STATE_PROVIDER };
  const resources = [...config.resources, ...config.dataSources].map((r) => ({
    address: r.address,
    mode: r.mode ?? 'managed',
    type: r.type,
    name: r.name,
    provider_config_key: r.mode === 'data' ? 'terraform' : providerFor(r.type, config.requiredProviders).local,
    expressions: Object.fromEntries(
      Object.entries(r.attrs).map(([k, v]) => [k, expressionOf(v) ?? { constant_value: r.rawAttrs[k] }]),
    ),
    schema_version: 0,
  }));
  const outputs = Object.fromEntries(
    [...config.outputs]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((o) => [o.name, { expression: outputExpression(o), ...(o.sensitive ? { sensitive: true } : {}) }]),
  );
  const rootModule = {};
  if (config.outputs.length) rootModule.outputs = outputs;
  if (resources.length) rootModule.resources = resources;
  return { provider_config: providerConfig, root_module: rootModule };
}

/**
 * The JSON state representation's `values` (`show -json`, `prior_state`); `dataRead` adds the data sources a plan
 * read, which Terraform keeps in the refreshed state.
 */
export function stateValues(ctx, config, state, outputs = state.outputs, dataRead = []) {
  const resources = Object.entries(state.resources).map(([address, values]) =>
    stateResource(baseChange(config, address), values, sensitiveMask(ctx, typeOf(address), Object.keys(values))),
  );
  for (const { address, values } of dataRead) {
    resources.push(stateResource(baseChange(config, address), values, sensitiveShape(values)));
  }
  const values = {};
  if (Object.keys(outputs ?? {}).length) values.outputs = stateOutputs(outputs);
  values.root_module = resources.length ? { resources: resources.sort(byAddress) } : {};
  return values;
}

/**
 * Terraform's JSON plan representation (`show -json <planfile>`), format_version 1.2. Like Terraform it leaves out
 * `output_changes` when no output is configured or in state, and reports `prior_state` when state holds anything.
 */
export function planRepresentation(ctx, config, state, plan, drift = []) {
  const { resourceChanges: changes, outputChanges } = plan;
  const planned = changes
    .filter((c) => !c.change.actions.includes('delete') || c.change.actions.includes('create'))
    .map((c) => {
      // Terraform 1.9 lists a forgotten object here too, with no values (its planned object is null).
      if (c.change.actions[0] === 'forget') {
        const { values: _none, ...forgotten } = stateResource(c, null, false);
        return forgotten;
      }
      return stateResource(c, c.change.after, c.change.after_sensitive || {});
    });
  const plannedValues = {};
  if (Object.keys(outputChanges).length) plannedValues.outputs = plannedOutputs(outputChanges);
  plannedValues.root_module = planned.length ? { resources: planned } : {};
  const json = {
    format_version: '1.2',
    terraform_version: ctx.brand.version,
    planned_values: plannedValues,
    resource_changes: changes,
  };
  if (Object.keys(outputChanges).length) json.output_changes = outputChanges;
  if (drift.length) json.resource_drift = drift;
  const prior = stateValues(ctx, config, state, refreshedOutputs(state.outputs, outputChanges), plan.dataRead);
  if (prior.outputs || prior.root_module.resources) {
    json.prior_state = { format_version: '1.0', terraform_version: ctx.brand.version, values: prior };
  }
  json.configuration = config ? configuration(ctx, config) : { root_module: {} };
  json.timestamp = new Date().toISOString();
  json.applyable = hasChanges(plan);
  json.complete = true;
  json.errored = false;
  return json;
}
