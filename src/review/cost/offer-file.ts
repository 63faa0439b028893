// Reads AWS Price List bulk API offer files (CSV: five metadata rows, then a header row starting with "SKU", then one
// row per product × term × price dimension) and keeps the few prices the table uses. Fed line by line, so the
// multi-gigabyte EC2 file streams through. scripts/refresh-prices.mjs downloads the files and writes prices.json.
// Format: https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/reading-service-price-list-file-for-services.html
import { CsvRecordReader } from './csv-records.js';

export interface RegionPrices {
  /** On-demand Linux, shared tenancy, USD per hour, by instance type. */
  ec2: Record<string, number>;
  ebsGp3PerGiBMonth?: number;
  s3StandardPerGiBMonth?: number;
  s3PutPer1000?: number;
  s3GetPer1000?: number;
}

export class OfferFileError extends Error {
  readonly code = 'offer_file_invalid';
}

type Row = (column: string) => string | undefined;

/** Collects one region's prices from its AmazonEC2 and AmazonS3 offer files. */
export class OfferCollector {
  readonly prices: RegionPrices = { ec2: {} };
  /** `Publication Date` of each file read, by offer code. */
  readonly publications: Record<string, string> = {};
  private reader = new CsvRecordReader();
  private header: Map<string, number> | undefined;
  private metadata = new Map<string, string>();

  constructor(
    private readonly region: string,
    private readonly instanceTypes: ReadonlySet<string>,
  ) {}

  /** Call before each file. */
  startFile(): void {
    this.reader = new CsvRecordReader();
    this.header = undefined;
    this.metadata = new Map();
  }

  addLine(line: string): void {
    const fields = this.reader.push(line);
    if (!fields) return;
    if (!this.header) {
      if (fields[0] === 'SKU') {
        this.header = new Map(fields.map((name, i) => [name, i]));
        const offer = this.metadata.get('OfferCode');
        if (offer) this.publications[offer] = this.metadata.get('Publication Date') ?? '';
      } else if (fields.length >= 2) this.metadata.set(fields[0]!, fields[1]!);
      return;
    }
    const header = this.header;
    this.addRow((column) => {
      const at = header.get(column);
      return at === undefined ? undefined : fields[at];
    });
  }

  endFile(): void {
    if (this.reader.incomplete) throw new OfferFileError('the offer file ends inside a quoted field');
    if (!this.header) throw new OfferFileError('the offer file has no header row (a row starting with "SKU")');
  }

  private addRow(row: Row): void {
    if (row('TermType') !== 'OnDemand' || row('Currency') !== 'USD') return;
    // Local Zones and Wavelength sites share a regional file; their prices differ.
    const regionCode = row('Region Code');
    if (regionCode !== undefined && regionCode !== this.region) return;
    if (row('Location Type') !== undefined && row('Location Type') !== 'AWS Region') return;
    const price = Number(row('PricePerUnit'));
    if (!Number.isFinite(price)) return;
    const family = row('Product Family');
    const unit = row('Unit');
    const type = row('Instance Type') ?? '';
    if (family === 'Compute Instance' && unit === 'Hrs' && this.instanceTypes.has(type) && isPlainLinux(row)) {
      this.set(`${type}`, price, row, (p) => (this.prices.ec2[type] = p), this.prices.ec2[type]);
    } else if (family === 'Storage' && unit === 'GB-Mo' && row('Volume API Name') === 'gp3') {
      this.set('gp3', price, row, (p) => (this.prices.ebsGp3PerGiBMonth = p), this.prices.ebsGp3PerGiBMonth);
    } else if (
      family === 'Storage' &&
      unit === 'GB-Mo' &&
      row('Storage Class') === 'General Purpose' &&
      row('Volume Type') === 'Standard' &&
      Number(row('StartingRange') ?? '0') === 0
    ) {
      // The first tier (first 50 TB a month): what a bucket under review pays.
      this.set(
        'S3 Standard',
        price,
        row,
        (p) => (this.prices.s3StandardPerGiBMonth = p),
        this.prices.s3StandardPerGiBMonth,
      );
    } else if (family === 'API Request' && unit === 'Requests' && row('Group') === 'S3-API-Tier1') {
      this.set('S3 PUT', price * 1000, row, (p) => (this.prices.s3PutPer1000 = p), this.prices.s3PutPer1000);
    } else if (family === 'API Request' && unit === 'Requests' && row('Group') === 'S3-API-Tier2') {
      this.set('S3 GET', price * 1000, row, (p) => (this.prices.s3GetPer1000 = p), this.prices.s3GetPer1000);
    }
  }

  /** Two rows for the same price that disagree: refuse to pick one. */
  private set(what: string, price: number, row: Row, store: (p: number) => void, current: number | undefined): void {
    const rounded = Number(price.toPrecision(10));
    if (current !== undefined && current !== rounded) {
      throw new OfferFileError(
        `two prices for ${what} in ${this.region}: ${current} and ${rounded} (SKU ${row('SKU') ?? '?'}); refusing to guess`,
      );
    }
    store(rounded);
  }
}

/** Linux with no pre-installed software or license, on shared hardware actually in use (not a reservation). */
function isPlainLinux(row: Row): boolean {
  return (
    row('Tenancy') === 'Shared' &&
    row('Operating System') === 'Linux' &&
    row('Pre Installed S/W') === 'NA' &&
    row('License Model') === 'No License required' &&
    row('CapacityStatus') === 'Used'
  );
}
