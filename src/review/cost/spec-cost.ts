// The monthly cost of what one spec creates, from the shipped price table. Only what can be priced honestly: EC2
// on-demand Linux + its gp3 root volume, S3 Standard under a stated usage assumption. A type or region the table
// lacks gives "unknown" and why, never a guess.
import type { IntentSpec } from '../../specs/model.js';
import { formatRate, known, unknown, type Amount } from './money.js';
import type { PriceTable } from './price-table.js';

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
}

/** Undefined for kinds that cost nothing we estimate (Okta users and groups, IAM roles). */
export function specMonthlyCost(spec: IntentSpec, prices: PriceTable, s3: S3Assumption): SpecCost | undefined {
  const missing = (what: string) => unknown(`the price table (${prices.date}) has no ${what}`);
  if (spec.kind === 'Ec2Instance') {
    const { region, instanceType, rootVolumeGiB } = spec.spec;
    const drivers = `ec2|${region}|${instanceType}|${rootVolumeGiB}`;
    const basis = `${instanceType} in ${region}, ${rootVolumeGiB} GiB gp3`;
    const hourly = prices.ec2[region]?.[instanceType];
    const gp3 = prices.ebsGp3PerGiBMonth[region];
    if (hourly === undefined) return { monthly: missing(`price for ${instanceType} in ${region}`), basis, drivers };
    if (gp3 === undefined) return { monthly: missing(`gp3 volume price for ${region}`), basis, drivers };
    return {
      monthly: known(HOURS_PER_MONTH * hourly + rootVolumeGiB * gp3),
      basis: `${instanceType} in ${region}: ${HOURS_PER_MONTH} h × ${formatRate(hourly)} + ${rootVolumeGiB} GiB gp3 × ${formatRate(gp3)}`,
      drivers,
    };
  }
  if (spec.kind === 'S3Bucket') {
    const { region } = spec.spec;
    const drivers = `s3|${region}`;
    const storage = prices.s3StandardPerGiBMonth[region];
    const requests = prices.s3Requests[region];
    const basis = `S3 Standard in ${region}`;
    if (storage === undefined) return { monthly: missing(`S3 Standard price for ${region}`), basis, drivers };
    if (requests === undefined) return { monthly: missing(`S3 request prices for ${region}`), basis, drivers };
    const monthly =
      s3.storedGiB * storage +
      (s3.putRequests / 1000) * requests.putPer1000 +
      (s3.getRequests / 1000) * requests.getPer1000;
    return {
      monthly: known(monthly),
      basis: `S3 Standard in ${region}: ${s3.storedGiB} GiB × ${formatRate(storage)} + requests`,
      drivers,
    };
  }
  return undefined;
}
