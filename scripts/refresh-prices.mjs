// Refreshes src/review/cost/prices.json from the AWS Price List bulk API (public, no credentials): for each region
// of the current table, streams the AmazonEC2 and AmazonS3 regional offer files (CSV; the EC2 one is several GB, so
// it is never held in memory), keeps the rows the table uses and rewrites the table with today's date.
// Usage: npx tsc -p tsconfig.json && node scripts/refresh-prices.mjs [--dry-run]
// The parsing lives in src/review/cost/offer-file.ts (tested on a fixture shaped like the real files).
import { readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { OfferCollector } from '../lib/review/cost/offer-file.js';
import { buildPriceTable, offerFileUrl } from '../lib/review/cost/build-price-table.js';
import { parsePriceTable } from '../lib/review/cost/price-table.js';

const target = new URL('../src/review/cost/prices.json', import.meta.url);
const dryRun = process.argv.includes('--dry-run');
const previous = parsePriceTable(JSON.parse(await readFile(target, 'utf8')));
const instanceTypes = new Set(Object.values(previous.ec2).flatMap((byType) => Object.keys(byType)));

async function readOffer(collector, url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(30 * 60_000) });
  if (!response.ok || !response.body) throw new Error(`GET ${url}: HTTP ${response.status}`);
  collector.startFile();
  const lines = createInterface({ input: Readable.fromWeb(response.body), crlfDelay: Infinity });
  for await (const line of lines) collector.addLine(line);
  collector.endFile();
}

const regions = new Map();
const publications = {};
for (const region of Object.keys(previous.ec2).sort()) {
  const collector = new OfferCollector(region, instanceTypes);
  for (const offer of ['AmazonEC2', 'AmazonS3']) {
    const url = offerFileUrl(offer, region);
    console.error(`reading ${url}`);
    await readOffer(collector, url);
  }
  regions.set(region, collector.prices);
  Object.assign(publications, collector.publications);
}

const date = new Date().toISOString().slice(0, 10);
const { table, missing } = buildPriceTable({ previous, regions, date, publications });
for (const line of missing) console.error(`not found, left out (estimates will say "unknown"): ${line}`);
const text = `${JSON.stringify(table, null, 2)}\n`;
if (dryRun) console.log(text);
else {
  await writeFile(target, text);
  console.error(`wrote ${target.pathname} (${date}); rebuild with npx tsc -p tsconfig.json`);
}
