import { describe, expect, it } from '@jest/globals';
import { buildPriceTable, offerFileUrl } from '../../../src/review/cost/build-price-table.js';
import { CsvRecordReader } from '../../../src/review/cost/csv-records.js';
import { OfferCollector, OfferFileError } from '../../../src/review/cost/offer-file.js';
import { PRICES } from './fixtures.js';
import { ec2OfferCsv, s3OfferCsv } from './offer-fixtures.js';

function collect(files: string[][], region = 'us-east-1', types = ['t3.micro', 'm5.large', 't2.micro']) {
  const collector = new OfferCollector(region, new Set(types));
  for (const lines of files) {
    collector.startFile();
    for (const text of lines) for (const line of text.split('\n')) collector.addLine(line);
    collector.endFile();
  }
  return collector;
}

describe('offer files', () => {
  it('EC2 and S3 regional files › on-demand Linux shared hourly, gp3, S3 Standard first tier, request prices', () => {
    const collector = collect([ec2OfferCsv(), s3OfferCsv()]);
    expect(collector.prices).toEqual({
      ec2: { 't3.micro': 0.0104, 'm5.large': 0.096 },
      ebsGp3PerGiBMonth: 0.08,
      s3StandardPerGiBMonth: 0.023,
      s3PutPer1000: 0.005,
      s3GetPer1000: 0.0004,
    });
    expect(collector.publications).toEqual({ AmazonEC2: '2026-11-18T22:09:41Z', AmazonS3: '2026-11-18T22:09:41Z' });
  });

  it('two disagreeing prices for the same thing › refuses to guess', () => {
    const duplicate = ec2OfferCsv()[6]!
      .replace('AAA1', 'ZZZ1')
      .replace(/"0\.0104000000"/, '"0.0200000000"');
    const lines = [...ec2OfferCsv(), duplicate];
    expect(() => collect([lines])).toThrow(OfferFileError);
    expect(() => collect([lines])).toThrow(
      'two prices for t3.micro in us-east-1: 0.0104 and 0.02 (SKU ZZZ1); refusing to guess',
    );
  });

  it('a file that is not an offer file, or ends mid-field › typed error', () => {
    expect(() => collect([['<html>Access Denied</html>']])).toThrow('the offer file has no header row');
    expect(() => collect([[...ec2OfferCsv(), '"AAA1","unterminated']])).toThrow(
      'the offer file ends inside a quoted field',
    );
  });

  it('CSV records › quoted commas, doubled quotes, line breaks', () => {
    const reader = new CsvRecordReader();
    expect(reader.push('a,"b, c","say ""hi"""')).toEqual(['a', 'b, c', 'say "hi"']);
    expect(reader.push('"two')).toBeUndefined();
    expect(reader.push('lines",x\r')).toEqual(['two\nlines', 'x']);
    expect(reader.incomplete).toBe(false);
  });
});

describe('buildPriceTable', () => {
  it('keeps the previous regions and types, dates the table, reports what the files lacked', () => {
    const collector = collect([ec2OfferCsv(), s3OfferCsv()]);
    const previous = {
      ...PRICES,
      ec2: { 'us-east-1': { 't3.micro': 0.01, 't2.micro': 0.01 }, 'eu-west-1': { 't3.micro': 0.01 } },
    };
    const { table, missing } = buildPriceTable({
      previous,
      regions: new Map([['us-east-1', collector.prices]]),
      date: '2026-11-21',
      publications: collector.publications,
    });
    expect(table.date).toBe('2026-11-21');
    expect(table.source).toBe(
      'AWS Price List API (https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/{AmazonEC2,AmazonS3}/current/<region>/index.csv; AmazonEC2 published 2026-11-18T22:09:41Z, AmazonS3 published 2026-11-18T22:09:41Z), on-demand Linux, shared tenancy',
    );
    expect(table.ec2).toEqual({ 'eu-west-1': {}, 'us-east-1': { 't3.micro': 0.0104 } });
    expect(table.s3Requests).toEqual({ 'us-east-1': { putPer1000: 0.005, getPer1000: 0.0004 } });
    expect(missing).toEqual([
      'eu-west-1: t2.micro',
      'eu-west-1: t3.micro',
      'eu-west-1: EBS gp3',
      'eu-west-1: S3 Standard',
      'eu-west-1: S3 requests',
      'us-east-1: t2.micro',
    ]);
    expect(offerFileUrl('AmazonEC2', 'eu-west-1')).toBe(
      'https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/eu-west-1/index.csv',
    );
  });
});
