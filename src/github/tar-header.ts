/**
 * One 512-byte tar header (POSIX ustar, with GNU's variants) and pax extended records.
 * Layout: https://www.gnu.org/software/tar/manual/html_node/Standard.html
 */
export const BLOCK = 512;

export interface RawHeader {
  name: string;
  size: number;
  typeflag: string;
  linkName: string;
}

function text(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString('utf8');
}

/** Octal, or GNU base-256 (high bit of the first byte set) for sizes beyond 8 GiB. */
function numeric(block: Buffer, start: number, length: number): number {
  const field = block.subarray(start, start + length);
  if ((field[0]! & 0x80) !== 0) {
    let value = field[0]! & 0x7f;
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i]!;
    return value;
  }
  const digits = text(block, start, length).trim();
  if (digits === '') return 0;
  if (!/^[0-7]+$/.test(digits)) return Number.NaN;
  return Number.parseInt(digits, 8);
}

export function isZeroBlock(block: Buffer): boolean {
  for (const byte of block) if (byte !== 0) return false;
  return true;
}

function checksumMatches(block: Buffer): boolean {
  const expected = numeric(block, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  return sum === expected;
}

/** Parses a header block; returns an error message instead when it is not one. */
export function parseHeader(block: Buffer): RawHeader | string {
  if (block.length < BLOCK) return 'truncated header';
  if (!checksumMatches(block)) return 'header checksum mismatch';
  const size = numeric(block, 124, 12);
  if (!Number.isSafeInteger(size) || size < 0) return 'bad size field';
  const typeflag = String.fromCharCode(block[156]!);
  const name = text(block, 0, 100);
  // Only POSIX ustar ("ustar\0") has the prefix field; GNU ("ustar  ") uses those bytes for other data.
  const posix = block.subarray(257, 263).toString('latin1') === 'ustar\0';
  const prefix = posix ? text(block, 345, 155) : '';
  return {
    name: prefix === '' ? name : `${prefix}/${name}`,
    size,
    typeflag: typeflag === '\0' ? '0' : typeflag,
    linkName: text(block, 157, 100),
  };
}

/** Pax records: "<length> <key>=<value>\n", the length counting bytes of the whole record. */
export function parsePax(data: Buffer): Map<string, string> | string {
  const records = new Map<string, string>();
  let at = 0;
  while (at < data.length) {
    if (data[at] === 0) break;
    const space = data.indexOf(0x20, at);
    if (space === -1) return 'bad pax record';
    const length = Number.parseInt(data.subarray(at, space).toString('latin1'), 10);
    if (!Number.isSafeInteger(length) || length <= space - at || at + length > data.length) {
      return 'bad pax record length';
    }
    const record = data.subarray(space + 1, at + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq === -1) return 'bad pax record';
    records.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return records;
}
