// The kind table: one line per kind, each a folder beside this file. A kind exists by having a line here (`Kind` is
// this table's keys), and its definition must have every hook (src/kinds/kind-definition.ts), so a kind cannot be
// half added. The order is the order kinds are listed in (JSON Schema, usage, intent summary).
import type { IntentSpec, Kind } from '../specs/model.js';
import { ec2Instance } from './ec2-instance/definition.js';
import { iamSsoRole } from './iam-sso-role/definition.js';
import { defineKindTable, type AnyKindDefinition } from './kind-definition.js';
import { oktaGroup } from './okta-group/definition.js';
import { oktaUser } from './okta-user/definition.js';
import { createKindRegistry } from './registry.js';
import { s3Bucket } from './s3-bucket/definition.js';

export const KIND_DEFINITIONS = defineKindTable({
  OktaUser: oktaUser,
  OktaGroup: oktaGroup,
  Ec2Instance: ec2Instance,
  S3Bucket: s3Bucket,
  IamSsoRole: iamSsoRole,
});

export const kindRegistry = createKindRegistry(KIND_DEFINITIONS);

/** Every kind, in table order (a tuple: the table is never empty, and `z.enum` needs one). */
export const KINDS = kindRegistry.kinds as readonly [Kind, ...Kind[]];

/** The definition of a spec's kind. Its hooks take the spec's own body (a table mixes bodies, hence the wide type). */
export const kindOf = (spec: Pick<IntentSpec, 'kind'>): AnyKindDefinition<Kind> => kindRegistry.definition(spec.kind);
