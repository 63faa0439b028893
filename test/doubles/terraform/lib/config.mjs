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

/** Any other interpolation; not evaluated by the double (see README). */
export class Expr {
  constructor(raw, references) {
    this.raw = raw;
    this.references = references;
  }
}

const RESOURCE_REF = /(?<![\w.])([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][\w-]*)(?:\.([A-Za-z_]\w*))?/g;
const SINGLE_REF = /^\$\{([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][\w-]*)\.([A-Za-z_]\w*)\}$/;

/** Interprets a JSON-syntax string: `$${` and `%%{` are literal escapes, `${…}` interpolates. */
export function parseTemplate(text) {
  if (!/(^|[^$])\$\{/.test(text) && !/(^|[^%])%\{/.test(text))
    return text.replaceAll('$${', '${').replaceAll('%%{', '%{');
  const single = SINGLE_REF.exec(text);
  if (single) return new Ref(`${single[1]}.${single[2]}`, single[3], text);
  const references = new Set();
  for (const m of text.matchAll(/(^|[^$])\$\{([^}]*)\}/g)) {
    for (const r of m[2].matchAll(RESOURCE_REF)) {
      if (['var', 'local', 'data', 'module', 'path', 'terraform'].includes(r[1])) continue;
      references.add(`${r[1]}.${r[2]}`);
    }
  }
  return new Expr(text, [...references]);
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

/** Addresses of the resources a parsed value depends on. */
export function dependencies(value, out = new Set()) {
  if (value instanceof Ref) out.add(value.address);
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
  const outputs = Object.entries(raw.output ?? {}).map(([name, body]) => ({
    name,
    value: parseValue(body?.value ?? null),
    rawValue: body?.value ?? null,
    sensitive: body?.sensitive === true,
  }));
  return {
    raw,
    backend: backendOf(terraform),
    requiredProviders,
    providerBlocks: raw.provider ?? {},
    resources,
    outputs,
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
