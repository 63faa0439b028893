// The price table shipped with the app (prices.json): dated, its source named, refreshed by scripts/refresh-prices.mjs.
// Parsed with zod at load, so a hand-edited or half-refreshed table fails loudly instead of pricing things wrongly.
import { z } from 'zod';

const price = z.number().finite().nonnegative();
const byRegion = <T extends z.ZodType>(value: T) => z.record(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/), value);

export const priceTableSchema = z.strictObject({
  notice: z.string().min(1).describe('What the figures are: public list prices as of `date`.'),
  date: z.iso.date().describe('When the figures were read (YYYY-MM-DD).'),
  source: z.string().min(1).describe('Where they come from.'),
  currency: z.literal('USD'),
  ec2: byRegion(z.record(z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/), price)).describe(
    'On-demand Linux, shared tenancy: USD per hour by region and instance type.',
  ),
  ebsGp3PerGiBMonth: byRegion(price),
  s3StandardPerGiBMonth: byRegion(price).describe('S3 Standard storage, first tier (first 50 TB).'),
  s3Requests: byRegion(z.strictObject({ putPer1000: price, getPer1000: price })).describe(
    'PUT/COPY/POST/LIST and GET/SELECT requests, USD per 1,000.',
  ),
});

export type PriceTable = z.output<typeof priceTableSchema>;

export class PriceTableError extends Error {
  readonly code = 'price_table_invalid';
}

export function parsePriceTable(value: unknown): PriceTable {
  const result = priceTableSchema.safeParse(value);
  if (result.success) return result.data;
  throw new PriceTableError(`the price table is invalid: ${z.prettifyError(result.error)}`, { cause: result.error });
}

/** The table shipped in this build. A dynamic import with the JSON attribute: tsc copies the file into lib/. */
export async function loadPriceTable(): Promise<PriceTable> {
  const shipped = await import('./prices.json', { with: { type: 'json' } });
  return parsePriceTable(shipped.default);
}
