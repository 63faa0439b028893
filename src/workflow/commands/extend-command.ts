import type { Command } from '../../commands/commands.js';
import { inlineCode } from '../../plan/render-escape.js';
import { parseDuration } from '../../specs/duration.js';
import { fullName } from '../job-kinds.js';
import { readSpecHeads } from '../self-service/check-change.js';
import { readDefaultBranchSpecs } from '../self-service/default-branch-specs.js';
import { editSpecYaml } from '../self-service/edit-spec-yaml.js';
import { extendExpiry } from '../self-service/extend-expiry.js';
import { proposeChange } from '../self-service/propose-change.js';
import type { CommandHandler } from './command-context.js';

/**
 * `/infra extend <kind>/<name> <duration>`: a PR that gives the spec an absolute `expiresAt` = its current deadline
 * (scheduled, else now + ttl, else its expiresAt) + the duration, replacing its ttl. Refused beyond policy.maxTtl.
 */
export const extendCommand: CommandHandler<Extract<Command, { name: 'extend' }>> = async (context, command) => {
  const { services, octokit, target } = context;
  const key = `${command.target.kind}/${command.target.name}`;
  const base = await readDefaultBranchSpecs(octokit, target);
  const head = readSpecHeads(base.files).find((h) => `${h.kind}/${h.name}` === key);
  if (!head) {
    await context.reply(`⚠️ No spec ${inlineCode(key)} on ${inlineCode(base.branch)}: nothing to extend.`);
    return 'refused: unknown spec';
  }
  const ttl = typeof head.metadata.ttl === 'string' ? head.metadata.ttl : undefined;
  const expiresAt = typeof head.metadata.expiresAt === 'string' ? head.metadata.expiresAt : undefined;
  const deadline = await services.store.getDeadline(fullName(target), key);
  const now = services.clock.now();
  const policy = base.config.policy;
  const extended = extendExpiry({
    ...(ttl !== undefined && { ttl, ttlMs: parseDuration(ttl) }),
    ...(expiresAt !== undefined && { expiresAt }),
    ...(deadline?.status === 'scheduled' && { scheduledDueAt: deadline.dueAt }),
    now,
    durationMs: command.durationMs,
    maxTtlMs: parseDuration(policy.maxTtl) ?? Number.POSITIVE_INFINITY,
    maxTtl: policy.maxTtl,
  });
  if (!extended.ok) {
    await context.reply(`⛔ ${inlineCode(key)} cannot be extended by ${command.duration}: ${extended.problem}.`);
    return 'refused: extension';
  }
  const content = base.files.find((file) => file.path === head.path)!.content;
  const edited = editSpecYaml(content, [
    { path: ['metadata', 'ttl'], value: undefined },
    { path: ['metadata', 'expiresAt'], value: extended.expiresAt },
  ]);
  if (!edited.ok) {
    await context.reply(`⚠️ ${inlineCode(head.path)} cannot be edited: ${edited.problem}.`);
    return 'refused: unreadable spec';
  }
  return proposeChange(context, {
    base,
    request: {
      command: 'extend',
      name: `${command.target.kind.toLowerCase()}-${command.target.name}-${command.duration}`,
    },
    changes: [{ path: head.path, content: edited.text }],
    title: `Extend ${key} until ${extended.expiresAt}`,
    summary: `Moves the expiry of ${inlineCode(key)} by ${command.duration}: from ${extended.current.toISOString()} (${extended.basis}) to **${extended.expiresAt}**, written as \`metadata.expiresAt\` in ${inlineCode(head.path)}${ttl ? ` (replacing \`ttl: ${ttl}\`)` : ''}. The deadline moves when this is applied.`,
  });
};
