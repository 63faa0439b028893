import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createAwsClients, type AwsClients } from '../../../src/aws/aws-clients.js';
import { buildInventory } from '../../../src/aws/inventory.js';
import { listManagedInstances, type ManagedInstance } from '../../../src/aws/list-managed-instances.js';
import { INVENTORY_MAX_CHARS, renderInventory } from '../../../src/aws/render-inventory.js';
import type { IntentSpec, SpecMetadata } from '../../../src/specs/model.js';
import { startEc2Double, type Ec2Double } from '../../doubles/aws/ec2-server.js';

const NOW = new Date('2030-01-01T00:00:00.000Z');

const meta = (name: string, extra: Partial<SpecMetadata> = {}): SpecMetadata => ({ name, labels: {}, ...extra });
const instanceSpec = (name: string, region: string, extra: Partial<SpecMetadata> = {}): IntentSpec => ({
  kind: 'Ec2Instance',
  metadata: meta(name, extra),
  spec: { region, instanceType: 't3.small', image: 'ubuntu-24.04', rootVolumeGiB: 8, tags: {} },
  file: `infra-specs/ec2/${name}.yaml`,
  hash: `h-${name}`,
});
const bucketSpec = (name: string, extra: Partial<SpecMetadata> = {}): IntentSpec => ({
  kind: 'S3Bucket',
  metadata: meta(name, extra),
  spec: {
    region: 'us-east-1',
    bucketName: `acme-${name}`,
    versioning: true,
    encryption: 'AES256',
    forceDestroy: false,
  },
  file: `infra-specs/s3/${name}.yaml`,
  hash: `h-${name}`,
});

const specs: IntentSpec[] = [
  instanceSpec('box-a', 'us-east-1', { owner: 'bruce@acme.test', ttl: '3d', ttlMs: 259_200_000 }),
  instanceSpec('box-b', 'us-east-1', { owner: '@octocat', expiresAt: '2030-02-01T00:00:00.000Z' }),
  instanceSpec('box-c', 'eu-west-1'),
  bucketSpec('logs', { ttl: '30d', ttlMs: 2_592_000_000 }),
  bucketSpec('data'),
];

describe('inventory from the EC2 double', () => {
  let ec2: Ec2Double;
  let aws: AwsClients;
  let instances: ManagedInstance[];

  beforeAll(async () => {
    ec2 = await startEc2Double();
    const tags = (spec: string, extra: Record<string, string> = {}) => ({
      ManagedBy: 'infra-bot',
      InfraSpec: spec,
      Owner: 'tag-owner@acme.test',
      ...extra,
    });
    ec2.addInstance({
      instanceType: 't3.small',
      tags: tags('Ec2Instance/box-a', { ExpiresAt: '2030-01-03T00:00:00Z' }),
    });
    ec2.addInstance({ state: 'stopped', tags: tags('Ec2Instance/gone', { Owner: 'ex@acme.test' }) });
    ec2.addInstance({ tags: { ManagedBy: 'infra-bot', Name: 'hand-made | <b>x</b>' } });
    ec2.addInstance({ tags: { ManagedBy: 'not-us', InfraSpec: 'Ec2Instance/box-b' } });
    aws = createAwsClients({
      region: 'us-east-1',
      endpoint: ec2.url,
      credentials: { accessKeyId: 'AKIA', secretAccessKey: 'secret' },
    });
    instances = await listManagedInstances(aws.ec2);
  });
  afterAll(async () => {
    aws.destroy();
    await ec2.close();
  });

  it('buildInventory › owners, states, expiries; unmanaged instances; buckets from the specs', () => {
    const inventory = buildInventory({
      instances,
      specs,
      regions: ['us-east-1'],
      now: NOW,
      deadlines: [
        { specKey: 'Ec2Instance/box-a', dueAt: new Date('2030-01-03T00:00:00Z'), status: 'scheduled' },
        { specKey: 'S3Bucket/data', dueAt: new Date('2029-01-01T00:00:00Z'), status: 'completed' },
      ],
      bucketStates: new Map([['acme-logs', 'applied']]),
    });

    expect(inventory.instances.map((r) => [r.spec, r.resource, r.state, r.owner, r.expiresAt, r.expiry])).toEqual([
      [
        'Ec2Instance/box-a',
        'i-00000000000000001',
        'running',
        'bruce@acme.test',
        '2030-01-03T00:00:00.000Z',
        'scheduled',
      ],
      ['Ec2Instance/box-b', '-', 'not found', '@octocat', '2030-02-01T00:00:00.000Z', 'spec expiresAt'],
      ['Ec2Instance/box-c', '-', 'not checked', 'unowned', null, 'none'],
    ]);
    expect(inventory.buckets.map((r) => [r.spec, r.resource, r.state, r.expiry])).toEqual([
      ['S3Bucket/data', 'acme-data', 'declared', 'none'],
      ['S3Bucket/logs', 'acme-logs', 'applied', 'ttl 30d, from the first apply'],
    ]);
    expect(inventory.unmanaged.map((r) => [r.resource, r.infraSpecTag, r.owner, r.state])).toEqual([
      ['i-00000000000000003', null, 'unowned', 'running'],
      ['i-00000000000000002', 'Ec2Instance/gone', 'ex@acme.test', 'stopped'],
    ]);
  });

  it('renderInventory › snapshot', () => {
    const inventory = buildInventory({ instances, specs, regions: ['us-east-1'], now: NOW });

    expect(renderInventory(inventory)).toMatchSnapshot();
  });

  it('renderInventory › thousands of rows › one comment, and it says how many rows it left out', () => {
    const many: ManagedInstance[] = Array.from({ length: 3000 }, (_, n) => ({
      ...instances[0]!,
      instanceId: `i-${String(n).padStart(17, '0')}`,
      tags: { ManagedBy: 'infra-bot', InfraSpec: `Ec2Instance/orphan-${n}` },
    }));

    const text = renderInventory(buildInventory({ instances: many, specs: [], regions: ['us-east-1'], now: NOW }));

    expect(text.length).toBeLessThanOrEqual(INVENTORY_MAX_CHARS);
    expect(text).toContain('### Tagged ManagedBy=infra-bot but declared by no spec (3,000)');
    expect(text).toMatch(/… 2,[89]\d\d more rows not shown \(GitHub's comment size limit\)/);
  });

  it('renderInventory › nothing at all › says so', () => {
    const text = renderInventory(buildInventory({ instances: [], specs: [], regions: [], now: NOW }));

    expect(text).toContain('No instance or bucket is declared, and none is tagged `ManagedBy=infra-bot`.');
  });
});
