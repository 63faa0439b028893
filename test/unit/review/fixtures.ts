// Shared builders for review tests: a fixed clock, a small price table (independent of the shipped figures), and
// the spec builders of the synth tests.
import type { PriceTable } from '../../../src/review/cost/price-table.js';

export { bucket, ec2, group, role, user, sso, s3Settings } from '../synth/fixtures.js';

export const NOW = new Date('2026-11-21T12:00:00Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const ACCOUNT = '123456789012';

export const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
export const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
export const VIEW_ONLY = 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess';

export const PRICES: PriceTable = {
  notice: 'Test figures.',
  date: '2026-11-01',
  source: 'test table',
  currency: 'USD',
  ec2: { 'us-east-1': { 't3.micro': 0.0104, 't3.large': 0.0832 }, 'eu-west-1': { 't3.micro': 0.0114 } },
  ebsGp3PerGiBMonth: { 'us-east-1': 0.08, 'eu-west-1': 0.088 },
  s3StandardPerGiBMonth: { 'us-east-1': 0.023 },
  s3Requests: { 'us-east-1': { putPer1000: 0.005, getPer1000: 0.0004 } },
};
