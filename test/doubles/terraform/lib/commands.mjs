// The subcommands: init (init.mjs), plan, show, apply, destroy, version.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FLAGS, fail, parseFlags } from './cli.mjs';
import { requireProviderAuth } from './auth.mjs';
import { loadConfig } from './config.mjs';
import { applyChanges } from './apply.mjs';
import { formatOutputs } from './outputs.mjs';
import { computePlan, hasChanges, planRepresentation, planWarnings, stateValues } from './plan.mjs';
import { refreshState } from './refresh.mjs';
import { renderPlan } from './render.mjs';
import { backendHash, readState, requireBackendCredentials, requireInit, stateLocation } from './state.mjs';
import { dependencyOrder, typeOf } from './values.mjs';
import { echoEnvIfAsked, failIfAsked, hangIfAsked, noiseIfAsked } from './faults.mjs';

export { init } from './init.mjs';

const PLAN_FORMAT = 'tf-double-plan/1';

function requireConfig(config, what) {
  if (!config) {
    fail('No configuration files', `${what} requires configuration to be present in the working directory.`);
  }
  return config;
}

export async function plan(ctx, args) {
  const { flags } = parseFlags(args, FLAGS.plan);
  const config = requireConfig(loadConfig(ctx.cwd), 'Plan');
  requireInit(ctx, config.backend);
  const statePath = stateLocation(ctx, config.backend);
  requireBackendCredentials(ctx, config.backend);
  const stored = readState(statePath);
  const types = [...config.resources.map((r) => r.type), ...Object.keys(stored.resources).map(typeOf)];
  requireProviderAuth(ctx, config, types);
  const { state, drift } = refreshState(ctx, config, stored, { refresh: flags.refresh !== false });
  echoEnvIfAsked(ctx);
  noiseIfAsked(ctx);
  await hangIfAsked(ctx, 'plan');
  failIfAsked(ctx.env, 'plan');
  const destroy = flags.destroy === true;
  const planned = computePlan(ctx, config, state, { destroy, statePath });
  const json = planRepresentation(ctx, config, state, planned, drift);
  if (flags.out) {
    const planFile = {
      format: PLAN_FORMAT,
      destroy,
      backend: config.backend,
      backendHash: backendHash(config.backend),
      statePath,
      stateSerial: state.serial,
      stateLineage: state.lineage,
      // What the refresh read: the apply starts from it, as Terraform persists a refreshed state.
      refreshedResources: state.resources,
      ...applyInputs(config, planned, destroy),
      planJson: json,
      human: renderPlan(ctx, planned, { destroy }),
    };
    writeFileSync(resolve(ctx.cwd, flags.out), JSON.stringify(planFile));
  }
  const warnings = ctx.format(planWarnings(ctx, planned));
  ctx.out(renderPlan(ctx, planned, { destroy, out: flags.out, warnings }));
  return flags['detailed-exitcode'] && hasChanges(planned) ? 2 : 0;
}

/**
 * What apply needs besides the planned changes: the dependency order of resources and data sources, their raw
 * configuration and the outputs' (references resolve against freshly applied values), and the data sources the
 * plan read (apply does not read them again, as Terraform does not).
 */
function applyInputs(config, planned, destroy) {
  const nodes = [...config.resources, ...config.dataSources];
  return {
    order: destroy ? [] : dependencyOrder(nodes).map((r) => r.address),
    config: Object.fromEntries(nodes.map((r) => [r.address, r.rawAttrs])),
    outputs: config.outputs.map(({ name, rawValue, sensitive }) => ({ name, rawValue, sensitive })),
    dataRead: planned.dataRead,
  };
}

function readPlanFile(ctx, path) {
  let data;
  try {
    data = JSON.parse(readFileSync(resolve(ctx.cwd, path), 'utf8'));
  } catch (err) {
    data = { error: err.message };
  }
  if (data.format !== PLAN_FORMAT) {
    fail(`Failed to load "${path}" as a plan file`, `Error: ${data.error ?? 'not a plan file written by the double'}`);
  }
  return data;
}

export async function show(ctx, args) {
  const { flags, positional } = parseFlags(args, FLAGS.show);
  failIfAsked(ctx.env, 'show');
  await hangIfAsked(ctx, 'show');
  if (positional.length === 0) {
    const config = requireConfig(loadConfig(ctx.cwd), 'Show');
    const state = readState(stateLocation(ctx, config.backend));
    const values = stateValues(ctx, config, state);
    ctx.out(
      flags.json
        ? `${JSON.stringify({ format_version: '1.0', terraform_version: ctx.brand.version, values })}\n`
        : '\n',
    );
    return 0;
  }
  const planFile = readPlanFile(ctx, positional[0]);
  if (!existsSync(join(ctx.cwd, '.terraform'))) {
    fail('Failed to load plugin schemas', 'Error while loading schemas for plugin components: run init first.');
  }
  ctx.out(flags.json ? `${JSON.stringify(planFile.planJson)}\n` : planFile.human);
  return 0;
}

function finish(ctx, destroy, result) {
  const n = result.counts;
  if (destroy) {
    ctx.out(`\nDestroy complete! Resources: ${n.destroy} destroyed.\n`);
    return;
  }
  const imported = n.import > 0 ? `${n.import} imported, ` : '';
  const summary = `${imported}${n.add} added, ${n.change} changed, ${n.destroy} destroyed.`;
  ctx.out(`\nApply complete! Resources: ${summary}\n${formatOutputs(result.outputs)}`);
}

export async function apply(ctx, args) {
  const { flags, positional } = parseFlags(args, FLAGS.apply);
  if (positional.length === 0) return planAndApply(ctx, flags, 'apply', false);
  const planFile = readPlanFile(ctx, positional[0]);
  requireInit(ctx, planFile.backend);
  requireBackendCredentials(ctx, planFile.backend);
  const changes = planFile.planJson.resource_changes;
  requireProviderAuth(
    ctx,
    { providerBlocks: {} },
    changes.map((c) => c.type),
  );
  await hangIfAsked(ctx, 'apply');
  failIfAsked(ctx.env, 'apply');
  const stored = readState(planFile.statePath);
  if (stored.serial !== planFile.stateSerial || stored.lineage !== planFile.stateLineage) {
    fail(
      'Saved plan is stale',
      'The given plan file can no longer be applied because the state was changed by another operation\nafter the plan was created.',
    );
  }
  const state = { ...stored, resources: planFile.refreshedResources ?? stored.resources };
  const result = applyChanges(ctx, { ...planFile, changes, state, failAfter: failAfter(ctx), write: ctx.out });
  finish(ctx, planFile.destroy, result);
  return 0;
}

const failAfter = (ctx) =>
  ctx.env.TF_DOUBLE_APPLY_FAIL_AFTER === undefined ? undefined : Number(ctx.env.TF_DOUBLE_APPLY_FAIL_AFTER);

/** `destroy -auto-approve` and `apply -auto-approve`: plan and apply in one step. */
async function planAndApply(ctx, flags, phase, destroy) {
  if (!flags['auto-approve']) {
    fail(
      'Approval required',
      `${ctx.brand.cmd} ${phase} cannot ask for approval with -input=false: pass -auto-approve.`,
    );
  }
  const config = requireConfig(loadConfig(ctx.cwd), phase === 'destroy' ? 'Destroy' : 'Apply');
  requireInit(ctx, config.backend);
  const statePath = stateLocation(ctx, config.backend);
  requireBackendCredentials(ctx, config.backend);
  const state = readState(statePath);
  const planned = computePlan(ctx, config, state, { destroy, statePath });
  const changes = planned.resourceChanges;
  requireProviderAuth(
    ctx,
    config,
    changes.map((c) => c.type),
  );
  ctx.out(renderPlan(ctx, planned, { destroy, warnings: ctx.format(planWarnings(ctx, planned)) }));
  await hangIfAsked(ctx, phase);
  failIfAsked(ctx.env, phase);
  const result = applyChanges(ctx, {
    changes,
    ...applyInputs(config, planned, destroy),
    destroy,
    statePath,
    state,
    failAfter: failAfter(ctx),
    write: ctx.out,
  });
  finish(ctx, destroy, result);
  return 0;
}

export async function destroy(ctx, args) {
  const { flags } = parseFlags(args, FLAGS.destroy);
  return planAndApply(ctx, flags, 'destroy', true);
}

export async function version(ctx, args) {
  const { flags } = parseFlags(args, FLAGS.version);
  if (flags.json) {
    const out = { terraform_version: ctx.brand.version, platform: 'linux_amd64', provider_selections: {} };
    ctx.out(`${JSON.stringify({ ...out, terraform_outdated: false }, null, 2)}\n`);
  } else {
    ctx.out(`${ctx.brand.name} v${ctx.brand.version}\non linux_amd64\n`);
  }
  return 0;
}
