import { z } from 'zod';
import type { Kind } from '../model.js';
import { API_VERSION, metadataSchema } from './common.js';
import { ec2InstanceSchema } from './ec2-instance.js';
import { iamSsoRoleSchema } from './iam-sso-role.js';
import { oktaGroupSchema } from './okta-group.js';
import { oktaUserSchema } from './okta-user.js';
import { s3BucketSchema } from './s3-bucket.js';

export const specBodySchemas = {
  OktaUser: oktaUserSchema,
  OktaGroup: oktaGroupSchema,
  Ec2Instance: ec2InstanceSchema,
  S3Bucket: s3BucketSchema,
  IamSsoRole: iamSsoRoleSchema,
} as const satisfies Record<Kind, z.ZodType>;

const KIND_DESCRIPTIONS: Record<Kind, string> = {
  OktaUser: 'An Okta user and the groups they belong to.',
  OktaGroup: 'An Okta group.',
  Ec2Instance: 'An EC2 instance with IMDSv2, an encrypted gp3 root volume and its own security group.',
  S3Bucket: 'A private, encrypted S3 bucket that denies non-TLS requests.',
  IamSsoRole: 'An IAM role that members of an Okta group assume through SAML single sign-on.',
};

const documentSchemas = new Map<Kind, z.ZodType>();

/** The whole document for one kind: envelope + body (built once per kind: zod compiles schemas on first use). */
export function documentSchemaFor(kind: Kind): z.ZodType {
  let schema = documentSchemas.get(kind);
  if (!schema) {
    schema = buildDocumentSchema(kind);
    documentSchemas.set(kind, schema);
  }
  return schema;
}

const buildDocumentSchema = <K extends Kind>(kind: K) =>
  z
    .strictObject({
      apiVersion: z.literal(API_VERSION).describe(`Always ${API_VERSION}.`),
      kind: z.literal(kind).describe(KIND_DESCRIPTIONS[kind]),
      metadata: metadataSchema.describe('Name, owner, expiry and labels.'),
      spec: specBodySchemas[kind].describe(`${kind} settings.`),
    })
    .describe(KIND_DESCRIPTIONS[kind]);

export interface SpecDocument<K extends Kind> {
  apiVersion: typeof API_VERSION;
  kind: K;
  metadata: z.output<typeof metadataSchema>;
  spec: z.output<(typeof specBodySchemas)[K]>;
}
