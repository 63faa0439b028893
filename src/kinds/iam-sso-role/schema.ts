import { z } from 'zod';
import { IAM_POLICY_ARN, dnsLabel, duration } from '../../specs/kinds/common.js';

const stringOrList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** An IAM policy document (the subset IAM accepts for identity-based policies). */
export const iamPolicyDocumentSchema = z.strictObject({
  Version: z
    .enum(['2012-10-17', '2008-10-17'], { error: 'Version must be "2012-10-17"' })
    .describe('Policy language version; use 2012-10-17.'),
  Id: z.string().optional(),
  Statement: z
    .array(
      z.strictObject({
        Sid: z
          .string()
          .regex(/^[A-Za-z0-9]*$/, { error: 'Sid must be alphanumeric' })
          .optional(),
        Effect: z.enum(['Allow', 'Deny'], { error: 'Effect must be Allow or Deny' }),
        Action: stringOrList.optional(),
        NotAction: stringOrList.optional(),
        Resource: stringOrList.optional(),
        NotResource: stringOrList.optional(),
        Condition: z
          .record(z.string(), z.record(z.string(), z.union([z.string(), z.array(z.string()), z.boolean(), z.number()])))
          .optional(),
      }),
      { error: 'Statement must be a list of statements' },
    )
    .min(1, { error: 'Statement must hold at least one statement' }),
});

export const iamSsoRoleSchema = z.strictObject({
  oktaGroup: dnsLabel('spec.oktaGroup').describe('OktaGroup spec name: its members may assume this role (required).'),
  managedPolicyArns: z
    .array(
      z.string().regex(IAM_POLICY_ARN, {
        error: 'spec.managedPolicyArns entries must be IAM policy ARNs (arn:aws:iam::aws:policy/…)',
      }),
      { error: 'spec.managedPolicyArns must be a list of IAM policy ARNs' },
    )
    .default([])
    .describe('Managed policies attached to the role.'),
  inlinePolicy: iamPolicyDocumentSchema.optional().describe('An IAM policy document embedded in the role.'),
  maxSessionDuration: duration('spec.maxSessionDuration')
    .default('1h')
    .describe('Longest session a user gets when assuming the role: 1h (default) to 12h.'),
});
