// Apply: carries out planned changes (imports, reads, forgets too) against state, optionally failing part-way.
import { CliExit, error } from './cli.mjs';
import {
  Scope,
  assignComputed,
  computedAttrs,
  parseValue,
  resolveAttrs,
  rfc3339Now,
  sameValue,
  typeOf,
} from './values.mjs';
import { evaluateOutputs } from './outputs.mjs';
import { readRemoteState } from './remote-state.mjs';
import { isChange } from './plan.mjs';
import { counts, kindOf } from './render.mjs';
import { writeState } from './state.mjs';

const VERBS = {
  create: ['Creating...', 'Creation complete', 'creating'],
  update: ['Modifying...', 'Modifications complete', 'updating'],
  delete: ['Destroying...', 'Destruction complete', 'deleting'],
};

/** A data source planned as `read` is read now, against the values applied so far. */
function readDuringApply(ctx, c, config, known, write) {
  const { values } = resolveAttrs(parseValue(config[c.address] ?? {}), known, c.address);
  write(`${c.address}: Reading...\n`);
  const read = readRemoteState(ctx, c, values);
  write(`${c.address}: Read complete after 0s\n`);
  known.set(c.address, { values: read, unknown: new Set() });
}

/**
 * Applies `changes` (resource_changes) to `state`. `order` lists configured addresses (resources and data sources)
 * in dependency order and `config` maps them to their raw attributes, so references resolve against freshly
 * applied values; `dataRead` holds the data sources the plan already read; `outputs` (name, rawValue, sensitive)
 * are evaluated last and saved with the resources.
 * Returns the new state and the output; throws CliExit (after writing the partial state) on a failure.
 */
export function applyChanges(ctx, plan) {
  const { changes, order, config, outputs, dataRead = [], destroy, statePath, state, failAfter, write } = plan;
  const byAddress = new Map(changes.map((c) => [c.address, c]));
  const resources = { ...state.resources };
  const entries = [
    ...Object.entries(resources).map(([a, v]) => [a, { values: v, unknown: new Set() }]),
    ...dataRead.map(({ address, values }) => [address, { values, unknown: new Set() }]),
  ];
  // One clock for the whole apply, as Terraform evaluates timestamp() while applying.
  const known = new Scope(entries, { now: rfc3339Now() });
  const sequence = [
    ...changes.filter((c) => ['delete', 'forget'].includes(c.change.actions.join())).reverse(),
    ...order.map((a) => byAddress.get(a)).filter((c) => c && isChange(c)),
  ];
  let done = 0;
  const persist = (nextOutputs = state.outputs) => {
    const outputsChanged = !sameValue(nextOutputs ?? {}, state.outputs ?? {});
    return done > 0 || outputsChanged ? writeState(ctx, statePath, state, resources, nextOutputs) : state;
  };

  try {
    for (const c of sequence) {
      if (c.mode === 'data') {
        readDuringApply(ctx, c, config, known, write);
        continue;
      }
      const kind = kindOf(c.change.actions);
      // A forget calls no provider, so it cannot fail like this.
      if (failAfter !== undefined && done >= failAfter && kind !== 'forget') {
        const [, , verb] = VERBS[kind === 'replace' ? 'delete' : kind] ?? ['', '', 'importing'];
        const target = resources[c.address]?.id ?? c.change.importing?.id ?? c.change.after?.bucket ?? c.name;
        throw new CliExit(1, [
          error(
            `${verb} ${c.type} (${target}): operation error: https response error StatusCode: 500, api error InternalError: We encountered an internal error. Please try again.`,
            `  with ${c.address},\n  on cdk.tf.json line 1, in resource.${c.type}.${c.name}:`,
          ),
        ]);
      }
      if (c.change.importing) {
        // The object the plan read under the import id becomes this stack's, then gets any planned change.
        const { id } = c.change.importing;
        write(`${c.address}: Importing... [id=${id}]\n${c.address}: Import complete [id=${id}]\n`);
        resources[c.address] = c.change.before;
        known.set(c.address, { values: c.change.before, unknown: new Set() });
      }
      const prior = resources[c.address];
      if (kind === 'forget') {
        // Dropped from state only: nothing is called, so Terraform prints nothing for it.
        delete resources[c.address];
        known.delete(c.address);
      }
      if (kind === 'delete' || kind === 'replace') {
        write(`${c.address}: ${VERBS.delete[0]} [id=${prior?.id}]\n${c.address}: ${VERBS.delete[1]} after 0s\n`);
        delete resources[c.address];
        known.delete(c.address);
      }
      if (!['delete', 'forget', 'no-op'].includes(kind)) {
        const { values } = resolveAttrs(parseValue(config[c.address] ?? {}), known, `resource.${c.address}`);
        let next;
        if (kind === 'update') {
          next = { ...Object.fromEntries(computedAttrs(c.type).map((k) => [k, prior[k]])), ...values };
          for (const [k, v] of Object.entries(c.change.after)) if (v === null && !(k in values)) next[k] = null;
          write(`${c.address}: ${VERBS.update[0]} [id=${prior.id}]\n`);
        } else {
          next = assignComputed(typeOf(c.address), values);
          write(`${c.address}: ${VERBS.create[0]}\n`);
        }
        write(`${c.address}: ${VERBS[kind === 'update' ? 'update' : 'create'][1]} after 0s [id=${next.id}]\n`);
        resources[c.address] = next;
        known.set(c.address, { values: next, unknown: new Set() });
      }
      done++;
    }
    const outputConfig = { outputs: (outputs ?? []).map((o) => ({ ...o, value: parseValue(o.rawValue) })) };
    const finalOutputs = evaluateOutputs(outputConfig, known, { destroy });
    return { state: persist(finalOutputs), counts: counts(sequence), outputs: finalOutputs };
  } catch (err) {
    // What was applied before the failure is kept, as Terraform persists a partial apply.
    if (err instanceof CliExit) persist();
    throw err;
  }
}
