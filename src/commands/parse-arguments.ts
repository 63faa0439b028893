// Per command: the arguments it accepts, checked strictly. Anything not listed is a problem, never ignored.
import {
  duration,
  email,
  fail,
  keyValue,
  kindName,
  ok,
  quote,
  specName,
  specTarget,
  stackName,
  type Checked,
} from './arguments.js';
import type { Command, CommandName } from './commands.js';
import type { Token } from './tokenize.js';

type ArgumentParser = (args: Token[]) => Checked<Command>;

type BareCommand = 'unlock' | 'access-review' | 'whoami' | 'inventory' | 'status' | 'help';

function noArguments(name: BareCommand): ArgumentParser {
  return (args) =>
    args.length ? fail(`\`/infra ${name}\` takes no arguments, but got ${quote(args[0]!.raw)}.`) : ok({ name });
}

function stacks(name: 'plan' | 'apply'): ArgumentParser {
  return (args) => {
    const list: string[] = [];
    for (const token of args) {
      const stack = stackName(token);
      if (!stack.ok) return stack;
      if (!list.includes(stack.value)) list.push(stack.value);
    }
    return ok({ name, stacks: list });
  };
}

function exactly(name: string, args: Token[], count: number, shape: string): Checked<true> {
  if (args.length < count) return fail(`\`/infra ${name}\` needs ${shape}.`);
  if (args.length > count)
    return fail(`Unexpected argument ${quote(args[count]!.raw)}: \`/infra ${name}\` takes ${shape}.`);
  return ok(true);
}

/** key=value pairs into a record; a repeated key is a problem (which one would win?). */
function pairs(args: Token[]): Checked<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const token of args) {
    const pair = keyValue(token);
    if (!pair.ok) return pair;
    if (Object.hasOwn(out, pair.value.key)) return fail(`${quote(pair.value.key)} is given more than once.`);
    out[pair.value.key] = pair.value.value;
  }
  return ok(out);
}

function take(fields: Record<string, string>, key: string): string | undefined {
  const value = fields[key];
  delete fields[key];
  return value;
}

const parseNew: ArgumentParser = (args) => {
  const [kindToken, ...rest] = args;
  if (!kindToken) return fail('`/infra new` needs a kind, for example `/infra new Ec2Instance name=devbox`.');
  if (kindToken.key !== undefined || kindToken.text.startsWith('-')) {
    return fail(`${quote(kindToken.raw)} is not a kind: \`/infra new\` starts with the kind, then \`name=…\`.`);
  }
  const kind = kindName(kindToken.text, kindToken.raw);
  if (!kind.ok) return kind;
  const fields = pairs(rest);
  if (!fields.ok) return fields;
  const nameText = take(fields.value, 'name');
  if (nameText === undefined) return fail('`/infra new` needs `name=<name>` (lowercase letters, digits and `-`).');
  const name = specName(nameText, nameText);
  if (!name.ok) return name;
  return ok({ name: 'new', kind: kind.value, specName: name.value, fields: fields.value });
};

const parseOnboard: ArgumentParser = (args) => {
  if (args.length === 0) return ok({ name: 'onboard', bulk: true });
  const fields = pairs(args);
  if (!fields.ok) return fields;
  const f = fields.value;
  const missing = ['email', 'firstName', 'lastName'].filter((k) => f[k] === undefined);
  if (missing.length) return fail(`\`/infra onboard\` needs ${missing.map((k) => `\`${k}=…\``).join(', ')}.`);
  const emailText = take(f, 'email')!;
  const address = email(emailText, emailText);
  if (!address.ok) return address;
  const groups: string[] = [];
  const groupsText = take(f, 'groups');
  for (const item of groupsText?.split(',').map((g) => g.trim()) ?? []) {
    if (!item) return fail('groups has an empty entry.');
    const group = specName(item, item);
    if (!group.ok) return fail(`groups: ${group.problem}`);
    if (!groups.includes(group.value)) groups.push(group.value);
  }
  const command: Command = {
    name: 'onboard',
    email: address.value,
    firstName: take(f, 'firstName')!,
    lastName: take(f, 'lastName')!,
    groups,
    fields: f,
  };
  const nameText = take(f, 'name');
  if (nameText !== undefined) {
    const name = specName(nameText, nameText);
    if (!name.ok) return name;
    command.specName = name.value;
  }
  return ok(command);
};

const parseOffboard: ArgumentParser = (args) => {
  const flags = args.filter((t) => t.key === undefined && t.text.startsWith('-'));
  const unknown = flags.find((t) => t.text !== '--deprovision');
  if (unknown) return fail(`Unknown option ${quote(unknown.raw)}: \`/infra offboard\` only knows \`--deprovision\`.`);
  if (flags.length > 1) return fail('`--deprovision` is given more than once.');
  const words = args.filter((t) => !flags.includes(t));
  const count = exactly('offboard', words, 1, 'one user name');
  if (!count.ok) return count;
  const token = words[0]!;
  if (token.key !== undefined) return fail(`${quote(token.raw)} is not a user name (key=value is not expected here).`);
  const user = specName(token.text, token.raw);
  if (!user.ok) return user;
  return ok({ name: 'offboard', user: user.value, deprovision: flags.length === 1 });
};

const parseDestroy: ArgumentParser = (args) => {
  const count = exactly('destroy', args, 1, 'one `<kind>/<name>`');
  if (!count.ok) return count;
  const target = specTarget(args[0]!);
  return target.ok ? ok({ name: 'destroy', target: target.value }) : target;
};

const parseExtend: ArgumentParser = (args) => {
  const count = exactly('extend', args, 2, '`<kind>/<name> <duration>`');
  if (!count.ok) return count;
  const target = specTarget(args[0]!);
  if (!target.ok) return target;
  const length = duration(args[1]!);
  if (!length.ok) return length;
  return ok({ name: 'extend', target: target.value, duration: length.value.text, durationMs: length.value.ms });
};

const parseAccess: ArgumentParser = (args) => {
  const count = exactly('access', args, 1, 'one email address');
  if (!count.ok) return count;
  const token = args[0]!;
  if (token.key !== undefined) return fail(`${quote(token.raw)} is not an email address.`);
  const address = email(token.text, token.raw);
  return address.ok ? ok({ name: 'access', email: address.value }) : address;
};

export const ARGUMENT_PARSERS: Record<CommandName, ArgumentParser> = {
  plan: stacks('plan'),
  apply: stacks('apply'),
  unlock: noArguments('unlock'),
  destroy: parseDestroy,
  new: parseNew,
  onboard: parseOnboard,
  offboard: parseOffboard,
  extend: parseExtend,
  'access-review': noArguments('access-review'),
  access: parseAccess,
  whoami: noArguments('whoami'),
  inventory: noArguments('inventory'),
  status: noArguments('status'),
  help: noArguments('help'),
};
