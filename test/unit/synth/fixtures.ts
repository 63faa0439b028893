// Model builders for synth tests: validated, defaulted specs as `specs/` hands them over.
import type {
  Ec2InstanceSpec,
  IamSsoRoleSpec,
  IntentSpecOf,
  OktaGroupSpec,
  OktaUserSpec,
  S3BucketSpec,
  SpecMetadata,
  SynthSettings,
} from '../../../src/specs/model.js';

type Meta = Partial<SpecMetadata>;

const metadata = (name: string, meta: Meta = {}): SpecMetadata => ({ name, labels: {}, ...meta });
const origin = (kind: string, name: string) => ({ file: `infra-specs/${kind}/${name}.yaml`, hash: `hash-${name}` });

export const group = (name: string, spec: Partial<OktaGroupSpec> = {}, meta?: Meta): IntentSpecOf<'OktaGroup'> => ({
  kind: 'OktaGroup',
  metadata: metadata(name, meta),
  spec: { displayName: name, ...spec },
  ...origin('groups', name),
});

export const user = (name: string, spec: Partial<OktaUserSpec> = {}, meta?: Meta): IntentSpecOf<'OktaUser'> => ({
  kind: 'OktaUser',
  metadata: metadata(name, meta),
  spec: {
    email: `${name}@demoac.com`,
    login: `${name}@demoac.com`,
    firstName: 'Test',
    lastName: name,
    status: 'ACTIVE',
    groups: [],
    customAttributes: {},
    ...spec,
  },
  ...origin('people', name),
});

export const ec2 = (name: string, spec: Partial<Ec2InstanceSpec> = {}, meta?: Meta): IntentSpecOf<'Ec2Instance'> => ({
  kind: 'Ec2Instance',
  metadata: metadata(name, meta),
  spec: { region: 'us-east-1', instanceType: 't3.micro', image: 'ubuntu-24.04', rootVolumeGiB: 8, tags: {}, ...spec },
  ...origin('compute', name),
});

export const bucket = (name: string, spec: Partial<S3BucketSpec> = {}, meta?: Meta): IntentSpecOf<'S3Bucket'> => ({
  kind: 'S3Bucket',
  metadata: metadata(name, meta),
  spec: {
    region: 'us-east-1',
    bucketName: `acme-${name}`,
    versioning: true,
    encryption: 'AES256',
    forceDestroy: false,
    ...spec,
  },
  ...origin('data', name),
});

export const role = (name: string, spec: Partial<IamSsoRoleSpec> = {}, meta?: Meta): IntentSpecOf<'IamSsoRole'> => ({
  kind: 'IamSsoRole',
  metadata: metadata(name, meta),
  spec: { oktaGroup: 'admins', managedPolicyArns: [], maxSessionDurationSeconds: 3600, ...spec },
  ...origin('roles', name),
});

export const sso = { awsAccountId: '123456789012', samlProviderName: 'okta', oktaAppLabel: 'AWS Account Federation' };

/** With the S3 state bucket (production shape). */
export const s3Settings: SynthSettings = {
  repository: 'acme/infra',
  defaultRegion: 'us-east-1',
  terraform: { stateBucket: 'acme-tfstate', stateRegion: 'eu-central-1', stateKeyPrefix: 'infra-bot' },
  localStateDir: '/var/lib/infra-bot/state',
  sso,
  okta: { maxApiCapacity: 50 },
  identityLayout: 'shared',
};

/** Without a state bucket: local state (development). */
export const localSettings: SynthSettings = {
  ...s3Settings,
  terraform: { stateRegion: 'us-east-1', stateKeyPrefix: 'infra-bot' },
};

export interface TfResource {
  [attribute: string]: unknown;
}
export interface TfConfig {
  resource?: Record<string, Record<string, TfResource>>;
  data?: Record<string, Record<string, TfResource>>;
  output?: Record<string, { value: unknown }>;
  provider?: Record<string, Record<string, unknown>[]>;
  terraform: { backend: Record<string, Record<string, unknown>>; required_providers: Record<string, unknown> };
}

export const parse = (json: string): TfConfig => JSON.parse(json) as TfConfig;

/** Every managed resource as `[type, name, body]`. */
export const resourcesOf = (config: TfConfig): [string, string, TfResource][] =>
  Object.entries(config.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, body]): [string, string, TfResource] => [type, name, body]),
  );

/**
 * Evaluates a Terraform template that must be a literal: `$${` and `%%{` are escapes, `${""}` is the empty string,
 * any other interpolation or directive throws. HCL scans left to right, longest escape first.
 */
export function terraformLiteral(template: string): string {
  let out = '';
  for (let i = 0; i < template.length;) {
    const rest = template.slice(i);
    if (rest.startsWith('$${') || rest.startsWith('%%{')) {
      out += rest.slice(1, 3);
      i += 3;
    } else if (rest.startsWith('${""}')) {
      i += 5;
    } else if (rest.startsWith('${') || rest.startsWith('%{')) {
      throw new Error(`template sequence at ${i} in ${JSON.stringify(template)}`);
    } else {
      out += template[i];
      i += 1;
    }
  }
  return out;
}
