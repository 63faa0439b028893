// Small offer files shaped like the AWS Price List bulk API's regional CSVs
// (https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/<offer>/current/<region>/index.csv): five metadata rows,
// a header row starting with "SKU", one row per product × term × price dimension. Real files hold ~100 columns;
// these keep the ones the collector reads, plus a few it must ignore, in the real files' order.

const EC2_HEADER = [
  'SKU',
  'OfferTermCode',
  'RateCode',
  'TermType',
  'PriceDescription',
  'EffectiveDate',
  'StartingRange',
  'EndingRange',
  'Unit',
  'PricePerUnit',
  'Currency',
  'LeaseContractLength',
  'PurchaseOption',
  'Product Family',
  'serviceCode',
  'Location',
  'Location Type',
  'Instance Type',
  'vCPU',
  'Memory',
  'Volume Type',
  'Tenancy',
  'Operating System',
  'License Model',
  'usageType',
  'operation',
  'CapacityStatus',
  'Pre Installed S/W',
  'Region Code',
  'Volume API Name',
];

type Row = Record<string, string>;
const csvLine = (cells: readonly string[]) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');
const rows = (header: readonly string[], list: Row[]) => list.map((row) => csvLine(header.map((h) => row[h] ?? '')));

const meta = (offer: string) => [
  csvLine(['FormatVersion', 'v1.0']),
  // The real disclaimer is one line; this one spans two to prove quoted line breaks are read.
  csvLine([
    'Disclaimer',
    'This pricing list is for informational purposes only.\nAll prices are subject to the additional terms.',
  ]),
  csvLine(['Publication Date', '2026-11-18T22:09:41Z']),
  csvLine(['Version', '20261118220941']),
  csvLine(['OfferCode', offer]),
];

const linux = (sku: string, type: string, price: string, extra: Row = {}): Row => ({
  SKU: sku,
  OfferTermCode: 'JRTCKXETXF',
  RateCode: `${sku}.JRTCKXETXF.6YS6EN2CT7`,
  TermType: 'OnDemand',
  PriceDescription: `$${price} per On Demand Linux ${type} Instance Hour`,
  EffectiveDate: '2026-11-01',
  StartingRange: '0',
  EndingRange: 'Inf',
  Unit: 'Hrs',
  PricePerUnit: price,
  Currency: 'USD',
  'Product Family': 'Compute Instance',
  serviceCode: 'AmazonEC2',
  Location: 'US East (N. Virginia)',
  'Location Type': 'AWS Region',
  'Instance Type': type,
  Tenancy: 'Shared',
  'Operating System': 'Linux',
  'License Model': 'No License required',
  usageType: `BoxUsage:${type}`,
  operation: 'RunInstances',
  CapacityStatus: 'Used',
  'Pre Installed S/W': 'NA',
  'Region Code': 'us-east-1',
  ...extra,
});

export function ec2OfferCsv(extra: Row[] = []): string[] {
  return [
    ...meta('AmazonEC2'),
    csvLine(EC2_HEADER),
    ...rows(EC2_HEADER, [
      linux('AAA1', 't3.micro', '0.0104000000'),
      linux('AAA2', 'm5.large', '0.0960000000'),
      // Same type, other terms and platforms: all ignored.
      linux('AAA3', 't3.micro', '0.0196000000', {
        'Operating System': 'Windows',
        'License Model': 'No License required',
      }),
      linux('AAA4', 't3.micro', '0.0114000000', { Tenancy: 'Dedicated' }),
      linux('AAA5', 't3.micro', '0.0104000000', { CapacityStatus: 'UnusedCapacityReservation' }),
      linux('AAA6', 't3.micro', '0.0600000000', { 'Pre Installed S/W': 'SQL Web' }),
      linux('AAA7', 't3.micro', '0.0065000000', {
        TermType: 'Reserved',
        LeaseContractLength: '1yr',
        PurchaseOption: 'No Upfront',
      }),
      linux('AAA8', 't3.micro', '0.0125000000', {
        'Region Code': 'us-east-1-bos-1',
        'Location Type': 'AWS Local Zone',
      }),
      // A type the table does not use.
      linux('AAA9', 'p5.48xlarge', '98.3200000000'),
      {
        SKU: 'BBB1',
        TermType: 'OnDemand',
        Unit: 'GB-Mo',
        PricePerUnit: '0.0800000000',
        Currency: 'USD',
        PriceDescription: '$0.08 per GB-month of General Purpose (gp3) provisioned storage - US East (N. Virginia)',
        'Product Family': 'Storage',
        'Location Type': 'AWS Region',
        'Volume Type': 'General Purpose',
        'Volume API Name': 'gp3',
        usageType: 'EBS:VolumeUsage.gp3',
        'Region Code': 'us-east-1',
        StartingRange: '0',
      },
      {
        SKU: 'BBB2',
        TermType: 'OnDemand',
        Unit: 'GB-Mo',
        PricePerUnit: '0.1000000000',
        Currency: 'USD',
        'Product Family': 'Storage',
        'Location Type': 'AWS Region',
        'Volume API Name': 'gp2',
        'Region Code': 'us-east-1',
      },
      {
        SKU: 'BBB3',
        TermType: 'OnDemand',
        Unit: 'IOPS-Mo',
        PricePerUnit: '0.0050000000',
        Currency: 'USD',
        'Product Family': 'System Operation',
        'Location Type': 'AWS Region',
        'Volume API Name': 'gp3',
        'Region Code': 'us-east-1',
      },
      ...extra,
    ]),
  ];
}

const S3_HEADER = [
  'SKU',
  'OfferTermCode',
  'RateCode',
  'TermType',
  'PriceDescription',
  'EffectiveDate',
  'StartingRange',
  'EndingRange',
  'Unit',
  'PricePerUnit',
  'Currency',
  'Product Family',
  'serviceCode',
  'Location',
  'Location Type',
  'Storage Class',
  'Volume Type',
  'usageType',
  'operation',
  'Group',
  'Group Description',
  'Region Code',
];

const s3 = (row: Row): Row => ({
  TermType: 'OnDemand',
  Currency: 'USD',
  'Location Type': 'AWS Region',
  'Region Code': 'us-east-1',
  ...row,
});

export function s3OfferCsv(): string[] {
  return [
    ...meta('AmazonS3'),
    csvLine(S3_HEADER),
    ...rows(S3_HEADER, [
      s3({
        SKU: 'CCC1',
        Unit: 'GB-Mo',
        PricePerUnit: '0.0230000000',
        StartingRange: '0',
        EndingRange: '51200',
        'Product Family': 'Storage',
        'Storage Class': 'General Purpose',
        'Volume Type': 'Standard',
        usageType: 'TimedStorage-ByteHrs',
        PriceDescription: '$0.023 per GB - first 50 TB / month of storage used',
      }),
      s3({
        SKU: 'CCC1',
        Unit: 'GB-Mo',
        PricePerUnit: '0.0220000000',
        StartingRange: '51200',
        EndingRange: '512000',
        'Product Family': 'Storage',
        'Storage Class': 'General Purpose',
        'Volume Type': 'Standard',
        usageType: 'TimedStorage-ByteHrs',
      }),
      s3({
        SKU: 'CCC2',
        Unit: 'GB-Mo',
        PricePerUnit: '0.0125000000',
        StartingRange: '0',
        'Product Family': 'Storage',
        'Storage Class': 'Infrequent Access',
        'Volume Type': 'Standard - Infrequent Access',
      }),
      s3({
        SKU: 'CCC3',
        Unit: 'Requests',
        PricePerUnit: '0.0000050000',
        'Product Family': 'API Request',
        Group: 'S3-API-Tier1',
        'Group Description': 'PUT/COPY/POST or LIST requests',
        usageType: 'Requests-Tier1',
        PriceDescription: '$0.005 per 1,000 PUT, COPY, POST, or LIST requests',
      }),
      s3({
        SKU: 'CCC4',
        Unit: 'Requests',
        PricePerUnit: '0.0000004000',
        'Product Family': 'API Request',
        Group: 'S3-API-Tier2',
        'Group Description': 'GET and all other requests',
        usageType: 'Requests-Tier2',
      }),
    ]),
  ];
}
