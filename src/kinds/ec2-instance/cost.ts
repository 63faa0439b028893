// On-demand Linux price of the instance type plus its gp3 root volume, from the shipped price table.
import { formatRate, known, unknown } from '../../review/cost/money.js';
import { HOURS_PER_MONTH, type SpecCost } from '../../review/cost/cost-basis.js';
import type { CostInputs, SpecOfKind } from '../kind-definition.js';
import type { Ec2InstanceSpec } from './model.js';

export function ec2MonthlyCost(spec: SpecOfKind<'Ec2Instance', Ec2InstanceSpec>, { prices }: CostInputs): SpecCost {
  const missing = (what: string) => unknown(`the price table (${prices.date}) has no ${what}`);
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
