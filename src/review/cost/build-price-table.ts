// A refreshed price table from the prices read per region: same regions and instance types as the previous table,
// today's date. What the offer files no longer list is dropped and reported: the estimate then says "unknown".
import type { RegionPrices } from './offer-file.js';
import { parsePriceTable, type PriceTable } from './price-table.js';

export const OFFER_BASE_URL = 'https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws';
export const offerFileUrl = (offer: 'AmazonEC2' | 'AmazonS3', region: string): string =>
  `${OFFER_BASE_URL}/${offer}/current/${region}/index.csv`;

export interface RefreshInput {
  previous: PriceTable;
  regions: ReadonlyMap<string, RegionPrices>;
  /** YYYY-MM-DD. */
  date: string;
  /** Publication date of each offer file, by offer code. */
  publications: Readonly<Record<string, string>>;
}

export interface RefreshResult {
  table: PriceTable;
  /** `region: what` for every price the previous table had and the offer files lacked. */
  missing: string[];
}

export function buildPriceTable(input: RefreshInput): RefreshResult {
  const { previous, regions } = input;
  const missing: string[] = [];
  const types = [...new Set(Object.values(previous.ec2).flatMap((byType) => Object.keys(byType)))].sort();
  const table: PriceTable = {
    notice:
      'Public AWS list prices (on-demand, Linux, shared tenancy; EBS gp3 storage; S3 Standard first tier and request ' +
      'prices) as of the date below, in US dollars, before tax, without Savings Plans, reserved or negotiated ' +
      'discounts. Written by scripts/refresh-prices.mjs from the AWS Price List bulk API.',
    date: input.date,
    source: `AWS Price List API (${OFFER_BASE_URL}/{AmazonEC2,AmazonS3}/current/<region>/index.csv; ${publicationNote(input.publications)}), on-demand Linux, shared tenancy`,
    currency: 'USD',
    ec2: {},
    ebsGp3PerGiBMonth: {},
    s3StandardPerGiBMonth: {},
    s3Requests: {},
  };
  for (const region of Object.keys(previous.ec2).sort()) {
    const found = regions.get(region);
    const ec2: Record<string, number> = {};
    for (const type of types) {
      const price = found?.ec2[type];
      if (price === undefined) missing.push(`${region}: ${type}`);
      else ec2[type] = price;
    }
    table.ec2[region] = ec2;
    const keep = (what: string, price: number | undefined, put: (p: number) => void) =>
      price === undefined ? missing.push(`${region}: ${what}`) : put(price);
    keep('EBS gp3', found?.ebsGp3PerGiBMonth, (p) => (table.ebsGp3PerGiBMonth[region] = p));
    keep('S3 Standard', found?.s3StandardPerGiBMonth, (p) => (table.s3StandardPerGiBMonth[region] = p));
    const put = found?.s3PutPer1000;
    const get = found?.s3GetPer1000;
    if (put === undefined || get === undefined) missing.push(`${region}: S3 requests`);
    else table.s3Requests[region] = { putPer1000: put, getPer1000: get };
  }
  return { table: parsePriceTable(table), missing };
}

function publicationNote(publications: Readonly<Record<string, string>>): string {
  const entries = Object.entries(publications).sort(([a], [b]) => (a < b ? -1 : 1));
  return entries.length === 0 ? 'publication dates unknown' : entries.map(([k, v]) => `${k} published ${v}`).join(', ');
}
