// Ec2Instance: one instance with its own security group, in a stack of its own (`ec2-<name>`), so it plans, locks
// and expires alone.
import { plain } from '../../review/rich-text.js';
import type { KindDefinition } from '../kind-definition.js';
import { checkEc2, checkEc2Policy } from './check.js';
import { ec2MonthlyCost } from './cost.js';
import type { Ec2InstanceSpec } from './model.js';
import { ec2InstanceSchema } from './schema.js';
import { addEc2Instance } from './synth.js';

// Annotated, not inferred: the kind table's type (and so `Kind`) is read from these declarations.
export const ec2Instance: KindDefinition<'Ec2Instance', Ec2InstanceSpec, typeof ec2InstanceSchema> = {
  kind: 'Ec2Instance',
  description: 'An EC2 instance with IMDSv2, an encrypted gp3 root volume and its own security group.',
  schema: ec2InstanceSchema,
  resolve: (instance, { config }) => ({
    ...instance,
    region: instance.region ?? config.defaults.region,
    instanceType: instance.instanceType ?? config.defaults.instanceType,
    // The schema checks the alias or `ami-…` form with a pattern, which zod types as string.
    image: instance.image as Ec2InstanceSpec['image'],
    tags: instance.tags ?? {},
  }),
  salvage: (_body, { config, orDefault }) => ({
    ...orDefault('region', config.defaults.region),
    ...orDefault('instanceType', config.defaults.instanceType),
  }),
  check: checkEc2,
  distinct: () => 'none',
  region: (body) => body.region,
  policy: checkEc2Policy,
  placement: { shared: { ownStack: 'ec2' }, 'per-spec': { ownStack: 'ec2' } },
  okta: false,
  synth: {
    order: 0,
    add: (stack, specs, scope) => {
      for (const spec of specs) {
        scope.awsProvider(spec.spec.region);
        addEc2Instance(stack, spec, scope.ctx);
      }
    },
  },
  primaryAddress: () => 'aws_instance.instance',
  userData: (spec) => (spec.spec.showUserDataInPlans === true ? 'shown' : 'hidden'),
  describe: (spec) => {
    const s = spec.spec;
    const ssh = s.ssh ? `SSH from ${s.ssh.allowFrom.join(', ')}` : 'no SSH';
    return [plain(`${s.instanceType} in ${s.region}, ${s.image}, ${s.rootVolumeGiB} GiB gp3, ${ssh}`)];
  },
  cost: ec2MonthlyCost,
  folder: 'compute',
  inventory: (spec) => ({ section: 'instances', region: spec.spec.region, instanceType: spec.spec.instanceType }),
};
