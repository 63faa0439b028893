import { describe, expect, it } from '@jest/globals';
import { synthesize } from '../../../src/synth/synthesize.js';
import { bucket, ec2, group, localSettings, parse, s3Settings } from './fixtures.js';

const specs = () => [group('admins'), ec2('box'), bucket('logs')];

describe('backend', () => {
  it('state bucket › S3 backend per stack: key by repo and stack, encrypted, S3 lockfile', () => {
    const backends = synthesize(specs(), { settings: s3Settings }).map((stack) => parse(stack.json).terraform.backend);
    expect(backends).toEqual(
      ['identity', 'ec2-box', 's3-logs'].map((stack) => ({
        s3: {
          bucket: 'acme-tfstate',
          key: `infra-bot/acme/infra/${stack}.tfstate`,
          region: 'eu-central-1',
          encrypt: true,
          use_lockfile: true,
        },
      })),
    );
  });

  it('state bucket › snapshot of a whole stack', () => {
    expect(synthesize([bucket('logs')], { settings: s3Settings })[0]!.json).toMatchSnapshot();
  });

  it('no state bucket › local state under the data directory, one file per stack', () => {
    const backends = synthesize(specs(), { settings: localSettings }).map(
      (stack) => parse(stack.json).terraform.backend,
    );
    expect(backends).toEqual([
      { local: { path: '/var/lib/infra-bot/state/acme/infra/identity.tfstate' } },
      { local: { path: '/var/lib/infra-bot/state/acme/infra/ec2-box.tfstate' } },
      { local: { path: '/var/lib/infra-bot/state/acme/infra/s3-logs.tfstate' } },
    ]);
  });

  it('no state bucket › snapshot of a whole stack', () => {
    expect(synthesize([bucket('logs')], { settings: localSettings })[0]!.json).toMatchSnapshot();
  });

  it('key prefix › trailing slashes and an empty prefix give clean keys', () => {
    const key = (stateKeyPrefix: string) =>
      parse(
        synthesize([bucket('logs')], {
          settings: { ...s3Settings, terraform: { ...s3Settings.terraform, stateKeyPrefix } },
        })[0]!.json,
      ).terraform.backend.s3!.key;
    expect(key('states/')).toBe('states/acme/infra/s3-logs.tfstate');
    expect(key('')).toBe('acme/infra/s3-logs.tfstate');
  });

  it('providers › each AWS stack uses its spec’s region', () => {
    const [stack] = synthesize([ec2('box', { region: 'ap-southeast-2' })], { settings: s3Settings });
    expect(parse(stack!.json).provider).toEqual({ aws: [{ region: 'ap-southeast-2' }] });
  });
});
