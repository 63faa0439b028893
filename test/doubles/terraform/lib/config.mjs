// Reads cdk.tf.json (Terraform's JSON configuration syntax) into resources, outputs, backend and providers.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail } from './cli.mjs';

/** Terraform orders addresses by plain string comparison ('.' sorts before '_'). */
export const byAddress = (a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0);

/** Meta-arguments are not resource attributes. */
const META = new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection']);

/** Reference to one attribute of another managed resource: `${aws_s3_bucket.logs.id}`. */
export class Ref {
  constructor(address, attr, raw) {
    this.address = address;
    this.attr = attr;
    this.raw = raw;
  }
}

/**
 * Reference into a `terraform_remote_state` data source, the whole string:
 * `${data.terraform_remote_state.<name>.outputs.<output>}` (path `['outputs', '<output>']`).
 */
export class DataRef {
  constructor(address, path, raw) {
    this.address = address;
    this.path = path;
    this.raw = raw;
  }
}

/**
 * Any other interpolation; not evaluated by the double (see README), except `timestamp()`: unknown at plan, the
 * apply's time once applying (Terraform's impure function).
 */
export class Expr {
  constructor(raw, references, callsTimestamp = false) {
    this.raw = raw;
    this.references = references;
    this.callsTimestamp = callsTimestamp;
  }

  /**
   * The text with each `${timestamp()}` replaced by `now`. When nothing else is left to interpolate the result is a
   * plain string (escapes unescaped); otherwise the other interpolations stay as written.
   */
  withTimestamp(now) {
    const text = this.raw.replace(/(^|[^$])\$\{\s*timestamp\(\s*\)\s*\}/g, (_m, before) => `${before}${now}`);
    return isTemplate(text) ? text : unescapeLiteral(text);
  }
}

const RESOURCE_REF = /(?<![\w.])([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][\w-]*)(?:\.([A-Za-z_]\w*))?/g;
const SINGLE_REF = /^\$\{([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][\w-]*)\.([A-Za-z_]\w*)\}$/;
/** The one data source the double evaluates (README); other `data.*` references stay unevaluated text. */
export const REMOTE_STATE = 'terraform_remote_state';
const REMOTE_STATE_REF = /(?<![\w.])data\.terraform_remote_state\.([A-Za-z_][\w-]*)/g;
const SINGLE_REMOTE_STATE_REF = /^\$\{data\.terraform_remote_state\.([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*)+)\}$/;

const isTemplate = (text) => /(^|[^$])\$\{/.test(text) || /(^|[^%])%\{/.test(text);
const unescapeLiteral = (text) => text.replaceAll('$${', '${').replaceAll('%%{', '%{');

/** Interprets a JSON-syntax string: `$${` and `%%{` are literal escapes, `${…}` interpolates. */
export function parseTemplate(text) {
  if (!isTemplate(text)) return unescapeLiteral(text);
  const single = SINGLE_REF.exec(text);
  if (single) return new Ref(`${single[1]}.${single[2]}`, single[3], text);
  const remote = SINGLE_REMOTE_STATE_REF.exec(text);
  if (remote) return new DataRef(`data.${REMOTE_STATE}.${remote[1]}`, remote[2].slice(1).split('.'), text);
  const references = new Set();
  let callsTimestamp = false;
  for (const m of text.matchAll(/(^|[^$])\$\{([^}]*)\}/g)) {
    if (/(?<![\w.])timestamp\(\s*\)/.test(m[2])) callsTimestamp = true;
    for (const r of m[2].matchAll(RESOURCE_REF)) {
      if (['var', 'local', 'data', 'module', 'path', 'terraform'].includes(r[1])) continue;
      references.add(`${r[1]}.${r[2]}`);
    }
    for (const r of m[2].matchAll(REMOTE_STATE_REF)) references.add(`data.${REMOTE_STATE}.${r[1]}`);
  }
  return new Expr(text, [...references], callsTimestamp);
}

/** Turns a JSON value into one whose strings are literals, Refs or Exprs. */
export function parseValue(value) {
  if (typeof value === 'string') return parseTemplate(value);
  if (Array.isArray(value)) return value.map(parseValue);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !k.startsWith('//'))
        .map(([k, v]) => [k, parseValue(v)]),
    );
  }
  return value;
}

/** Addresses of the resources (and remote state data sources) a parsed value depends on. */
export function dependencies(value, out = new Set()) {
  if (value instanceof Ref || value instanceof DataRef) out.add(value.address);
  else if (value instanceof Expr) value.references.forEach((r) => out.add(r));
  else if (Array.isArray(value)) value.forEach((v) => dependencies(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => dependencies(v, out));
  return out;
}

export function loadConfig(cwd) {
  const file = join(cwd, 'cdk.tf.json');
  if (!existsSync(file)) {
    const others = readdirSync(cwd).filter((f) => /\.tf(\.json)?$/.test(f));
    if (others.length === 0) return null;
    fail('Unsupported configuration', `The terraform double reads only cdk.tf.json; found ${others.join(', ')}.`);
  }
  let raw;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    fail('Syntax error in cdk.tf.json', `${err.message}`);
  }
  const terraform = raw.terraform ?? {};
  const requiredProviders = terraform.required_providers ?? {};
  const resources = [];
  for (const [type, byName] of Object.entries(raw.resource ?? {})) {
    for (const [name, body] of Object.entries(byName ?? {})) {
      const attrs = Object.fromEntries(Object.entries(body ?? {}).filter(([k]) => !META.has(k) && !k.startsWith('//')));
      resources.push({ address: `${type}.${name}`, type, name, rawAttrs: attrs, attrs: parseValue(attrs) });
    }
  }
  resources.sort(byAddress);
  const dataSources = [];
  for (const [name, body] of Object.entries(raw.data?.[REMOTE_STATE] ?? {})) {
    const attrs = Object.fromEntries(Object.entries(body ?? {}).filter(([k]) => !META.has(k) && !k.startsWith('//')));
    const dependsOn = [body?.depends_on ?? []].flat();
    const address = `data.${REMOTE_STATE}.${name}`;
    dataSources.push({
      address,
      mode: 'data',
      type: REMOTE_STATE,
      name,
      rawAttrs: attrs,
      attrs: parseValue(attrs),
      dependsOn,
    });
  }
  dataSources.sort(byAddress);
  const outputs = Object.entries(raw.output ?? {}).map(([name, body]) => ({
    name,
    value: parseValue(body?.value ?? null),
    rawValue: body?.value ?? null,
    sensitive: body?.sensitive === true,
  }));
  // CDKTF renders resource.importFrom(id) as a top-level `"import": [{ "id", "to" [, "provider"] }]`.
  const imports = [raw.import ?? []].flat().map((block) => ({ to: block?.to, id: parseValue(block?.id ?? null) }));
  // Terraform >= 1.7: `"removed": [{ "from": "<type>.<name>", "lifecycle": { "destroy": false } }]`; destroy
  // defaults to true (an ordinary delete).
  const removed = [raw.removed ?? []].flat().map((block) => ({
    from: block?.from,
    destroy: [block?.lifecycle ?? []].flat()[0]?.destroy !== false,
  }));
  return {
    raw,
    backend: backendOf(terraform),
    requiredProviders,
    providerBlocks: raw.provider ?? {},
    resources,
    dataSources,
    outputs,
    imports,
    removed,
  };
}

function backendOf(terraform) {
  const entries = Object.entries(terraform.backend ?? {});
  if (entries.length === 0) return { type: 'local', config: {} };
  if (entries.length > 1) fail('Duplicate backend configuration', 'A module may have only one backend configuration.');
  const [type, config] = entries[0];
  return { type, config: config ?? {} };
}

/** Full provider address for a resource type, from required_providers or Terraform's implied hashicorp namespace. */
export function providerFor(type, requiredProviders) {
  const local = type.split('_')[0];
  return { local, ...providerSource(local, requiredProviders[local]?.source) };
}

export function providerSource(local, source) {
  const parts = (source ?? local).split('/');
  if (parts.length === 1) parts.unshift('hashicorp');
  if (parts.length === 2) parts.unshift('registry.terraform.io');
  return { fullName: parts.join('/'), short: parts.slice(1).join('/') };
}
