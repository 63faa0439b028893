// What every kind in the table must do, checked kind by kind against the examples in infra-specs/: a kind whose
// folder forgets a path (no example, no resources, an orphan resource, no JSON Schema entry, no `/infra new`, no
// intent line, no cost answer) fails here by name.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { parseCommand } from '../../../src/commands/parse-command.js';
import { synthSettingsFrom } from '../../../src/config/synth-settings.js';
import { KINDS, kindOf } from '../../../src/kinds/index.js';
import { DEFAULT_S3_ASSUMPTION } from '../../../src/review/cost/spec-cost.js';
import { loadPriceTable } from '../../../src/review/cost/price-table.js';
import { describeSpecChange } from '../../../src/review/describe-spec-change.js';
import { diffIntent } from '../../../src/review/intent-changes.js';
import { ownerOf, primaryAddress } from '../../../src/review/resource-owner.js';
import { toMarkdown } from '../../../src/review/rich-text.js';
import { buildJsonSchemas } from '../../../src/specs/json-schemas.js';
import { loadSpecFile } from '../../../src/specs/load-spec-file.js';
import { specKey, type IntentSpec, type Kind } from '../../../src/specs/model.js';
import { validateSpecs, type SourceFile } from '../../../src/specs/validate-specs.js';
import { STACK_LAYOUTS, type StackLayout } from '../../../src/kinds/kind-definition.js';
import { stackNameFor, synthesize, type SynthesizedStack } from '../../../src/synth/synthesize.js';
import { renderSpecYaml, specFilePath } from '../../../src/workflow/self-service/spec-file.js';
import { draftSpec } from '../../../src/workflow/self-service/spec-fields.js';
import { REPO_ROOT, repoFile } from '../repo/repo-files.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const configText = repoFile('.github/infra.yml');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

const examples: SourceFile[] = yamlFiles(join(REPO_ROOT, 'infra-specs')).map((path) => ({
  path: relative(REPO_ROOT, path),
  content: readFileSync(path, 'utf8'),
}));
const validation = validateSpecs({ files: examples, configText, now: NOW });
const settings = synthSettingsFrom(validation.config, { repository: 'acme/infra', localStateDir: '/tmp/state' });
const stacksIn: Record<StackLayout, SynthesizedStack[]> = {
  shared: synthesize(validation.specs, { settings }),
  'per-spec': synthesize(validation.specs, { settings: { ...settings, identityLayout: 'per-spec' } }),
};

const resourcesOf = (json: string): string[] => {
  const config = JSON.parse(json) as { resource?: Record<string, Record<string, unknown>> };
  return Object.entries(config.resource ?? {}).flatMap(([type, byName]) =>
    Object.keys(byName).map((name) => `${type}.${name}`),
  );
};

const exampleOf = (kind: Kind): IntentSpec => {
  const spec = validation.specs.find((s) => s.kind === kind);
  if (!spec) throw new Error(`infra-specs/ has no ${kind} example`);
  return spec;
};

/**
 * The example's fields as `/infra new` arguments: scalars and lists of scalars. A mapping holding a list of mappings
 * (an inline policy's statements) has no argument syntax and is left out whole.
 */
function asArguments(tree: unknown, prefix: string): string[] | undefined {
  if (tree === null || typeof tree !== 'object') return [`${prefix}=${JSON.stringify(String(tree))}`];
  if (Array.isArray(tree)) {
    return tree.every((item) => typeof item !== 'object') ? [`${prefix}=${JSON.stringify(tree.join(','))}`] : undefined;
  }
  const parts = Object.entries(tree).map(([key, value]) => asArguments(value, prefix ? `${prefix}.${key}` : key));
  return parts.every((part) => part !== undefined) ? parts.flat() : undefined;
}

const withoutName = ({ name: _name, ...rest }: Record<string, unknown>) => rest;

describe('kind contract', () => {
  it('the examples in infra-specs/ validate', () => {
    expect(validation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(validation.ok).toBe(true);
  });

  it.each(STACK_LAYOUTS)(
    '%s layout › every synthesized resource › has an owner: a spec of the stack it is in, or the SAML federation',
    (layout) => {
      const orphans = stacksIn[layout].flatMap((stack) =>
        resourcesOf(stack.json)
          .filter((address) => {
            const owner = ownerOf(stack.name, address);
            if (!owner) return true;
            if (!('spec' in owner)) return false;
            const spec = validation.specs.find((s) => specKey(s) === owner.spec);
            return !spec || stackNameFor(spec, layout) !== stack.name;
          })
          .map((address) => `${stack.name}: ${address}`),
      );
      expect(orphans).toEqual([]);
    },
  );

  describe.each(KINDS.map((kind) => [kind]))('%s', (kind) => {
    const rawExample = () => {
      const spec = exampleOf(kind);
      const file = examples.find((f) => f.path === spec.file)!;
      return { spec, file };
    };

    it('has an example that validates and synthesises at least one resource of its own, its primary one among them', () => {
      const spec = exampleOf(kind);
      for (const layout of STACK_LAYOUTS) {
        const stack = stacksIn[layout].find((s) => s.name === stackNameFor(spec, layout));
        expect(stack).toBeDefined();
        const own = resourcesOf(stack!.json).filter((address) => {
          const owner = ownerOf(stack!.name, address);
          return owner !== undefined && 'spec' in owner && owner.spec === specKey(spec);
        });
        expect(own.length).toBeGreaterThanOrEqual(1);
        expect(own).toContain(primaryAddress(spec));
      }
    });

    it('is listed in the JSON Schema editors validate against', () => {
      const schema = JSON.stringify(buildJsonSchemas()['infra-spec.schema.json']);
      expect(schema).toContain(`"const":"${kind}"`);
      expect(repoFile('schemas/infra-spec.schema.json')).toContain(`"const": "${kind}"`);
    });

    it('`/infra new` drafts it from arguments, and the draft validates in the example’s place', () => {
      const { spec, file } = rawExample();
      const { metadata, spec: body } = parse(file.content) as { metadata: Record<string, unknown>; spec: object };
      const fields = Object.entries({ ...body, ...withoutName(metadata) }).flatMap(
        ([key, value]) => asArguments(value, key) ?? [],
      );
      const line = [`/infra new ${kind} name=drafted-${spec.metadata.name}`, ...fields].join(' ');
      const parsed = parseCommand({ body: line, where: 'issue', sender: { login: 'ann', type: 'User' } });
      expect(parsed.type).toBe('command');
      if (parsed.type !== 'command' || parsed.command.name !== 'new') throw new Error(`not a new command: ${line}`);
      const draft = draftSpec(kind, parsed.command.fields, { metadata: { owner: '@ann' } });
      if (!draft.ok) throw new Error(draft.problems.join(' '));
      const name = parsed.command.specName;
      const path = specFilePath('infra-specs', kind, name);
      expect(path.startsWith(`infra-specs/${kindOf(spec).folder}/`)).toBe(true);
      const drafted = { path, content: renderSpecYaml(path, kind, name, draft.draft) };
      // In place of the example it copies (logins and bucket names must be unique); only the draft's file is judged,
      // since specs that referred to the example by name now miss it.
      const others = examples.filter((f) => f.path !== file.path);
      const result = validateSpecs({ files: [...others, drafted], configText, now: NOW });
      expect(result.diagnostics.filter((d) => d.file === path)).toEqual([]);
      expect(loadSpecFile(path, drafted.content)).toMatchObject({ ok: true, spec: { kind } });
    });

    it('the intent summary describes its create, update and delete', () => {
      const spec = exampleOf(kind);
      const others = validation.specs.filter((s) => s !== spec);
      const changed = { ...spec, hash: 'changed', metadata: { ...spec.metadata, owner: 'someone-else@demoac.com' } };
      const lines = (base: IntentSpec[], head: IntentSpec[]) =>
        diffIntent({ base: { specs: base }, head, now: NOW })
          .specs.filter((c) => c.key === specKey(spec))
          .map((c) => toMarkdown(describeSpecChange(c)));
      const created = lines(others, validation.specs);
      const updated = lines(validation.specs, [...others, changed]);
      const deleted = lines(validation.specs, others);
      expect(created).toEqual([expect.stringContaining('created:')]);
      expect(updated).toEqual([expect.stringContaining('metadata.owner')]);
      expect(deleted).toEqual([expect.stringContaining('destroyed:')]);
      // created and destroyed lines say what the spec is, in the kind's words, beyond its key
      expect(created[0]!.length).toBeGreaterThan(`➕ **created:** \`${specKey(spec)}\` — `.length);
    });

    it('the cost estimate knows it, or says "no estimate"', async () => {
      const spec = exampleOf(kind);
      const cost = kindOf(spec).cost(spec, { prices: await loadPriceTable(), s3: DEFAULT_S3_ASSUMPTION });
      if (cost === 'no estimate') return;
      expect(cost.monthly.known).toBe(true);
      expect(cost.basis).not.toBe('');
    });
  });
});
