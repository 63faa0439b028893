// OktaGroup → okta_group.
import type { Construct } from 'constructs';
import type { Group } from '@cdktf/provider-okta/lib/group/index.js';
import type { SpecOfKind } from '../kind-definition.js';
import type { OktaGroupSpec } from './model.js';
import { engine } from '../../synth/engine.js';
import { escapeTf } from '../../synth/escape.js';

/** Construct ids use `_` as separator: spec names are DNS labels, so `group_<name>` cannot collide. */
export const groupId = (name: string): string => `group_${name}`;

export function addOktaGroup(scope: Construct, spec: SpecOfKind<'OktaGroup', OktaGroupSpec>): Group {
  const { Group } = engine().okta;
  return new Group(scope, groupId(spec.metadata.name), {
    name: escapeTf(spec.spec.displayName),
    ...(spec.spec.description === undefined ? {} : { description: escapeTf(spec.spec.description) }),
  });
}

/** The output a group's own stack exports its id as (`outputs.id` of its state; see synth/backend.ts). */
export const GROUP_ID_OUTPUT = 'id';

export function exportGroupId(stack: Construct, group: Group): void {
  new (engine().TerraformOutput)(stack, GROUP_ID_OUTPUT, { value: group.id });
}
