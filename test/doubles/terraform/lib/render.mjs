// Human-readable output in the shape Terraform prints it (enough for logs to look and size like the real thing),
// after Terraform's internal/command/jsonformat/plan.go.
import { isChange } from './plan.mjs';
import { isSensitive } from './values.mjs';

/** Terraform's action symbols (format.DiffActionSymbol); forget's is two characters wide. */
const SYMBOL = {
  create: '  +',
  update: '  ~',
  delete: '  -',
  replace: '-/+',
  read: ' <=',
  'no-op': '   ',
  forget: ' .',
};
/** Legend lines, in Terraform's order. */
const LEGEND = {
  create: '  + create',
  update: '  ~ update in-place',
  delete: '  - destroy',
  replace: '-/+ destroy and then create replacement',
  read: ' <= read (data resources)',
};
const HEADLINE = {
  create: 'will be created',
  update: 'will be updated in-place',
  delete: 'will be destroyed',
  replace: 'must be replaced',
  read: 'will be read during apply',
  'no-op': 'will be imported',
};
/** Attributes Terraform shows even when it hides the unchanged ones (renderers.importantAttribute). */
const IDENTIFYING = ['id', 'name', 'tags'];
const READ_REASON = {
  read_because_config_unknown: '(config refers to values not yet known)',
  read_because_dependency_pending: '(depends on a resource or a module with changes pending)',
};

export const kindOf = (actions) => (actions.length === 2 ? 'replace' : actions[0]);

function show(ctx, type, key, value, unknown) {
  if (unknown) return '(known after apply)';
  if (isSensitive(ctx, type, key)) return '(sensitive value)';
  return JSON.stringify(value);
}

/** A forgotten object: its identifying attributes, the rest counted as hidden. */
function forgetLines(ctx, c) {
  const keys = Object.keys(c.change.before).sort();
  const shown = keys.filter((k) => IDENTIFYING.includes(k));
  const width = Math.max(0, ...shown.map((k) => k.length));
  const lines = shown.map((k) => `        ${k.padEnd(width)} = ${show(ctx, c.type, k, c.change.before[k], false)}`);
  const hidden = keys.length - shown.length;
  if (hidden > 0) lines.push(`        # (${hidden} unchanged attribute${hidden === 1 ? '' : 's'} hidden)`);
  return lines;
}

function attributeLines(ctx, c) {
  const { before, after, after_unknown: unknown } = c.change;
  const kind = kindOf(c.change.actions);
  if (kind === 'forget') return forgetLines(ctx, c);
  const keys = [
    ...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {}), ...Object.keys(unknown)]),
  ].sort();
  const forcing = new Set((c.change.replace_paths ?? []).map((p) => p[0]));
  const width = Math.max(0, ...keys.map((k) => k.length));
  const lines = [];
  for (const key of keys) {
    const pad = key.padEnd(width);
    const old = before?.[key];
    const now = after?.[key];
    const isUnknown = unknown[key] === true;
    const changed = isUnknown || JSON.stringify(old) !== JSON.stringify(now);
    if (kind === 'create') lines.push(`      + ${pad} = ${show(ctx, c.type, key, now, isUnknown)}`);
    else if (kind === 'read') {
      // Unset arguments (null) are not shown; a partly unknown one is shown as unknown.
      if (now !== null || unknown[key]) lines.push(`      + ${pad} = ${show(ctx, c.type, key, now, !!unknown[key])}`);
    } else if (kind === 'delete') lines.push(`      - ${pad} = ${show(ctx, c.type, key, old, false)} -> null`);
    else if (changed) {
      const note = forcing.has(key) ? ' # forces replacement' : '';
      // An attribute set for the first time is an addition (+), one set to null a removal (-), as Terraform shows.
      if (old === undefined || old === null) {
        lines.push(`      + ${pad} = ${show(ctx, c.type, key, now, isUnknown)}${note}`);
      } else if (!isUnknown && (now === undefined || now === null)) {
        lines.push(`      - ${pad} = ${show(ctx, c.type, key, old, false)} -> null${note}`);
      } else {
        const arrow = `${show(ctx, c.type, key, old, false)} -> ${show(ctx, c.type, key, now, isUnknown)}`;
        lines.push(`      ~ ${pad} = ${arrow}${note}`);
      }
    } else if (c.change.importing) {
      // An import shows the whole object it reads, unchanged attributes too.
      lines.push(`        ${pad} = ${show(ctx, c.type, key, old, false)}`);
    }
  }
  return lines;
}

/** One resource change: its comment lines, then the block with the attributes that matter. */
function changeBlock(ctx, c) {
  const kind = kindOf(c.change.actions);
  let comment = `  # ${c.address} ${HEADLINE[kind]}\n`;
  if (kind === 'forget') {
    comment = ` # ${c.address} will no longer be managed by ${ctx.brand.name}, but will not be destroyed\n`;
    comment += ' # (destroy = false is set in the configuration)\n';
  }
  if (kind === 'read' && READ_REASON[c.action_reason]) comment += `  # ${READ_REASON[c.action_reason]}\n`;
  if (c.change.importing && kind !== 'no-op') comment += `  # (imported from "${c.change.importing.id}")\n`;
  if (c.change.importing && kind === 'replace') comment += '  # Warning: this will destroy the imported resource\n';
  const block = c.mode === 'data' ? 'data' : 'resource';
  const header = `${SYMBOL[kind]} ${block} "${c.type}" "${c.name}" {\n`;
  return `${comment}${header}${attributeLines(ctx, c).join('\n')}\n    }\n\n`;
}

function outputValue(change, side) {
  if (change.before_sensitive) return '(sensitive value)';
  if (side === 'after' && change.after_unknown !== false) return '(known after apply)';
  return JSON.stringify(change[side]);
}

/** "Changes to Outputs:" lines, names padded to the longest configured one, as Terraform renders them. */
function outputLines(outputChanges) {
  const names = Object.keys(outputChanges);
  const width = Math.max(0, ...names.map((n) => n.length));
  const lines = [];
  for (const name of names) {
    const c = outputChanges[name];
    const action = c.actions[0];
    if (action === 'no-op') continue;
    const value =
      action === 'create'
        ? outputValue(c, 'after')
        : `${outputValue(c, 'before')} -> ${action === 'delete' ? 'null' : outputValue(c, 'after')}`;
    lines.push(`${SYMBOL[action]} ${name.padEnd(width)} = ${value}`);
  }
  return lines;
}

/**
 * The human plan. `warnings` (formatted diagnostics) go after it and before the saved-plan note, where Terraform
 * prints them.
 */
export function renderPlan(ctx, { resourceChanges: changes, outputChanges }, { destroy, out, warnings = '' }) {
  const real = changes.filter(isChange);
  // Actions other than a pure import: they get the legend, and only they make a plan more than "outputs only".
  const acting = real.filter((c) => c.change.actions[0] !== 'no-op');
  const outputs = outputLines(outputChanges);
  if (real.length === 0 && outputs.length === 0) {
    return destroy
      ? '\nNo changes. No objects need to be destroyed.\n\nEither you have not created any objects yet or the existing objects were\nalready deleted outside of Terraform.\n'
      : `\nNo changes. Your infrastructure matches the configuration.\n\n${ctx.brand.name} has compared your real infrastructure against your configuration\nand found no differences, so no changes are needed.\n`;
  }
  let text = '';
  if (acting.length > 0) {
    const kinds = new Set(acting.map((c) => kindOf(c.change.actions)));
    const legend = Object.keys(LEGEND).filter((k) => kinds.has(k));
    text += `\n${ctx.brand.name} used the selected providers to generate the following execution\nplan. Resource actions are indicated with the following symbols:\n`;
    // Terraform has no legend line for forget: a forget-only plan prints the header alone.
    if (legend.length > 0) text += `${legend.map((k) => LEGEND[k]).join('\n')}\n`;
  }
  if (real.length > 0) {
    text += `\n${ctx.brand.name} will perform the following actions:\n\n`;
    for (const c of real) text += changeBlock(ctx, c);
    const n = counts(real);
    const imports = n.import > 0 ? `${n.import} to import, ` : '';
    text += `Plan: ${imports}${n.add} to add, ${n.change} to change, ${n.destroy} to destroy.\n`;
  }
  if (outputs.length > 0) {
    text += `\nChanges to Outputs:\n${outputs.join('\n')}\n`;
    if (acting.length === 0) {
      text += `\nYou can apply this plan to save these new output values to the ${ctx.brand.name}\nstate, without changing any real infrastructure.\n`;
    }
  }
  text += warnings;
  if (out) {
    text += `\n${'─'.repeat(77)}\n\nSaved the plan to: ${out}\n\nTo perform exactly these actions, run the following command to apply:\n    ${ctx.brand.cmd} apply "${out}"\n`;
  }
  return text;
}

/**
 * What "Plan: …" and "Apply complete! …" count; reads and forgets count as nothing (Terraform 1.9 has no
 * "to forget" count; OpenTofu added one in 1.10), imports on their own.
 */
export function counts(changes) {
  const n = { import: 0, add: 0, change: 0, destroy: 0 };
  for (const c of changes) {
    const kind = kindOf(c.change.actions);
    if (c.change.importing) n.import++;
    if (kind === 'create' || kind === 'replace') n.add++;
    if (kind === 'update') n.change++;
    if (kind === 'delete' || kind === 'replace') n.destroy++;
  }
  return n;
}
