// Writes test/fixtures/okta-provider-schema.json: the attribute names (settable or computed) of the Okta provider
// and of the resources infra-bot synthesises, read from the provider's Go source at one release tag. The synth test
// checks every attribute we write against it, so bumping OKTA_PROVIDER_VERSION means re-running this first.
// Usage: node scripts/okta-provider-schema.mjs <git dir of github.com/okta/terraform-provider-okta> <tag, e.g. v6.12.0>
// (the `fetch` tool or a `git clone --bare` gives the git dir; only `git show <tag>:<path>` is used).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [gitDir, tag] = process.argv.slice(2);
if (!gitDir || !tag) {
  console.error('usage: node scripts/okta-provider-schema.mjs <git dir> <tag>');
  process.exit(2);
}
const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8' });
const show = (path) => git('show', `${tag}:${path}`);

const IDAAS = 'okta/services/idaas';
/** Each resource: the files and the Go maps its schema is built from (BuildAppSchema merges the base app maps). */
const SOURCES = {
  provider: [['okta/provider/provider.go', 'Schema: map[string]*schema.Schema{']],
  okta_user: [[`${IDAAS}/resource_okta_user.go`, 'Schema: map[string]*schema.Schema{']],
  okta_group: [[`${IDAAS}/resource_okta_group.go`, 'Schema: map[string]*schema.Schema{']],
  okta_user_group_memberships: [
    [`${IDAAS}/resource_okta_user_group_memberships.go`, 'Schema: map[string]*schema.Schema{'],
  ],
  okta_app_group_assignments: [
    [`${IDAAS}/resource_okta_app_group_assignments.go`, 'Schema: map[string]*schema.Schema{'],
  ],
  okta_app_saml: [
    [`${IDAAS}/resource_okta_app_saml.go`, 'Schema: BuildAppSchema(map[string]*schema.Schema{'],
    [`${IDAAS}/app.go`, 'baseAppSchema = map[string]*schema.Schema{'],
    [`${IDAAS}/app.go`, 'baseAppSwaSchema = map[string]*schema.Schema{'],
  ],
};

/** Index just past the `}` closing the `{` at `open`, skipping Go strings, raw strings, runes and comments. */
function closing(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      for (i++; text[i] !== c; i++) if (text[i] === '\\') i++;
    } else if (c === '`') {
      i = text.indexOf('`', i + 1);
    } else if (c === '/' && text[i + 1] === '/') {
      i = text.indexOf('\n', i);
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  throw new Error(`unbalanced brace at ${open}`);
}

/** The body of one entry with nested `{…}` removed: the flags that belong to the entry itself. */
function ownLevel(body) {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '{') i = closing(body, i) - 1;
    else out += body[i];
  }
  return out;
}

/** `"name": { … }` entries of the map whose `{` is at `open`: settable arguments, computed-only, nested blocks. */
function readMap(text, open) {
  const end = closing(text, open);
  const schema = { arguments: [], computed: [], blocks: {} };
  const entry = /^\s*"([a-z0-9_]+)":\s*\{/gm;
  entry.lastIndex = open + 1;
  for (let match = entry.exec(text); match && match.index < end; match = entry.exec(text)) {
    const bodyOpen = match.index + match[0].length - 1;
    const bodyEnd = closing(text, bodyOpen);
    const body = text.slice(bodyOpen + 1, bodyEnd - 1);
    const own = ownLevel(body);
    const settable = /\b(Required|Optional):\s*true/.test(own);
    schema[settable ? 'arguments' : 'computed'].push(match[1]);
    const nested = /Elem:\s*&schema\.Resource\{\s*Schema:\s*map\[string\]\*schema\.Schema\{/.exec(body);
    if (nested) {
      const inner = readMap(body, nested.index + nested[0].length - 1);
      schema.blocks[match[1]] = inner;
    }
    entry.lastIndex = bodyEnd;
  }
  return schema;
}

function merge(into, from) {
  into.arguments.push(...from.arguments);
  into.computed.push(...from.computed);
  Object.assign(into.blocks, from.blocks);
  return into;
}

const sortSchema = (schema) => ({
  arguments: [...new Set(schema.arguments)].sort(),
  computed: [...new Set(schema.computed)].sort(),
  ...(Object.keys(schema.blocks).length > 0 && {
    blocks: Object.fromEntries(
      Object.keys(schema.blocks)
        .sort()
        .map((name) => [name, sortSchema(schema.blocks[name])]),
    ),
  }),
});

const commit = git('rev-list', '-1', `${tag}^{commit}`).trim();
const schemas = {};
const files = {};
for (const [name, parts] of Object.entries(SOURCES)) {
  const schema = { arguments: [], computed: [], blocks: {} };
  for (const [path, marker] of parts) {
    const text = show(path);
    const at = text.indexOf(marker);
    if (at === -1) throw new Error(`${path}@${tag}: "${marker}" not found; the source layout changed`);
    merge(schema, readMap(text, at + marker.length - 1));
    files[path] = git('rev-list', '-1', tag, '--', path).trim();
  }
  schemas[name] = sortSchema(schema);
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixture = {
  '//': [
    'Attribute names of the Okta Terraform provider and of the resources infra-bot synthesises, read from the',
    'provider source by scripts/okta-provider-schema.mjs. "arguments" may be set in configuration (Required or',
    'Optional); "computed" may only be read. SDKv2 resources also have the implicit "id".',
  ],
  source: {
    repository: 'https://github.com/okta/terraform-provider-okta',
    tag,
    commit,
    files: Object.fromEntries(Object.entries(files).sort()),
  },
  providerVersion: tag.replace(/^v/, ''),
  provider: schemas.provider,
  resources: Object.fromEntries(Object.entries(schemas).filter(([name]) => name !== 'provider')),
};
const out = join(root, 'test', 'fixtures', 'okta-provider-schema.json');
writeFileSync(out, `${JSON.stringify(fixture, null, 2)}\n`);
console.log(`wrote ${out} (${tag}, ${commit})`);
