// The terms every cost estimate is stated in: a month of on-demand hours, the usage a bucket is assumed to have,
// and what one spec's figure says (kinds' `cost` hooks return it; estimate-cost.ts adds them up).
import type { Amount } from './money.js';

/** AWS's monthly hours for on-demand estimates (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;

/** What a bucket is assumed to hold and serve each month: a bucket's real cost depends on use, not on its spec. */
export interface S3Assumption {
  storedGiB: number;
  putRequests: number;
  getRequests: number;
}
export const DEFAULT_S3_ASSUMPTION: S3Assumption = { storedGiB: 10, putRequests: 10_000, getRequests: 100_000 };

export const describeS3Assumption = (a: S3Assumption): string =>
  `S3 buckets are assumed to hold ${a.storedGiB.toLocaleString('en-US')} GiB in S3 Standard and to serve ` +
  `${a.putRequests.toLocaleString('en-US')} PUT and ${a.getRequests.toLocaleString('en-US')} GET requests a month ` +
  '(versions, transitions and data transfer not included).';

export interface SpecCost {
  monthly: Amount;
  /** How the figure was reached, e.g. `730 h × $0.0104 + 8 GiB gp3 × $0.08`. */
  basis: string;
  /** The inputs the figure depends on: equal drivers mean equal cost, even when unknown. */
  drivers: string;
  /** The usage assumption the figure rests on, said once under the estimate. */
  assumes?: string;
}
