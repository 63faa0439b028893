// Real `terraform show -json` / `tofu show -json` plans published by other projects (test/fixtures/plans/real, cited
// in SOURCES.md), rendered through the public API. What each case expects is read from the fixture's own JSON by the
// small reader below, never hard-coded, and the text checks stay generic so they hold for any reasonable layout.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GITHUB_CHECK_TEXT_LIMIT, renderPlanCheckOutput } from '../../../src/plan/render-check-summary.js';
import { GITHUB_COMMENT_LIMIT, renderPlanComment } from '../../../src/plan/render-plan-comment.js';
import { summarizePlan } from '../../../src/plan/summarize-plan.js';
import { parsePlanJson } from '../../../src/plan/terraform-json.js';
import { readStructure } from './markdown-structure.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/plans/real');
const SHA = '9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a393f2a';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface RawChange {
  address: string;
  previous_address?: string;
  deposed?: string;
  action_reason?: string;
  change: {
    actions: string[];
    before?: Json;
    after?: Json;
    before_sensitive?: Json;
    after_sensitive?: Json;
    importing?: Json;
  };
}
interface RawOutput {
  actions: string[];
  before?: Json;
  after?: Json;
  before_sensitive?: Json;
  after_sensitive?: Json;
}
interface RawPlan {
  errored?: boolean;
  resource_changes?: RawChange[];
  resource_drift?: RawChange[];
  output_changes?: Record<string, RawOutput>;
}

function fixtureNames(dir = ROOT, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? fixtureNames(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
    )
    .filter((name) => name.endsWith('.json'))
    .sort();
}

const isNoOp = (actions: readonly string[]) => actions.length === 1 && actions[0] === 'no-op';
const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Resource changes a reviewer must see: anything that changes, or is imported, or moves. */
const shownChanges = (raw: RawPlan) =>
  (raw.resource_changes ?? []).filter(
    (rc) => !isNoOp(rc.change.actions) || rc.change.importing != null || rc.previous_address !== undefined,
  );

/** Walks a value beside its sensitivity marker: strings under a `true` marker are secret, the rest plain. */
function collectStrings(value: Json | undefined, marker: Json | undefined, secret: Set<string>, plain: Set<string>) {
  if (value === undefined || value === null) return;
  if (typeof value === 'string') (marker === true ? secret : plain).add(value);
  else if (Array.isArray(value))
    value.forEach((v, i) =>
      collectStrings(v, marker === true ? true : Array.isArray(marker) ? marker[i] : undefined, secret, plain),
    );
  else if (isObject(value))
    for (const [k, v] of Object.entries(value))
      collectStrings(v, marker === true ? true : isObject(marker) ? marker[k] : undefined, secret, plain);
}

/** Sensitive leaf strings (≥ 6 characters) that are never also shown as a plain value or an address. */
function sensitiveStrings(raw: RawPlan): string[] {
  const secret = new Set<string>();
  const plain = new Set<string>();
  const changes: RawOutput[] = [
    ...[...(raw.resource_changes ?? []), ...(raw.resource_drift ?? [])].map((rc) => rc.change),
    ...Object.values(raw.output_changes ?? {}),
  ];
  for (const c of changes) {
    collectStrings(c.before, c.before_sensitive, secret, plain);
    collectStrings(c.after, c.after_sensitive, secret, plain);
  }
  const addresses = [...(raw.resource_changes ?? []), ...(raw.resource_drift ?? [])].map((rc) => rc.address).join('\n');
  return [...secret].filter((s) => s.length >= 6 && !plain.has(s) && !addresses.includes(s));
}

interface Rendered {
  parts: string[];
  check: ReturnType<typeof renderPlanCheckOutput>;
  comment: string;
}

const cache = new Map<string, Rendered>();
function render(name: string, text: string): Rendered {
  const hit = cache.get(name);
  if (hit) return hit;
  const parsed = parsePlanJson(text);
  if (!parsed.ok) throw new Error(`${name} was refused: ${parsed.error}`);
  // A neutral stack name: the fixture's own name (`drift.json`) must not satisfy a wording check.
  const stacks = [{ stack: 'prod-eu', outcome: 'planned' as const, summary: summarizePlan(parsed.plan) }];
  const input = { repo: 'acme/infra', pr: 7, headSha: SHA, stacks };
  const parts = renderPlanComment({ ...input, marker: 'infra-bot:plan' });
  const out = { parts, check: renderPlanCheckOutput(input), comment: parts.join('\n') };
  cache.set(name, out);
  return out;
}

const same = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);

function leafStrings(value: Json | undefined, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => leafStrings(v, out));
  else if (isObject(value)) Object.values(value).forEach((v) => leafStrings(v, out));
  return out;
}

const topLevel = (rc: RawChange) =>
  isObject(rc.change.before) && isObject(rc.change.after) && rc.change.actions.join() === 'update'
    ? Object.keys(rc.change.after).map((key) => ({
        key,
        before: (rc.change.before as Record<string, Json>)[key],
        after: (rc.change.after as Record<string, Json>)[key],
      }))
    : [];

/** Updated attributes that are lists (sets, in the provider's schema) which gained one element and lost none. */
function oneElementAdded(rc: RawChange): { key: string; added: Json }[] {
  return topLevel(rc).flatMap(({ key, before, after }) => {
    if (!Array.isArray(before) || !Array.isArray(after) || after.length !== before.length + 1) return [];
    if (!before.every((b) => after.some((a) => same(a, b)))) return [];
    const added = after.find((a) => !before.some((b) => same(a, b)));
    return added === undefined ? [] : [{ key, added }];
  });
}

const parseDocument = (text: Json | undefined): Json | undefined => {
  if (typeof text !== 'string' || !/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
};

/** Updated attributes holding a JSON document (an IAM or bucket policy): the strings the new version adds. */
function documentChanges(rc: RawChange): { key: string; fresh: string[] }[] {
  return topLevel(rc).flatMap(({ key, before, after }) => {
    const [old, next] = [parseDocument(before), parseDocument(after)];
    if (old === undefined || next === undefined || same(old, next)) return [];
    const known = new Set(leafStrings(old));
    const fresh = [...new Set(leafStrings(next).filter((s) => !known.has(s)))];
    return fresh.length ? [{ key, fresh }] : [];
  });
}

/** `name` as a whole token (an output `test` is not found inside `test_instance.test`'s neighbours). */
const standsAlone = (text: string, name: string) =>
  new RegExp(`(^|[^\\w.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\w-]|$)`, 'm').test(text);

/** The text from the line first mentioning `address` up to the next mention of another address from the plan. */
function blockOf(comment: string, address: string, others: readonly string[]): string {
  const at = comment.indexOf(address);
  if (at < 0) return '';
  // From the start of that line: a header may put the action before the address.
  const start = comment.lastIndexOf('\n', at) + 1;
  const from = at + address.length;
  const ends = others
    .filter((o) => o !== address && !address.includes(o))
    .map((o) => comment.indexOf(o, from))
    .filter((i) => i >= 0);
  return comment.slice(start, ends.length ? Math.min(...ends) : undefined);
}

/** `it.each` over the cases a fixture holds; a fixture without such a case adds no test (Jest rejects an empty table). */
const eachCase = <T extends string[]>(cases: T[]) =>
  cases.length ? it.each(cases) : (_title: string, _fn: (...args: T) => void) => undefined;

const fixtures = fixtureNames().map((name) => {
  const text = readFileSync(path.join(ROOT, name), 'utf8');
  return { name, text, raw: JSON.parse(text) as RawPlan };
});
const rendered = fixtures.filter((f) => f.raw.errored !== true);

describe('real public plans › corpus', () => {
  it('holds 12–30 plans, none over 2 MB, under 6 MB in all', () => {
    const sizes = fixtures.map((f) => Buffer.byteLength(f.text));
    expect(fixtures.length).toBeGreaterThanOrEqual(12);
    expect(fixtures.length).toBeLessThanOrEqual(30);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(6 * 1024 * 1024);
  });

  it('covers the cases the checks below look for, so none of them is vacuous', () => {
    const all = fixtures.map((f) => f.raw);
    const changes = all.flatMap(shownChanges);
    const covered = {
      errored: all.some((r) => r.errored === true),
      drift: all.some((r) => (r.resource_drift ?? []).length > 0),
      outputs: all.some((r) => Object.values(r.output_changes ?? {}).some((o) => !isNoOp(o.actions))),
      moved: changes.some((rc) => rc.previous_address),
      imported: changes.some((rc) => rc.change.importing != null),
      replacedDestroyFirst: changes.some((rc) => rc.change.actions.join() === 'delete,create'),
      tainted: changes.some((rc) => rc.action_reason === 'replace_because_tainted'),
      oneElementAdded: changes.some((rc) => oneElementAdded(rc).length > 0),
      sensitive: all.some((r) => sensitiveStrings(r).length > 0),
    };
    expect(Object.entries(covered).filter(([, found]) => !found)).toEqual([]);
  });

  it('every fixture is cited in SOURCES.md', () => {
    const sources = readFileSync(path.join(ROOT, 'SOURCES.md'), 'utf8');
    for (const { name } of fixtures) expect(sources).toContain(name);
  });
});

describe.each(fixtures.filter((f) => f.raw.errored === true))('real public plans › $name (errored)', ({ text }) => {
  it('is refused with a message saying the plan errored', () => {
    const parsed = parsePlanJson(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/error/i);
  });
});

describe.each(rendered)('real public plans › $name', ({ name, text, raw }) => {
  const addresses = [...shownChanges(raw), ...(raw.resource_drift ?? [])].map((rc) => rc.address);

  it('parses', () => {
    const parsed = parsePlanJson(text);
    expect(parsed.ok ? 'ok' : parsed.error).toBe('ok');
  });

  it('names every changed, imported or moved resource in the comment', () => {
    const { comment } = render(name, text);
    const missing = shownChanges(raw).filter((rc) => !comment.includes(rc.address));
    expect(missing.map((rc) => rc.address)).toEqual([]);
  });

  it('names every output change in the comment', () => {
    const { comment } = render(name, text);
    const changed = Object.entries(raw.output_changes ?? {}).filter(([, o]) => !isNoOp(o.actions));
    if (changed.length) expect(comment).toMatch(/output/i);
    expect(changed.map(([n]) => n).filter((n) => !standsAlone(comment, n))).toEqual([]);
  });

  it('names every drifted resource in the comment', () => {
    const { comment } = render(name, text);
    const drift = (raw.resource_drift ?? []).map((d) => d.address);
    // A drifted object is often also in resource_changes: the comment must also say something changed outside.
    if (drift.length) expect(comment).toMatch(/drift|outside/i);
    expect(drift.filter((a) => !comment.includes(a))).toEqual([]);
  });

  it('keeps every comment part and the check output within GitHub limits and Markdown-balanced', () => {
    const { parts, check } = render(name, text);
    for (const body of parts) {
      expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
      expect(readStructure(body).problems).toEqual([]);
    }
    expect(check.summary.length).toBeLessThanOrEqual(GITHUB_CHECK_TEXT_LIMIT);
    expect((check.text ?? '').length).toBeLessThanOrEqual(GITHUB_CHECK_TEXT_LIMIT);
    expect(readStructure(check.text ?? '').problems).toEqual([]);
  });

  it('shows no value Terraform marked sensitive', () => {
    const { comment, check } = render(name, text);
    const everything = [comment, check.title, check.summary, check.text ?? ''].join('\n');
    expect(sensitiveStrings(raw).filter((s) => everything.includes(s))).toEqual([]);
  });

  const updated = shownChanges(raw).flatMap((rc) => {
    const keys = topLevel(rc)
      .filter(({ before, after }) => !same(before ?? null, after ?? null))
      .map(({ key }) => key);
    return keys.length ? [{ rc, keys }] : [];
  });
  eachCase(updated.map((u) => [u.rc.address]))('names the attributes that change in %s', (address) => {
    const block = blockOf(render(name, text).comment, address, addresses);
    const { keys } = updated.find((u) => u.rc.address === address)!;
    expect(keys.filter((k) => !block.includes(k))).toEqual([]);
  });

  const documents = shownChanges(raw).flatMap((rc) => documentChanges(rc).map((d) => ({ rc, ...d })));
  eachCase(documents.map((d) => [d.rc.address, d.key]))('shows what changed inside %s %s', (address, key) => {
    const block = blockOf(render(name, text).comment, address, addresses);
    const { fresh } = documents.find((d) => d.rc.address === address && d.key === key)!;
    expect(fresh.filter((s) => !block.includes(s))).toEqual([]);
  });

  const createdDocuments = shownChanges(raw).flatMap((rc) =>
    rc.change.actions.join() === 'create' && isObject(rc.change.after)
      ? Object.entries(rc.change.after).flatMap(([key, v]) => {
          const doc = parseDocument(v);
          return doc === undefined ? [] : [{ rc, key, strings: [...new Set(leafStrings(doc))].filter(Boolean) }];
        })
      : [],
  );
  eachCase(createdDocuments.map((d) => [d.rc.address, d.key]))('shows what %s %s grants', (address, key) => {
    const block = blockOf(render(name, text).comment, address, addresses);
    const { strings } = createdDocuments.find((d) => d.rc.address === address && d.key === key)!;
    expect(strings.filter((s) => !block.includes(s))).toEqual([]);
  });

  const grown = shownChanges(raw).flatMap((rc) => oneElementAdded(rc).map((g) => ({ rc, ...g })));
  eachCase(grown.map((g) => [g.rc.address, g.key]))('shows %s %s gaining one element, nothing else', (address, key) => {
    const block = blockOf(render(name, text).comment, address, addresses);
    const { added } = grown.find((g) => g.rc.address === address && g.key === key)!;
    // Diff lines marking a removal or a change of this attribute would be a cascade over the unchanged elements.
    const cascade = block.split('\n').filter((line) => /^\s*[-!~]/.test(line) && line.includes(key));
    expect(cascade).toEqual([]);
    expect(leafStrings(added).filter((s) => !block.includes(s))).toEqual([]);
  });

  const replaced = shownChanges(raw).filter((rc) => rc.change.actions.length === 2);
  eachCase(replaced.map((rc) => [rc.address, rc.change.actions.join(',')]))(
    'says in which order %s is replaced (%s)',
    (address, order) => {
      const block = blockOf(render(name, text).comment, address, addresses);
      const createFirst = /create[^\n]*before[^\n]*(destroy|delet)|create-before-destroy/i;
      const destroyFirst = /(destroy|delet)[^\n]*(then|before)[^\n]*creat/i;
      expect(block).toMatch(order === 'create,delete' ? createFirst : destroyFirst);
    },
  );

  const reasoned = shownChanges(raw).filter((rc) => rc.action_reason === 'replace_because_tainted' || rc.deposed);
  eachCase(reasoned.map((rc) => [rc.address, rc.deposed ? 'deposed' : 'taint']))(
    'says why %s changes (%s)',
    (address, word) => {
      expect(blockOf(render(name, text).comment, address, addresses)).toMatch(new RegExp(word, 'i'));
    },
  );

  const forgotten = shownChanges(raw).filter((rc) => rc.change.actions.includes('forget'));
  eachCase(forgotten.map((rc) => [rc.address]))('says %s leaves the state but keeps running', (address) => {
    expect(blockOf(render(name, text).comment, address, addresses)).toMatch(/forget|removed from (the )?state/i);
  });

  const imported = shownChanges(raw).filter((rc) => rc.change.importing != null);
  eachCase(imported.map((rc) => [rc.address]))('says %s is imported', (address) => {
    expect(blockOf(render(name, text).comment, address, addresses)).toMatch(/import/i);
  });

  const moved = new Map(
    shownChanges(raw).flatMap((rc) => (rc.previous_address ? [[rc.address, rc.previous_address]] : [])),
  );
  eachCase([...moved])('shows %s was moved from %s', (address, from) => {
    // The new address may itself contain the old one or the word "move": look only at the text around it.
    const around = blockOf(render(name, text).comment, address, addresses).split(address).join(' ');
    expect(around).toContain(from);
    expect(around).toMatch(/\bmov/i);
  });
});
