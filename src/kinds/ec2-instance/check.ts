// Ec2Instance checks beyond its schema: tag keys, SSH CIDR blocks, user data (secrets, EC2's size limit); and the
// repo policy on instance types and SSH from anywhere.
import { checkTagKeys } from '../../specs/check-tag-keys.js';
import { isAnywhere, parseCidr } from '../../specs/network.js';
import type { SpecOrigin } from '../../specs/partial-spec.js';
import type { DiagnosticSink } from '../../specs/report.js';
import type { PartialSpecOfKind, PolicyScope } from '../kind-definition.js';
import { checkUserData } from './check-user-data.js';
import type { Ec2InstanceSpec } from './model.js';

const MAX_USER_DATA_BYTES = 16 * 1024;

type PartialEc2 = PartialSpecOfKind<'Ec2Instance', Ec2InstanceSpec>;

export function checkEc2(spec: PartialEc2, loaded: SpecOrigin, sink: DiagnosticSink): void {
  checkTagKeys(Object.keys(spec.spec.tags ?? {}), ['spec', 'tags'], loaded, sink);
  spec.spec.ssh?.allowFrom?.forEach((block, index) => {
    if (!parseCidr(block)) {
      sink.report(
        loaded.source,
        ['spec', 'ssh', 'allowFrom', index],
        `spec.ssh.allowFrom: "${block}" is not a CIDR block (e.g. 203.0.113.4/32 or 2001:db8::/64)`,
      );
    }
  });
  checkUserData(spec, loaded, sink);
  const userData = spec.spec.userData;
  if (userData !== undefined && Buffer.byteLength(userData, 'utf8') > MAX_USER_DATA_BYTES) {
    sink.report(
      loaded.source,
      ['spec', 'userData'],
      `spec.userData is ${Buffer.byteLength(userData, 'utf8')} bytes; EC2 accepts at most ${MAX_USER_DATA_BYTES}`,
    );
  }
}

export function checkEc2Policy(spec: PartialEc2, { config, origin, sink, written, note }: PolicyScope): void {
  const policy = config.policy;
  const src = origin.source;
  const type = spec.spec.instanceType;
  if (type !== undefined && policy.allowedInstanceTypes.length > 0 && !policy.allowedInstanceTypes.includes(type)) {
    const where = written('spec', 'instanceType') ? ['spec', 'instanceType'] : ['metadata', 'name'];
    sink.report(
      src,
      where,
      `instance type ${type} is not allowed; allowed types: ${policy.allowedInstanceTypes.join(', ')} ${note}`,
    );
  }
  if (!policy.allowSshFromAnywhere) {
    spec.spec.ssh?.allowFrom?.forEach((block, index) => {
      const cidr = parseCidr(block);
      if (cidr && isAnywhere(cidr)) {
        sink.report(
          src,
          ['spec', 'ssh', 'allowFrom', index],
          `spec.ssh.allowFrom ${block} opens SSH to the whole internet; list narrower CIDR blocks or set policy.allowSshFromAnywhere ${note}`,
        );
      }
    });
  }
}
