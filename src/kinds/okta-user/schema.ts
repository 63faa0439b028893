import { z } from 'zod';
import { dnsLabel, email } from '../../specs/kinds/common.js';

export const oktaUserSchema = z.strictObject({
  email: email('spec.email').describe('Primary email of the Okta user (required).'),
  firstName: z.string({ error: 'spec.firstName must be a string' }).min(1).max(100).describe('Given name (required).'),
  lastName: z.string({ error: 'spec.lastName must be a string' }).min(1).max(100).describe('Family name (required).'),
  login: email('spec.login').optional().describe('Okta login; defaults to the email.'),
  title: z.string({ error: 'spec.title must be a string' }).max(100).optional().describe('Job title.'),
  department: z.string({ error: 'spec.department must be a string' }).max(100).optional().describe('Department.'),
  status: z
    .enum(['ACTIVE', 'SUSPENDED', 'DEPROVISIONED'], { error: 'spec.status must be ACTIVE, SUSPENDED or DEPROVISIONED' })
    .default('ACTIVE')
    .describe('Lifecycle status: ACTIVE (default), SUSPENDED (offboarding, reversible) or DEPROVISIONED.'),
  groups: z
    .array(dnsLabel('spec.groups entries'), { error: 'spec.groups must be a list of OktaGroup spec names' })
    .default([])
    .describe('OktaGroup spec names this user belongs to. Group membership is declared here and only here.'),
  customAttributes: z
    .record(
      z.string().min(1).max(100),
      z.union([z.string(), z.number(), z.boolean(), z.array(z.string())], {
        error: 'spec.customAttributes values must be strings, numbers, booleans or lists of strings',
      }),
      { error: 'spec.customAttributes must be a mapping' },
    )
    .default({})
    .describe('Custom Okta profile attributes (must exist in the Okta user schema).'),
});
