import { z } from 'zod';
import { INSTANCE_TYPE, region, stringMap } from '../../specs/kinds/common.js';

export const EC2_IMAGE_ALIASES = ['ubuntu-24.04', 'ubuntu-22.04', 'amazon-linux-2023'] as const;
const IMAGE_ERROR = `spec.image must be one of ${EC2_IMAGE_ALIASES.join(', ')} or an AMI id (ami- followed by 8 or 17 hex digits)`;
export const AMI_ID = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/;

export const ec2InstanceSchema = z.strictObject({
  region: region('spec.region').optional().describe('AWS region; defaults to the repo default region.'),
  instanceType: z
    .string({ error: 'spec.instanceType must be a string' })
    .regex(INSTANCE_TYPE, { error: 'spec.instanceType must be an EC2 instance type such as t3.micro' })
    .optional()
    .describe('EC2 instance type; defaults to the repo default, then t3.micro.'),
  image: z
    .union([z.enum(EC2_IMAGE_ALIASES, { error: IMAGE_ERROR }), z.string().regex(AMI_ID, { error: IMAGE_ERROR })], {
      error: IMAGE_ERROR,
    })
    .describe(
      'Operating system image: an alias resolved through AWS public SSM parameters, or an ami-… id (required).',
    ),
  rootVolumeGiB: z
    .number({ error: 'spec.rootVolumeGiB must be a whole number of GiB' })
    .int({ error: 'spec.rootVolumeGiB must be a whole number of GiB' })
    .min(8, { error: 'spec.rootVolumeGiB must be at least 8' })
    .max(16384, { error: 'spec.rootVolumeGiB must be at most 16384' })
    .default(8)
    .describe('Root volume size in GiB (gp3, always encrypted). Default 8.'),
  subnetId: z
    .string({ error: 'spec.subnetId must be a string' })
    .regex(/^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/, { error: 'spec.subnetId must be a subnet id (subnet-…)' })
    .optional()
    .describe('Subnet to launch in; the security group is created in its VPC. Default: the default VPC.'),
  ssh: z
    .strictObject(
      {
        keyName: z
          .string({ error: 'spec.ssh.keyName must be a string' })
          .min(1)
          .max(255)
          .optional()
          .describe('Name of an existing EC2 key pair.'),
        allowFrom: z
          .array(z.string({ error: 'spec.ssh.allowFrom entries must be CIDR strings' }), {
            error: 'spec.ssh.allowFrom must be a list of CIDR blocks',
          })
          .min(1, { error: 'spec.ssh.allowFrom must list at least one CIDR block' })
          .describe('CIDR blocks (IPv4 or IPv6) allowed to reach port 22.'),
      },
      { error: 'spec.ssh must be a mapping: { keyName, allowFrom: [CIDR…] }' },
    )
    .optional()
    .describe('SSH access. When absent the instance has no SSH ingress at all.'),
  userData: z
    .string({ error: 'spec.userData must be a string' })
    .optional()
    .describe(
      'Cloud-init user data, at most 16 KiB. Hidden in plan comments unless showUserDataInPlans is true; never put secrets in it (use SSM Parameter Store or Secrets Manager).',
    ),
  showUserDataInPlans: z
    .boolean({ error: 'spec.showUserDataInPlans must be true or false' })
    .default(false)
    .describe(
      'Show userData in plan comments, drift issues and the intent summary. Default false: user data is treated as secret and shown only as changed.',
    ),
  tags: stringMap('spec.tags').optional().describe('Extra AWS tags for the instance and its volumes.'),
});
