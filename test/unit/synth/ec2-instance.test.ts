import { describe, expect, it } from '@jest/globals';
import { synthesize } from '../../../src/synth/synthesize.js';
import { ec2, parse, s3Settings } from './fixtures.js';
import type { TfConfig } from './fixtures.js';

const synthOne = (spec: ReturnType<typeof ec2>) => synthesize([spec], { settings: s3Settings })[0]!;
const config = (spec: ReturnType<typeof ec2>): TfConfig => parse(synthOne(spec).json);
const securityGroup = (c: TfConfig) => c.resource!.aws_security_group!.security_group!;
const instance = (c: TfConfig) => c.resource!.aws_instance!.instance!;

describe('Ec2Instance', () => {
  it('snapshot › alias image, ssh from IPv4 and IPv6, subnet, user data, labels and tags', () => {
    const spec = ec2(
      'devbox',
      {
        region: 'eu-west-1',
        instanceType: 't3.small',
        rootVolumeGiB: 20,
        subnetId: 'subnet-0abc',
        ssh: { keyName: 'bruce', allowFrom: ['203.0.113.0/24', '2001:db8::/32'] },
        userData: '#!/bin/sh\necho "${HOME}" > /tmp/home\n',
        tags: { project: 'kungfu' },
      },
      { owner: 'bruce.lee@demoac.com', ttl: '3h', ttlMs: 10_800_000, labels: { team: 'security' } },
    );
    const stack = synthesize([spec], {
      settings: s3Settings,
      expiries: new Map([['Ec2Instance/devbox', '2030-05-01T12:00:00Z']]),
    })[0]!;
    expect(stack.json).toMatchSnapshot();
  });

  it('snapshot › literal AMI id, no ssh, default VPC', () => {
    expect(synthOne(ec2('plain', { image: 'ami-0123456789abcdef0' })).json).toMatchSnapshot();
  });

  it('no ssh › the security group has an explicitly empty ingress list (out-of-band rules get removed)', () => {
    expect(securityGroup(config(ec2('box'))).ingress).toEqual([]);
  });

  it('ssh › one rule, TCP 22 only, IPv4 and IPv6 CIDRs in their own lists', () => {
    const c = config(ec2('box', { ssh: { allowFrom: ['10.0.0.0/8', '2001:db8::/32', '10.0.0.0/8'] } }));
    expect(securityGroup(c).ingress).toEqual([
      expect.objectContaining({
        from_port: 22,
        to_port: 22,
        protocol: 'tcp',
        cidr_blocks: ['10.0.0.0/8'],
        ipv6_cidr_blocks: ['2001:db8::/32'],
      }),
    ]);
    expect(instance(c)).not.toHaveProperty('key_name');
  });

  it('IMDSv2 › always required', () => {
    for (const spec of [ec2('a'), ec2('b', { ssh: { allowFrom: ['10.0.0.0/8'] }, image: 'ami-0123456789abcdef0' })]) {
      expect(instance(config(spec)).metadata_options).toEqual({ http_endpoint: 'enabled', http_tokens: 'required' });
    }
  });

  it('root volume › gp3, encrypted, the requested size', () => {
    expect(instance(config(ec2('box', { rootVolumeGiB: 30 }))).root_block_device).toEqual({
      volume_size: 30,
      volume_type: 'gp3',
      encrypted: true,
    });
  });

  it.each([
    ['ubuntu-24.04', '/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id'],
    ['ubuntu-22.04', '/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id'],
    ['amazon-linux-2023', '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64'],
  ] as const)('image alias %s › resolved through the public SSM parameter %s', (image, parameter) => {
    const c = config(ec2('box', { image }));
    expect(c.data!.aws_ssm_parameter!.ami!.name).toBe(parameter);
    expect(instance(c).ami).toBe('${data.aws_ssm_parameter.ami.insecure_value}');
  });

  it('image alias › a new vendor AMI does not replace the instance; a changed alias does', () => {
    const c = config(ec2('box', { image: 'ubuntu-22.04' }));
    expect(instance(c).lifecycle).toEqual({
      ignore_changes: ['ami'],
      replace_triggered_by: ['${terraform_data.image}'],
    });
    expect(c.resource!.terraform_data!.image!.input).toEqual({ image: 'ubuntu-22.04' });
  });

  it('literal AMI id › used as is, no lookup, no lifecycle rule', () => {
    const c = config(ec2('box', { image: 'ami-0123456789abcdef0' }));
    expect(instance(c).ami).toBe('ami-0123456789abcdef0');
    expect(instance(c)).not.toHaveProperty('lifecycle');
    expect(c.data).toBeUndefined();
  });

  it('subnet › the security group goes into the subnet’s VPC', () => {
    const c = config(ec2('box', { subnetId: 'subnet-0abc' }));
    expect(c.data!.aws_subnet!.subnet!.id).toBe('subnet-0abc');
    expect(securityGroup(c).vpc_id).toBe('${data.aws_subnet.subnet.vpc_id}');
    expect(instance(c).subnet_id).toBe('subnet-0abc');
  });

  it('tags › on the instance, its volumes and its security group; ours win over user tags', () => {
    const c = config(
      ec2(
        'box',
        { tags: { Owner: 'mallory', ManagedBy: 'someone', env: 'dev' } },
        { labels: { env: 'prod', team: 'x' } },
      ),
    );
    const expected = { ManagedBy: 'infra-bot', InfraSpec: 'Ec2Instance/box', Owner: 'unowned', env: 'dev', team: 'x' };
    expect(instance(c).tags).toEqual(expected);
    expect(instance(c).volume_tags).toEqual(expected);
    expect(securityGroup(c).tags).toEqual(expected);
  });

  it('a user tag named ExpiresAt › is dropped when no expiry is known', () => {
    expect(instance(config(ec2('box', { tags: { ExpiresAt: 'never' } }))).tags).not.toHaveProperty('ExpiresAt');
  });

  it('user data › reaches Terraform as a literal', () => {
    expect(instance(config(ec2('box', { userData: 'echo ${file("/etc/passwd")} %{x}' }))).user_data).toBe(
      'echo $${file("/etc/passwd")} %%{x}',
    );
  });
});
