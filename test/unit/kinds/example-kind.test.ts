// Adding a kind is its folder plus one table line: a table with the throwaway ExampleKind runs the generic paths
// (document schema, stack names, synthesis, owners, primary address); a definition or table line that misses a hook
// or names the wrong kind does not type-check (tsconfig.test.json checks this file).
import { describe, expect, it } from '@jest/globals';
import { KIND_DEFINITIONS } from '../../../src/kinds/index.js';
import { defineKindTable, type KindDefinition } from '../../../src/kinds/kind-definition.js';
import { createKindRegistry } from '../../../src/kinds/registry.js';
import type { IntentSpec } from '../../../src/specs/model.js';
import { synthesize } from '../../../src/synth/synthesize.js';
import { exampleKind, type ExampleSpec } from './fixtures/example-kind/definition.js';

const table = defineKindTable({ ...KIND_DEFINITIONS, ExampleKind: exampleKind });
const kinds = createKindRegistry(table);

const settings = {
  repository: 'acme/infra',
  defaultRegion: 'us-east-1',
  terraform: { stateRegion: 'us-east-1', stateKeyPrefix: 'infra-bot' },
  localStateDir: '/tmp/state',
  okta: { maxApiCapacity: 50 },
  identityLayout: 'shared' as const,
};

describe('a new kind in its own folder (ExampleKind)', () => {
  it('its document validates against the schema the table builds, and resolve applies its defaults', () => {
    const document = {
      apiVersion: 'infra-bot/v1',
      kind: 'ExampleKind',
      metadata: { name: 'hello' },
      spec: { message: 'hi' },
    };
    const parsed = kinds.documentSchema('ExampleKind').safeParse(document);
    expect(parsed.success).toBe(true);
    const wrong = kinds.documentSchema('ExampleKind').safeParse({ ...document, spec: { message: 1 } });
    expect(wrong.error?.issues.map((i) => i.message)).toEqual(['spec.message must be a string']);
    expect(exampleKind.resolve({ message: 'hi' }, { name: 'hello', config: undefined as never })).toEqual({
      message: 'hi',
      loud: false,
    });
  });

  it('gets a stack of its own, and the name parses back to it; an unknown stack name is an error that says so', () => {
    expect(kinds.stackNameFor({ kind: 'ExampleKind', metadata: { name: 'hello' } }, 'shared')).toBe('example-hello');
    expect(kinds.stackNameFor({ kind: 'ExampleKind', metadata: { name: 'hello' } }, 'per-spec')).toBe('example-hello');
    expect(kinds.parseStackName('example-hello')).toEqual({ ok: true, owner: { kind: 'ExampleKind', name: 'hello' } });
    expect(kinds.parseStackName('identity')).toEqual({ ok: true, owner: { shared: 'identity' } });
    expect(kinds.parseStackName('widget-hello')).toEqual({
      ok: false,
      error:
        '"widget-hello" is not a stack name: stacks are `identity`, `sso`, `okta-user-<name>`, `okta-group-<name>`, `ec2-<name>`, `s3-<name>` and `example-<name>`',
    });
    expect(new RegExp(`^${kinds.stackNamePattern}$`).test('example-hello')).toBe(true);
  });

  it('synthesises with the generic stack builder; its resource is owned by its spec and is its primary one', () => {
    const spec = {
      kind: 'ExampleKind' as const,
      metadata: { name: 'hello', labels: {} },
      spec: { message: 'hi ${var.x}', loud: false } satisfies ExampleSpec,
      file: 'infra-specs/examples/hello.yaml',
      hash: 'h',
    };
    // The shipped pipeline types specs by the shipped kinds; this table has one more.
    const [stack] = synthesize([spec as unknown as IntentSpec], { settings, kinds });
    expect(stack).toMatchObject({ name: 'example-hello', specs: ['ExampleKind/hello'], resourceCount: 1 });
    const json = JSON.parse(stack!.json) as {
      resource: Record<string, Record<string, { input: { message: string } }>>;
    };
    expect(json.resource.terraform_data?.message?.input.message).toBe('hi $${var.x}');
    expect(kinds.ownerInStack('example-hello', 'message')).toBe('ExampleKind/hello');
    expect(kinds.primaryAddress(spec)).toBe('terraform_data.message');
  });

  it('a definition that forgets a hook, or a table line under the wrong kind, does not type-check', () => {
    const { describe: _forgotten, ...withoutDescribe } = exampleKind;
    // @ts-expect-error: `describe` is missing
    const incomplete: KindDefinition<'ExampleKind', ExampleSpec> = withoutDescribe;
    // @ts-expect-error: the key says OtherKind, the definition is ExampleKind's
    const misfiled = defineKindTable({ OtherKind: exampleKind });
    expect([incomplete, misfiled]).toHaveLength(2);
  });
});
