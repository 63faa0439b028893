// IAM policy documents read structurally: a JSON string (as Terraform plans hold them) or an object (as specs do)
// becomes statements whose lists are sets, so `"s3:GetObject"` equals `["s3:GetObject"]` and the order of Action or
// Resource entries never counts as a change. Sids are labels, not permissions: ignored.

export interface PolicyList {
  /** `NotAction`, `NotResource`, `NotPrincipal`: everything except the values. */
  not: boolean;
  /** Sorted, without duplicates. Principals as `AWS:arn`, `Service:…`, `Federated:…`, or `*` for anyone. */
  values: string[];
  /** No Resource written (trust policies): the role itself, read as `*` and not named in words. */
  implied?: true;
}

export interface PolicyStatement {
  effect: 'Allow' | 'Deny';
  actions: PolicyList;
  resources: PolicyList;
  /** Absent in identity policies (the role is the principal). */
  principals?: PolicyList;
  /** Canonical JSON of the Condition block; '' when there is none. */
  condition: string;
}

export interface PolicyDocument {
  version: string;
  statements: PolicyStatement[];
}

type Json = unknown;
const isRecord = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortedSet = (values: readonly string[]) => [...new Set(values)].sort(byCodePoint);

/** `"x"` or `["x", …]` → strings; anything else → undefined (not a policy we can read). */
function strings(value: Json): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return undefined;
}

/** Canonical JSON: keys sorted, single values as one-element lists, lists sorted (condition values are sets). */
function canonical(value: Json): Json {
  if (Array.isArray(value))
    return value
      .map(canonical)
      .map((v) => JSON.stringify(v))
      .sort(byCodePoint);
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort(byCodePoint)
        .map((k) => [k, isRecord(value[k]) ? canonical(value[k]) : canonical(strings(value[k]) ?? [value[k]])]),
    );
  }
  return value;
}

function principals(value: Json): string[] | undefined {
  if (value === '*') return ['*'];
  if (!isRecord(value)) return undefined;
  const out: string[] = [];
  for (const [kind, entries] of Object.entries(value)) {
    const list = strings(entries);
    if (!list) return undefined;
    // `{"AWS": "*"}` and `"*"` both mean anyone.
    for (const entry of list) out.push(kind === 'AWS' && entry === '*' ? '*' : `${kind}:${entry}`);
  }
  return sortedSet(out);
}

function list(statement: Record<string, Json>, key: string, notKey: string): PolicyList | undefined | null {
  const [plain, not] = [statement[key], statement[notKey]];
  if (plain !== undefined && not !== undefined) return null;
  if (plain === undefined && not === undefined) return undefined;
  const values = key === 'Principal' ? principals(plain ?? not) : strings(plain ?? not);
  return values ? { not: not !== undefined, values: sortedSet(values) } : null;
}

function statementOf(raw: Json): PolicyStatement | undefined {
  if (!isRecord(raw) || (raw.Effect !== 'Allow' && raw.Effect !== 'Deny')) return undefined;
  const actions = list(raw, 'Action', 'NotAction');
  const resources = list(raw, 'Resource', 'NotResource');
  const who = list(raw, 'Principal', 'NotPrincipal');
  if (actions === null || resources === null || who === null || actions === undefined) return undefined;
  if (raw.Condition !== undefined && !isRecord(raw.Condition)) return undefined;
  return {
    effect: raw.Effect,
    actions,
    // Trust policies have no Resource: the role itself is the resource.
    resources: resources ?? { not: false, values: ['*'], implied: true },
    ...(who ? { principals: who } : {}),
    condition: raw.Condition === undefined ? '' : JSON.stringify(canonical(raw.Condition)),
  };
}

/** A policy from a JSON string or an object; undefined when it is not one we can read (never throws). */
export function readPolicy(value: Json): PolicyDocument | undefined {
  let doc = value;
  if (typeof value === 'string') {
    try {
      doc = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!isRecord(doc)) return undefined;
  const raw = Array.isArray(doc.Statement) ? doc.Statement : isRecord(doc.Statement) ? [doc.Statement] : undefined;
  if (!raw) return undefined;
  const statements: PolicyStatement[] = [];
  for (const s of raw) {
    const statement = statementOf(s);
    if (!statement) return undefined;
    statements.push(statement);
  }
  return { version: typeof doc.Version === 'string' ? doc.Version : '2008-10-17', statements };
}

export const statementKey = (s: PolicyStatement): string => JSON.stringify(s);

/** Same permissions: same version and the same set of statements, whatever the order and the Sids. */
export function samePolicy(a: PolicyDocument, b: PolicyDocument): boolean {
  if (a.version !== b.version) return false;
  const keys = (d: PolicyDocument) => sortedSet(d.statements.map(statementKey));
  const [x, y] = [keys(a), keys(b)];
  return x.length === y.length && x.every((k, i) => k === y[i]);
}
