// OktaUser → okta_user, plus okta_user_group_memberships when the user belongs to groups (membership is declared on
// the user, and only there).
import type { Construct } from 'constructs';
import type { SpecOfKind } from '../kind-definition.js';
import type { OktaUserSpec } from './model.js';
import { engine } from '../../synth/engine.js';
import { SynthError } from '../../synth/errors.js';
import { escapeTf } from '../../synth/escape.js';
import { byCodePoint } from '../../synth/by-code-point.js';

export function addOktaUser(
  scope: Construct,
  spec: SpecOfKind<'OktaUser', OktaUserSpec>,
  /** OktaGroup spec name → its okta_group id (a reference), or undefined when there is no such group. */
  groupId: (name: string) => string | undefined,
): void {
  const { User, UserGroupMemberships } = engine().okta;
  const { name } = spec.metadata;
  const body = spec.spec;
  const custom = Object.keys(body.customAttributes).length > 0;
  const user = new User(scope, `user_${name}`, {
    email: escapeTf(body.email),
    login: escapeTf(body.login),
    firstName: escapeTf(body.firstName),
    lastName: escapeTf(body.lastName),
    status: body.status,
    ...(body.title === undefined ? {} : { title: escapeTf(body.title) }),
    ...(body.department === undefined ? {} : { department: escapeTf(body.department) }),
    // The provider takes custom profile attributes as one JSON string; escaping the JSON text escapes every value.
    ...(custom ? { customProfileAttributes: escapeTf(JSON.stringify(body.customAttributes)) } : {}),
  });
  const groupNames = [...new Set(body.groups)].sort(byCodePoint);
  if (groupNames.length === 0) return;
  new UserGroupMemberships(scope, `user_${name}_groups`, {
    userId: user.id,
    groups: groupNames.map((group) => {
      const id = groupId(group);
      if (id === undefined) {
        throw new SynthError('unknown-group', `OktaUser/${name} is in group ${group}, which has no spec`);
      }
      return id;
    }),
  });
}
