// Every attribute we write for Okta (provider settings, okta_* resources and their blocks) exists, settable, in the
// pinned provider release; every okta_* attribute we reference exists there. The fixture is read from the provider's
// source at that release (test/fixtures/okta-provider-schema.json, made by scripts/okta-provider-schema.mjs).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { IntentSpec } from '../../../src/specs/model.js';
import { OKTA_PROVIDER_VERSION } from '../../../src/synth/okta-provider.js';
import { emptyStackFor, synthesize } from '../../../src/synth/synthesize.js';
import { group, parse, role, s3Settings, user } from './fixtures.js';
import type { TfConfig } from './fixtures.js';

interface BlockSchema {
  arguments: string[];
  computed: string[];
  blocks?: Record<string, BlockSchema>;
}
interface SchemaFixture {
  source: { repository: string; tag: string; commit: string; files: Record<string, string> };
  providerVersion: string;
  provider: BlockSchema;
  resources: Record<string, BlockSchema>;
}

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/okta-provider-schema.json', import.meta.url), 'utf8'),
) as SchemaFixture;

/** Terraform meta-arguments and CDKTF's metadata key: valid on every resource, not part of its schema. */
const META = new Set(['//', 'count', 'depends_on', 'for_each', 'lifecycle', 'provider', 'provisioner', 'connection']);

/** Attributes in `body` the schema does not accept as arguments, as `path.to.attribute`. */
function unknownArguments(body: Record<string, unknown>, schema: BlockSchema, path: string): string[] {
  return Object.entries(body).flatMap(([key, value]) => {
    if (path.split('.').length === 2 && META.has(key)) return [];
    const at = `${path}.${key}`;
    if (!schema.arguments.includes(key)) return [schema.computed.includes(key) ? `${at} (computed only)` : at];
    const block = schema.blocks?.[key];
    if (block === undefined) return [];
    const items = (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
    return items.flatMap((item, index) => unknownArguments(item, block, `${at}[${index}]`));
  });
}

/** Every problem with the okta parts of one stack: unknown types, arguments, references, provider settings. */
function schemaProblems(config: TfConfig, schemas: SchemaFixture): string[] {
  const problems: string[] = [];
  for (const [type, byName] of Object.entries(config.resource ?? {})) {
    if (!type.startsWith('okta_')) continue;
    const schema = schemas.resources[type];
    if (schema === undefined) {
      problems.push(`${type}: not in the fixture (extend scripts/okta-provider-schema.mjs)`);
      continue;
    }
    for (const [name, body] of Object.entries(byName))
      problems.push(...unknownArguments(body, schema, `${type}.${name}`));
  }
  for (const settings of config.provider?.okta ?? []) {
    problems.push(...unknownArguments(settings, schemas.provider, 'provider.okta'));
  }
  const text = JSON.stringify(config);
  for (const [, type, attribute] of text.matchAll(/\$\{(okta_[a-z0-9_]+)\.[A-Za-z0-9_-]+\.([a-z0-9_]+)/g)) {
    const schema = schemas.resources[type!];
    const known = attribute === 'id' || schema?.arguments.includes(attribute!) || schema?.computed.includes(attribute!);
    if (!known) problems.push(`reference ${type}.*.${attribute}: no such attribute`);
  }
  return problems;
}

/** Every optional Okta attribute we can write is set somewhere here. */
const everything = (): IntentSpec[] => [
  group('admins', { displayName: 'Platform Admins', description: 'Can do anything' }),
  group('devs'),
  user('bruce', {
    title: 'Founder',
    department: 'Security',
    status: 'SUSPENDED',
    groups: ['devs', 'admins'],
    customAttributes: { costCenter: 'CC-1' },
  }),
  user('linda'),
  role('admin', { oktaGroup: 'admins', managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] }),
  role('developer', { oktaGroup: 'devs' }),
];

const identity = (): TfConfig => parse(synthesize(everything(), { settings: s3Settings })[0]!.json);

describe('okta provider schema', () => {
  it('fixture › is the pinned release, read from the cited source', () => {
    expect(fixture.providerVersion).toBe(OKTA_PROVIDER_VERSION);
    expect(fixture.source).toMatchObject({
      repository: 'https://github.com/okta/terraform-provider-okta',
      tag: `v${OKTA_PROVIDER_VERSION}`,
      commit: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
  });

  it('identity stack › writes only attributes the pinned release accepts, references only ones it has', () => {
    const config = identity();
    expect(
      Object.keys(config.resource!)
        .filter((type) => type.startsWith('okta_'))
        .sort(),
    ).toEqual([
      'okta_app_group_assignments',
      'okta_app_saml',
      'okta_group',
      'okta_user',
      'okta_user_group_memberships',
    ]);
    expect(schemaProblems(config, fixture)).toEqual([]);
  });

  it('empty identity stack › its provider settings are accepted', () => {
    const config = parse(emptyStackFor('identity', s3Settings, 'us-east-1').json);
    expect(config.provider!.okta).toHaveLength(1);
    expect(schemaProblems(config, fixture)).toEqual([]);
  });

  it('the check › names a renamed argument, a computed one written, a bad block field and a bad reference', () => {
    const config = identity();
    const bruce = config.resource!.okta_user!.user_bruce!;
    bruce.first_nam = bruce.first_name;
    bruce.raw_status = 'ACTIVE';
    const assignments = config.resource!.okta_app_group_assignments!.sso_assignments!;
    (assignments.group as Record<string, unknown>[])[0]!.role = 'x';
    config.resource!.okta_user_group_memberships!.user_bruce_groups!.user_id = '${okta_user.user_bruce.user_id}';
    expect(schemaProblems(config, fixture)).toEqual([
      'okta_app_group_assignments.sso_assignments.group[0].role',
      'okta_user.user_bruce.first_nam',
      'okta_user.user_bruce.raw_status (computed only)',
      'reference okta_user.*.user_id: no such attribute',
    ]);
  });
});
