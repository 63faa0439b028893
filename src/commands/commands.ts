// The slash commands: where each works, the repository permission it needs, its usage line, and the parsed shape
// handed to its runner. `help` and `status` are read; everything that changes anything or reveals identity or
// resource data needs write.
import type { Kind } from '../specs/model.js';

export type Where = 'pull_request' | 'issue';
export type Access = 'read' | 'write';

export interface CommandSpec {
  where: readonly Where[];
  access: Access;
  usage: string;
  description: string;
}

export const COMMANDS = {
  plan: {
    // On an issue: re-checks a drift issue's stack.
    where: ['pull_request', 'issue'],
    access: 'write',
    usage: '/infra plan [stack…]',
    description: 're-plan all affected stacks, or the named ones (on a drift issue: check that stack again)',
  },
  apply: {
    where: ['pull_request'],
    access: 'write',
    usage: '/infra apply [stack…]',
    description: 'apply before merge, where the repo config allows it and approvals are in place',
  },
  unlock: {
    where: ['pull_request'],
    access: 'write',
    usage: '/infra unlock',
    description: "discard this PR's plans and release its locks",
  },
  destroy: {
    where: ['pull_request'],
    access: 'write',
    usage: '/infra destroy <kind>/<name>',
    description: "plan the destroy of one spec's stack (needs approval like any plan)",
  },
  new: {
    where: ['issue'],
    access: 'write',
    usage: '/infra new <Kind> name=<name> key=value…',
    description: 'write the spec and open a PR that closes this issue',
  },
  onboard: {
    where: ['issue'],
    access: 'write',
    usage: '/infra onboard email=… firstName=… lastName=… [groups=a,b] [key=value…]',
    description:
      'open a PR adding an OktaUser spec; with no arguments, one spec per row of the CSV attached to or linked in this issue',
  },
  offboard: {
    where: ['issue'],
    access: 'write',
    usage: '/infra offboard <user-name> [--deprovision]',
    description: 'open a PR that sets the user SUSPENDED (or DEPROVISIONED)',
  },
  extend: {
    where: ['issue'],
    access: 'write',
    usage: '/infra extend <kind>/<name> <duration>',
    description: "open a PR that moves the spec's expiry (durations like `3d`, `12h`, `1d12h`)",
  },
  'access-review': {
    where: ['issue'],
    access: 'write',
    usage: '/infra access-review',
    description: 'report Okta users, groups, last login, inactive accounts and drift against the specs',
  },
  access: {
    where: ['issue'],
    access: 'write',
    usage: '/infra access <email>',
    description: "one person's groups and the AWS roles they can assume",
  },
  whoami: {
    where: ['issue'],
    access: 'write',
    usage: '/infra whoami',
    description: 'AWS caller identity, Okta org and installation',
  },
  inventory: {
    where: ['issue'],
    access: 'write',
    usage: '/infra inventory',
    description: 'managed EC2 instances and buckets with owners and expiries',
  },
  status: {
    where: ['pull_request', 'issue'],
    access: 'read',
    usage: '/infra status',
    description: 'locks, plans, approvals and scheduled expiries',
  },
  help: {
    where: ['pull_request', 'issue'],
    access: 'read',
    usage: '/infra help',
    description: 'this usage',
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

export const isCommandName = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);

/** `kind/name`: a spec's identity (names are unique per kind). */
export interface SpecTarget {
  kind: Kind;
  name: string;
}

export type Command =
  | { name: 'plan'; stacks: string[] }
  | { name: 'apply'; stacks: string[] }
  | { name: 'unlock' }
  | { name: 'destroy'; target: SpecTarget }
  | { name: 'status' }
  | { name: 'help' }
  /** `fields`: the other key=value pairs, dotted spec paths → literal strings, for the caller to map. */
  | { name: 'new'; kind: Kind; specName: string; fields: Record<string, string> }
  | {
      name: 'onboard';
      email: string;
      firstName: string;
      lastName: string;
      groups: string[];
      /** Present when `name=` was given; otherwise the caller derives the spec name. */
      specName?: string;
      fields: Record<string, string>;
    }
  /** `/infra onboard` alone: one OktaUser per row of the CSV attached to (or linked in, or pasted into) the issue. */
  | { name: 'onboard'; bulk: true }
  | { name: 'offboard'; user: string; deprovision: boolean }
  | { name: 'extend'; target: SpecTarget; duration: string; durationMs: number }
  | { name: 'access-review' }
  | { name: 'access'; email: string }
  | { name: 'whoami' }
  | { name: 'inventory' };

/** The repository permission the commenter needs for this command. */
export const requiredAccess = (command: Command): Access => COMMANDS[command.name].access;
