import { z } from 'zod';
import { DURATION_PATTERN } from '../duration.js';

// Shared field types. Checks that need more than one field, or a computation (CIDR ranges, byte sizes,
// S3 naming rules), live in ../validate-*.ts so these schemas stay exportable as JSON Schema.

export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const EMAIL = /^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
const GITHUB_LOGIN = /^@[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
export const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;
export const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;
export const IAM_POLICY_ARN = /^arn:aws(-cn|-us-gov)?:iam::(aws|\d{12}):policy\/[\w+=,.@/-]{1,512}$/;
export const IAM_ROLE_ARN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

export const dnsLabel = (what: string) =>
  z.string({ error: `${what} must be a string` }).regex(DNS_LABEL, {
    error: `${what} must be a DNS label: 1–63 lowercase letters, digits and '-', starting and ending with a letter or digit`,
  });

export const email = (what: string) =>
  z.string({ error: `${what} must be a string` }).regex(EMAIL, { error: `${what} must be an email address` });

export const duration = (what: string) =>
  z
    .string({ error: `${what} must be a duration string such as "30m", "2h", "3d" or "1w"` })
    .regex(DURATION_PATTERN, {
      error: `${what} must be a duration such as "30m", "2h", "3d" or "1w" (units m, h, d, w)`,
    })
    .min(2, { error: `${what} must be a duration such as "30m", "2h", "3d" or "1w" (units m, h, d, w)` });

export const region = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .regex(AWS_REGION, { error: `${what} must be an AWS region such as us-east-1` });

export const stringMap = (what: string) =>
  z.record(z.string().min(1).max(128), z.string({ error: `${what} values must be strings` }).max(256), {
    error: `${what} must be a mapping of strings`,
  });

export const metadataSchema = z.strictObject({
  name: dnsLabel('metadata.name').describe(
    'Spec name: a DNS label, unique per kind in the repository. Names the stack (ec2-<name>, s3-<name>) and the resources.',
  ),
  owner: z
    .string({ error: 'metadata.owner must be a string' })
    .regex(new RegExp(`${EMAIL.source}|${GITHUB_LOGIN.source}`), {
      error: 'metadata.owner must be an email address or a GitHub login written as @login',
    })
    .optional()
    .describe('Who owns it: an email or @github-login. Told before and after expiry.'),
  ttl: duration('metadata.ttl')
    .optional()
    .describe('Destroy this long after the first successful apply: m, h, d or w (e.g. 3d). Never with expiresAt.'),
  expiresAt: z.iso
    .datetime({
      offset: true,
      error: 'metadata.expiresAt must be an ISO 8601 date-time with a zone, e.g. 2026-12-31T18:00:00Z',
    })
    .optional()
    .describe('Destroy at this absolute time (ISO 8601 with a zone). Never with ttl.'),
  labels: stringMap('metadata.labels')
    .optional()
    .describe('Labels copied to AWS tags (keys up to 128 characters, values up to 256).'),
});

export const API_VERSION = 'infra-bot/v1';
