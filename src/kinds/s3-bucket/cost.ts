// S3 Standard storage and requests under the stated usage assumption: a bucket's cost depends on use, not its spec.
import { formatRate, known, unknown } from '../../review/cost/money.js';
import { describeS3Assumption, type SpecCost } from '../../review/cost/cost-basis.js';
import type { CostInputs, SpecOfKind } from '../kind-definition.js';
import type { S3BucketSpec } from './model.js';

export function s3MonthlyCost(spec: SpecOfKind<'S3Bucket', S3BucketSpec>, { prices, s3 }: CostInputs): SpecCost {
  const missing = (what: string) => unknown(`the price table (${prices.date}) has no ${what}`);
  const { region } = spec.spec;
  const drivers = `s3|${region}`;
  const storage = prices.s3StandardPerGiBMonth[region];
  const requests = prices.s3Requests[region];
  const basis = `S3 Standard in ${region}`;
  const assumes = describeS3Assumption(s3);
  if (storage === undefined) return { monthly: missing(`S3 Standard price for ${region}`), basis, drivers, assumes };
  if (requests === undefined) return { monthly: missing(`S3 request prices for ${region}`), basis, drivers, assumes };
  const monthly =
    s3.storedGiB * storage +
    (s3.putRequests / 1000) * requests.putPer1000 +
    (s3.getRequests / 1000) * requests.getPer1000;
  return {
    monthly: known(monthly),
    basis: `S3 Standard in ${region}: ${s3.storedGiB} GiB × ${formatRate(storage)} + requests`,
    drivers,
    assumes,
  };
}
