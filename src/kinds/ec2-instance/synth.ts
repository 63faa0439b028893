// Ec2Instance → its own security group (SSH only when asked for) and an instance with IMDSv2 and an encrypted root
// volume; image aliases resolve through AWS's public SSM parameters.
import type { Construct } from 'constructs';
import type { TerraformResourceLifecycle } from 'cdktf';
import type { Ec2Image, Ec2InstanceSpec, IntentSpecOf } from '../../specs/model.js';
import type { SynthContext } from '../../synth/context.js';
import { engine } from '../../synth/engine.js';
import { escapeTf } from '../../synth/escape.js';
import { awsTags } from '../../synth/tags.js';

/** Public SSM parameters that always hold the current AMI id for each alias. */
export const IMAGE_PARAMETERS: Readonly<Record<Ec2Image, string>> = {
  'ubuntu-24.04': '/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id',
  'ubuntu-22.04': '/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id',
  'amazon-linux-2023': '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
};

const isAlias = (image: Ec2InstanceSpec['image']): image is Ec2Image => Object.hasOwn(IMAGE_PARAMETERS, image);

export function addEc2Instance(scope: Construct, spec: IntentSpecOf<'Ec2Instance'>, ctx: SynthContext): void {
  const { DataResource, aws } = engine();
  const { name } = spec.metadata;
  const body = spec.spec;
  const tags = awsTags(spec, ctx.expiresAt(spec), body.tags);

  const subnet =
    body.subnetId === undefined ? undefined : new aws.DataAwsSubnet(scope, 'subnet', { id: escapeTf(body.subnetId) });
  const securityGroup = new aws.SecurityGroup(scope, 'security_group', {
    name: escapeTf(`infra-bot-${name}`),
    description: escapeTf(`infra-bot ${spec.kind}/${name}`),
    ...(subnet ? { vpcId: subnet.vpcId } : {}),
    // Explicit empty list, not an omitted one: Terraform then removes any ingress rule added out of band.
    ingress: body.ssh ? [sshIngress(body.ssh.allowFrom)] : [],
    egress: [rule('all outbound', 0, 0, '-1', ['0.0.0.0/0'], ['::/0'])],
    tags,
  });

  let image: { ami: string; lifecycle?: TerraformResourceLifecycle };
  if (isAlias(body.image)) {
    // `insecure_value`, not `value`: AMI ids are public, and `value` is sensitive, which would hide the AMI in plans.
    const parameter = new aws.DataAwsSsmParameter(scope, 'ami', { name: IMAGE_PARAMETERS[body.image] });
    // The parameter moves whenever the vendor publishes a new image; that must not replace a running instance. It is
    // replaced when the spec's alias changes, through this terraform_data holding the alias.
    const alias = new DataResource(scope, 'image', { input: { image: escapeTf(body.image) } });
    image = { ami: parameter.insecureValue, lifecycle: { ignoreChanges: ['ami'], replaceTriggeredBy: [alias] } };
  } else {
    image = { ami: escapeTf(body.image) };
  }

  new aws.Instance(scope, 'instance', {
    ami: image.ami,
    instanceType: escapeTf(body.instanceType),
    ...(body.subnetId === undefined ? {} : { subnetId: escapeTf(body.subnetId) }),
    vpcSecurityGroupIds: [securityGroup.id],
    ...(body.ssh?.keyName === undefined ? {} : { keyName: escapeTf(body.ssh.keyName) }),
    metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required' },
    rootBlockDevice: { volumeSize: body.rootVolumeGiB, volumeType: 'gp3', encrypted: true },
    ...(body.userData === undefined ? {} : { userData: escapeTf(body.userData) }),
    tags,
    volumeTags: tags,
    ...(image.lifecycle ? { lifecycle: image.lifecycle } : {}),
  });
}

/** IPv6 CIDRs (they contain `:`) go to `ipv6_cidr_blocks`, the rest to `cidr_blocks`. */
function sshIngress(allowFrom: readonly string[]) {
  const cidrs = [...new Set(allowFrom)].map(escapeTf);
  const v4 = cidrs.filter((cidr) => !cidr.includes(':'));
  const v6 = cidrs.filter((cidr) => cidr.includes(':'));
  return rule('SSH', 22, 22, 'tcp', v4, v6);
}

/** Every field set: Terraform reads inline rules as attributes, which requires all of them in some syntaxes. */
function rule(description: string, fromPort: number, toPort: number, protocol: string, v4: string[], v6: string[]) {
  return {
    description,
    fromPort,
    toPort,
    protocol,
    cidrBlocks: v4,
    ipv6CidrBlocks: v6,
    prefixListIds: [],
    securityGroups: [],
    selfAttribute: false,
  };
}
