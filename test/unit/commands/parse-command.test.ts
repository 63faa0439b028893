import { describe, expect, it } from '@jest/globals';
import { COMMANDS, requiredAccess, type Command, type Where } from '../../../src/commands/commands.js';
import { MAX_ARGUMENTS, MAX_LINE_LENGTH, parseCommand } from '../../../src/commands/parse-command.js';

const human = { login: 'bruce-lee', type: 'User' };
const PR: Where = 'pull_request';
const ISSUE: Where = 'issue';

const parse = (body: string, where: Where = PR, sender = human) => parseCommand({ body, where, sender });

/** The first line of a reply: the problem, before the usage. */
function problem(body: string, where: Where = PR): string {
  const result = parse(body, where);
  if (result.type !== 'reply') throw new Error(`expected a reply for ${JSON.stringify(body)}, got ${result.type}`);
  return result.message.split('\n')[0]!;
}

describe('parseCommand', () => {
  describe('not a command › ignored', () => {
    it.each([
      ['plain text', 'LGTM, ship it'],
      ['empty body', ''],
      ['indented', ' /infra plan'],
      ['inside a code block', '```\n/infra plan\n```'],
      ['inside a quote', '> /infra plan'],
      ['after other text', 'please /infra plan'],
      ['on a later line', 'Looks good.\n/infra plan'],
      ['a longer word', '/infrastructure plan'],
      ['another letter case', '/Infra plan'],
      ['glued to the command', '/infraplan'],
      ['a blank first line', '\r\n/infra plan'],
    ])('%s', (_name, body) => {
      expect(parse(body)).toEqual({ type: 'ignore' });
    });

    it.each([
      ['a Bot account', { login: 'renovate', type: 'Bot' }],
      ['the app itself', { login: 'infra-bot[bot]', type: 'Bot' }],
      ['a [bot] login typed as User', { login: 'dependabot[bot]', type: 'User' }],
      ['a [BOT] login in capitals', { login: 'Some-App[BOT]', type: 'User' }],
    ])('from %s', (_name, sender) => {
      expect(parse('/infra plan', PR, sender)).toEqual({ type: 'ignore' });
      expect(parse('/infra frobnicate', PR, sender)).toEqual({ type: 'ignore' });
    });
  });

  describe('valid commands', () => {
    it.each<[string, Where, Command]>([
      ['/infra plan', PR, { name: 'plan', stacks: [] }],
      // On an issue, `plan` re-checks a drift issue.
      ['/infra plan', ISSUE, { name: 'plan', stacks: [] }],
      ['/infra plan identity ec2-devbox s3-logs', PR, { name: 'plan', stacks: ['identity', 'ec2-devbox', 's3-logs'] }],
      ['/infra plan identity identity', PR, { name: 'plan', stacks: ['identity'] }],
      ['/infra\tplan', PR, { name: 'plan', stacks: [] }],
      ['/infra   plan   ec2-a   ', PR, { name: 'plan', stacks: ['ec2-a'] }],
      ['\uFEFF/infra plan', PR, { name: 'plan', stacks: [] }],
      ['/infra plan ec2-a\r\nand some words after', PR, { name: 'plan', stacks: ['ec2-a'] }],
      ['/infra PLAN', PR, { name: 'plan', stacks: [] }],
      ['/infra apply ec2-a', PR, { name: 'apply', stacks: ['ec2-a'] }],
      ['/infra unlock', PR, { name: 'unlock' }],
      ['/infra destroy ec2instance/devbox', PR, { name: 'destroy', target: { kind: 'Ec2Instance', name: 'devbox' } }],
      ['/infra destroy S3Bucket/logs', PR, { name: 'destroy', target: { kind: 'S3Bucket', name: 'logs' } }],
      ['/infra status', PR, { name: 'status' }],
      ['/infra status', ISSUE, { name: 'status' }],
      ['/infra help', PR, { name: 'help' }],
      ['/infra help', ISSUE, { name: 'help' }],
      [
        '/infra new Ec2Instance name=devbox instanceType=t3.small ssh.allowFrom=10.0.0.0/8',
        ISSUE,
        {
          name: 'new',
          kind: 'Ec2Instance',
          specName: 'devbox',
          fields: { instanceType: 't3.small', 'ssh.allowFrom': '10.0.0.0/8' },
        },
      ],
      [
        '/infra new oktauser name=bruce-lee email=bruce.lee@demoac.com title="Staff Engineer" department="R&D; Platform"',
        ISSUE,
        {
          name: 'new',
          kind: 'OktaUser',
          specName: 'bruce-lee',
          fields: { email: 'bruce.lee@demoac.com', title: 'Staff Engineer', department: 'R&D; Platform' },
        },
      ],
      [
        '/infra new OktaGroup name=admins description="Say \\"hi\\" to the \\\\ admins"',
        ISSUE,
        { name: 'new', kind: 'OktaGroup', specName: 'admins', fields: { description: 'Say "hi" to the \\ admins' } },
      ],
      [
        '/infra onboard email=bruce.lee@demoac.com firstName=Bruce lastName=Lee groups=admins,devs title="Staff Engineer"',
        ISSUE,
        {
          name: 'onboard',
          email: 'bruce.lee@demoac.com',
          firstName: 'Bruce',
          lastName: 'Lee',
          groups: ['admins', 'devs'],
          fields: { title: 'Staff Engineer' },
        },
      ],
      [
        '/infra onboard email=a.b@demoac.com firstName=A lastName="B C" groups="admins, devs, admins" name=a-b',
        ISSUE,
        {
          name: 'onboard',
          email: 'a.b@demoac.com',
          firstName: 'A',
          lastName: 'B C',
          groups: ['admins', 'devs'],
          specName: 'a-b',
          fields: {},
        },
      ],
      ['/infra offboard bruce-lee', ISSUE, { name: 'offboard', user: 'bruce-lee', deprovision: false }],
      ['/infra offboard --deprovision bruce-lee', ISSUE, { name: 'offboard', user: 'bruce-lee', deprovision: true }],
      ['/infra offboard bruce-lee --deprovision', ISSUE, { name: 'offboard', user: 'bruce-lee', deprovision: true }],
      [
        '/infra extend Ec2Instance/devbox 3d',
        ISSUE,
        {
          name: 'extend',
          target: { kind: 'Ec2Instance', name: 'devbox' },
          duration: '3d',
          durationMs: 3 * 86_400_000,
        },
      ],
      [
        '/infra extend s3bucket/logs 1w2d12h30m',
        ISSUE,
        {
          name: 'extend',
          target: { kind: 'S3Bucket', name: 'logs' },
          duration: '1w2d12h30m',
          durationMs: 9 * 86_400_000 + 12 * 3_600_000 + 30 * 60_000,
        },
      ],
      ['/infra access-review', ISSUE, { name: 'access-review' }],
      ['/infra access bruce.lee@demoac.com', ISSUE, { name: 'access', email: 'bruce.lee@demoac.com' }],
      ['/infra whoami', ISSUE, { name: 'whoami' }],
      ['/infra inventory', ISSUE, { name: 'inventory' }],
    ])('%j on %s', (body, where, command) => {
      expect(parse(body, where)).toEqual({ type: 'command', command });
    });
  });

  describe('bad commands › reply with the problem and the usage', () => {
    it.each<[string, string, Where?]>([
      ['/infra', 'No command given.'],
      ['/infra   ', 'No command given.'],
      ['/infra frobnicate', 'Unknown command `frobnicate`.'],
      ['/infra plna', 'Unknown command `plna`. Did you mean `plan`?'],
      ['/infra "plan"', 'Unknown command `"plan"`.'],
      ['/infra plan ../../etc', '`../../etc` is not a stack name'],
      ['/infra plan $(id)', '`$(id)` is not a stack name'],
      ['/infra plan `id`', '`` `id` `` is not a stack name'],
      ['/infra plan ec2-a; rm -rf /', '`ec2-a;` is not a stack name'],
      ['/infra plan ec2-a|cat', '`ec2-a|cat` is not a stack name'],
      ['/infra plan --force', 'Unknown option `--force`.'],
      ['/infra apply -f ec2-a', 'Unknown option `-f`.'],
      ['/infra plan stack=ec2-a', '`stack=ec2-a` is not a stack name (key=value is not expected here).'],
      ['/infra plan EC2-A', '`EC2-A` is not a stack name'],
      ['/infra plan ec2-', '`ec2-` is not a stack name'],
      ['/infra plan rds-main', '`rds-main` is not a stack name'],
      ['/infra unlock now', '`/infra unlock` takes no arguments, but got `now`.'],
      ['/infra status --verbose', '`/infra status` takes no arguments, but got `--verbose`.'],
      ['/infra help plan', '`/infra help` takes no arguments, but got `plan`.'],
      ['/infra destroy', '`/infra destroy` needs one `<kind>/<name>`.'],
      ['/infra destroy Ec2Instance/a Ec2Instance/b', 'Unexpected argument `Ec2Instance/b`'],
      ['/infra destroy Widget/x', '`Widget/x` is not a kind'],
      ['/infra destroy Ec2Instance/Dev_Box', '`Ec2Instance/Dev_Box` is not a valid name'],
      ['/infra destroy devbox', '`devbox` is not `<kind>/<name>`'],
      ['/infra destroy Ec2Instance/../../etc', '`Ec2Instance/../../etc` is not a valid name'],
      ['/infra unlock', '`/infra unlock` works on a pull request, not on an issue.', ISSUE],
      ['/infra new Ec2Instance name=a', '`/infra new` works on an issue, not on a pull request.', PR],
      ['/infra whoami', '`/infra whoami` works on an issue, not on a pull request.', PR],
      ['/infra new OktaUser name=x title="Staff Engineer', 'The command has an unbalanced double quote.', ISSUE],
      ['/infra new', '`/infra new` needs a kind', ISSUE],
      ['/infra new name=a', '`name=a` is not a kind', ISSUE],
      ['/infra new Widget name=a', '`Widget` is not a kind', ISSUE],
      ['/infra new Ec2Instance', '`/infra new` needs `name=<name>`', ISSUE],
      ['/infra new Ec2Instance name=Dev', '`Dev` is not a valid name', ISSUE],
      ['/infra new Ec2Instance name=a name=b', '`name` is given more than once.', ISSUE],
      ['/infra new Ec2Instance name=a tags.team=x tags.team=y', '`tags.team` is given more than once.', ISSUE],
      ['/infra new Ec2Instance name=a 9key=x', '`9key` is not a field name', ISSUE],
      ['/infra new Ec2Instance name=a ssh..keyName=x', '`ssh..keyName` is not a field name', ISSUE],
      ['/infra new Ec2Instance name=a ../x=1', '`../x` is not a field name', ISSUE],
      ['/infra new Ec2Instance name=a instanceType=', '`instanceType` has no value.', ISSUE],
      ['/infra new Ec2Instance name=a userData="$(curl evil)"', 'contains `$(`', ISSUE],
      ['/infra new Ec2Instance name=a userData="`id`"', 'contains `` ` ``', ISSUE],
      ['/infra new Ec2Instance name=a note=${file("/etc/passwd")}', 'contains `${`', ISSUE],
      ['/infra new Ec2Instance name=a note=%{for}', 'contains `%{`', ISSUE],
      ['/infra new Ec2Instance name=a extra', 'Unexpected argument `extra`: expected `key=value`.', ISSUE],
      ["/infra new OktaUser name=a title='Staff Engineer'", "Unexpected argument `Engineer'`", ISSUE],
      ["/infra new OktaUser name=a title='Staff Engineer'", '(use double quotes for values with spaces)', ISSUE],
      ['/infra new Ec2Instance name=a --force', 'Unknown option `--force`.', ISSUE],
      ['/infra onboard email=a@demoac.com firstName=A', '`/infra onboard` needs `lastName=…`.', ISSUE],
      ['/infra onboard firstName=A', '`/infra onboard` needs `email=…`, `lastName=…`.', ISSUE],
      ['/infra onboard email=bob firstName=A lastName=B', '`bob` is not an email address.', ISSUE],
      [
        '/infra onboard email=a@demoac.com firstName=A lastName=B groups=Admins',
        'groups: `Admins` is not a valid name',
        ISSUE,
      ],
      ['/infra onboard email=a@demoac.com firstName=A lastName=B groups=a,,b', 'groups has an empty entry.', ISSUE],
      ['/infra onboard email=a@demoac.com firstName=A lastName=B name=A_B', '`A_B` is not a valid name', ISSUE],
      ['/infra offboard', '`/infra offboard` needs one user name.', ISSUE],
      ['/infra offboard --deprovision', '`/infra offboard` needs one user name.', ISSUE],
      ['/infra offboard --force bruce', 'Unknown option `--force`', ISSUE],
      ['/infra offboard bruce --deprovision --deprovision', '`--deprovision` is given more than once.', ISSUE],
      ['/infra offboard Bruce', '`Bruce` is not a valid name', ISSUE],
      ['/infra offboard bruce lee', 'Unexpected argument `lee`', ISSUE],
      ['/infra extend Ec2Instance/devbox', '`/infra extend` needs `<kind>/<name> <duration>`.', ISSUE],
      ['/infra extend Ec2Instance/devbox 3', '`3` is not a duration', ISSUE],
      ['/infra extend Ec2Instance/devbox 3M', '`3M` is not a duration', ISSUE],
      ['/infra extend Ec2Instance/devbox 12h1d', '`12h1d` is not a duration', ISSUE],
      ['/infra extend Ec2Instance/devbox 0d0h', '`0d0h` is a zero duration.', ISSUE],
      ['/infra extend Ec2Instance/devbox 1d 12h', 'Unexpected argument `12h`', ISSUE],
      ['/infra extend 3d Ec2Instance/devbox', '`3d` is not `<kind>/<name>`', ISSUE],
      ['/infra access', '`/infra access` needs one email address.', ISSUE],
      ['/infra access bob', '`bob` is not an email address.', ISSUE],
      ['/infra access email=bob@demoac.com', '`email=bob@demoac.com` is not an email address.', ISSUE],
      ['/infra access-review now', '`/infra access-review` takes no arguments, but got `now`.', ISSUE],
      [`/infra plan ${'identity '.repeat(MAX_ARGUMENTS + 1)}`, `Too many arguments (at most ${MAX_ARGUMENTS}).`],
      [`/infra plan ${'a'.repeat(MAX_LINE_LENGTH)}`, `The command line is longer than ${MAX_LINE_LENGTH} characters.`],
    ])('%j', (body, expected, where = PR) => {
      expect(problem(body, where)).toContain(expected);
    });

    it('every reply › starts with one problem line, then the usage for where it was written', () => {
      for (const where of [PR, ISSUE]) {
        const result = parse('/infra frobnicate', where);
        if (result.type !== 'reply') throw new Error('expected a reply');
        const [first, blank, ...usage] = result.message.split('\n');
        expect(first).toMatch(/^⚠️ /);
        expect(blank).toBe('');
        expect(usage.join('\n')).toContain(where === PR ? '/infra plan [stack…]' : '/infra new <Kind>');
      }
    });

    it('a quoted token › cannot mention anyone or inject markup outside its code span', () => {
      const first = problem('/infra plan @octocat</details>**x**');
      expect(first).toBe(
        '⚠️ `@octocat</details>**x**` is not a stack name: stacks are `identity`, `sso`, `okta-user-<name>`, `okta-group-<name>`, `ec2-<name>` and `s3-<name>`.',
      );
      expect(problem('/infra plan ``evil``')).toContain('``` ``evil`` ```');
    });

    it('a very long token › is quoted shortened', () => {
      expect(problem(`/infra plan ${'x'.repeat(300)}`)).toContain(`\`${'x'.repeat(60)}…\``);
    });
  });

  describe('permissions', () => {
    it('help and status › read; every other command › write', () => {
      const access = Object.fromEntries(Object.entries(COMMANDS).map(([name, spec]) => [name, spec.access]));
      expect(access).toEqual({
        plan: 'write',
        apply: 'write',
        unlock: 'write',
        destroy: 'write',
        new: 'write',
        onboard: 'write',
        offboard: 'write',
        extend: 'write',
        'access-review': 'write',
        access: 'write',
        whoami: 'write',
        inventory: 'write',
        status: 'read',
        help: 'read',
      });
    });

    it('requiredAccess › reads the table for a parsed command', () => {
      expect(requiredAccess({ name: 'status' })).toBe('read');
      expect(requiredAccess({ name: 'access', email: 'a@b.co' })).toBe('write');
    });
  });
});
