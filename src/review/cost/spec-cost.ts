// The monthly cost of what one spec creates, from the shipped price table. Only what can be priced honestly (each
// kind's `cost` in src/kinds/: EC2 on-demand Linux + its gp3 root volume, S3 Standard under a stated usage
// assumption). A type or region the table lacks gives "unknown" and why, never a guess.
import { kindOf } from '../../kinds/index.js';
import type { IntentSpec } from '../../specs/model.js';
import type { S3Assumption, SpecCost } from './cost-basis.js';
import type { PriceTable } from './price-table.js';

export {
  DEFAULT_S3_ASSUMPTION,
  HOURS_PER_MONTH,
  describeS3Assumption,
  type S3Assumption,
  type SpecCost,
} from './cost-basis.js';

/** Undefined for kinds that cost nothing we estimate (Okta users and groups, IAM roles): each kind says which. */
export function specMonthlyCost(spec: IntentSpec, prices: PriceTable, s3: S3Assumption): SpecCost | undefined {
  const cost = kindOf(spec).cost(spec, { prices, s3 });
  return cost === 'no estimate' ? undefined : cost;
}
