// Plan JSON shaped like `terraform show -json` output (format 1.2), built per case so each test reads alone.
import type { PlanActions, TerraformPlan, TerraformResourceChange } from '../../../src/plan/terraform-json.js';

type Change = TerraformResourceChange['change'];

export function resourceChange(
  address: string,
  actions: PlanActions,
  change: Partial<Omit<Change, 'actions'>> = {},
  extra: Partial<TerraformResourceChange> = {},
): TerraformResourceChange {
  const [type, name] = address.replace(/^module\.[^.]+\./, '').split('.') as [string, string];
  return {
    address,
    mode: type.startsWith('data.') ? 'data' : 'managed',
    type,
    name: name.replace(/\[.*$/, ''),
    provider_name: type.startsWith('okta') ? 'registry.terraform.io/okta/okta' : 'registry.terraform.io/hashicorp/aws',
    change: {
      actions,
      before: null,
      after: null,
      after_unknown: {},
      before_sensitive: false,
      after_sensitive: false,
      ...change,
    },
    ...extra,
  };
}

export function plan(changes: TerraformResourceChange[], extra: Partial<TerraformPlan> = {}): TerraformPlan {
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    resource_changes: changes,
    errored: false,
    ...extra,
  };
}

/** A new EC2 instance: known inputs, computed outputs unknown. */
export const createInstance = resourceChange('aws_instance.devbox', ['create'], {
  after: {
    ami: 'ami-0abc1234',
    instance_type: 't3.micro',
    metadata_options: [{ http_tokens: 'required', http_endpoint: 'enabled' }],
    root_block_device: [{ volume_size: 8, volume_type: 'gp3', encrypted: true }],
    tags: { ManagedBy: 'infra-bot', InfraSpec: 'Ec2Instance/devbox', 'kubernetes.io/role': 'none' },
    user_data: null,
  },
  after_unknown: { id: true, arn: true, public_ip: true, root_block_device: [{ volume_id: true }] },
  after_sensitive: { metadata_options: [{}], root_block_device: [{}], tags: {} },
});

/** An in-place update: the volume grows, one tag changes, unchanged fields stay out of the diff. */
export const updateInstance = resourceChange('aws_instance.web', ['update'], {
  before: {
    id: 'i-0123',
    instance_type: 't3.micro',
    root_block_device: [{ volume_size: 8, volume_type: 'gp3' }],
    tags: { Owner: 'bruce.lee@demoac.com', Team: 'blue' },
  },
  after: {
    id: 'i-0123',
    instance_type: 't3.micro',
    root_block_device: [{ volume_size: 20, volume_type: 'gp3' }],
    tags: { Owner: 'bruce.lee@demoac.com', Team: 'green' },
  },
  before_sensitive: { root_block_device: [{}], tags: {} },
  after_sensitive: { root_block_device: [{}], tags: {} },
});

export const deleteBucket = resourceChange(
  'aws_s3_bucket.logs',
  ['delete'],
  { before: { bucket: 'acme-logs', force_destroy: false, tags: { ManagedBy: 'infra-bot' } }, after_unknown: false },
  { action_reason: 'delete_because_no_resource_config' },
);

export const replaceInstance = resourceChange('aws_instance.db', ['delete', 'create'], {
  before: { id: 'i-0999', ami: 'ami-old', instance_type: 't3.small' },
  after: { ami: 'ami-new', instance_type: 't3.small' },
  after_unknown: { id: true },
  replace_paths: [['ami']],
});

export const createBeforeDestroy = resourceChange('aws_iam_role.sso', ['create', 'delete'], {
  before: { name: 'sso-old', max_session_duration: 3600 },
  after: { name: 'sso-new', max_session_duration: 3600 },
  replace_paths: [['name']],
});

export const noOp = resourceChange('aws_s3_bucket.untouched', ['no-op'], {
  before: { bucket: 'acme-untouched' },
  after: { bucket: 'acme-untouched' },
});

/** An Okta user with a sensitive password (a leaf) and a sensitive custom profile (a whole subtree). */
export const sensitiveUser = resourceChange('okta_user.bruce', ['update'], {
  before: {
    email: 'bruce.lee@demoac.com',
    password: 'OldPassw0rd!',
    custom_profile_attributes: { employeeNumber: '1001', badge: 'A-1' },
    title: 'Engineer',
  },
  after: {
    email: 'bruce.lee@demoac.com',
    password: 'NewPassw0rd!',
    custom_profile_attributes: { employeeNumber: '1002', badge: 'A-1' },
    title: 'Staff Engineer',
  },
  before_sensitive: { password: true, custom_profile_attributes: true },
  after_sensitive: { password: true, custom_profile_attributes: true },
});
