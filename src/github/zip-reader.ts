// Reads a zip archive held in memory (a GitHub Actions artifact) through its central directory: stored and deflate
// entries only, every size checked against caps before anything is inflated, every CRC checked, and names that could
// climb out of a directory refused. Nothing is written to disk; callers pick the entries they want by name.
// Format: https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT
import { crc32, inflateRawSync } from 'node:zlib';

export type ZipErrorCode = 'zip_invalid' | 'zip_unsupported' | 'zip_too_large' | 'zip_unsafe_name';

export class ZipError extends Error {
  override readonly name = 'ZipError';
  constructor(
    readonly code: ZipErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ZipLimits {
  /** Entries in the central directory (files and folders) before the archive is refused. */
  maxEntries: number;
  /** Uncompressed size of one wanted entry. */
  maxEntryBytes: number;
  /** Uncompressed size of all wanted entries together. */
  maxTotalBytes: number;
}

export interface ReadZipOptions extends ZipLimits {
  /** Decides by name which file entries are inflated; the others are still checked (name, method) but never read. */
  want?: (name: string) => boolean;
}

export interface ZipEntry {
  name: string;
  content: Buffer;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const MAX_COMMENT = 0xffff;
const STORED = 0;
const DEFLATE = 8;

const invalid = (message: string) => new ZipError('zip_invalid', message);

/** Names are relative, forward-slashed, without `.`/`..` segments, drive letters, NULs or backslashes. */
export function isSafeZipName(name: string): boolean {
  if (name === '' || name.startsWith('/') || /[\\\0]/.test(name) || /^[A-Za-z]:/.test(name)) return false;
  const segments = name.replace(/\/$/, '').split('/');
  return segments.every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

function findEndOfCentralDirectory(zip: Buffer): number {
  const lowest = Math.max(0, zip.length - EOCD_SIZE - MAX_COMMENT);
  for (let at = zip.length - EOCD_SIZE; at >= lowest; at--) {
    if (zip.readUInt32LE(at) === EOCD && at + EOCD_SIZE + zip.readUInt16LE(at + 20) === zip.length) return at;
  }
  throw invalid('no end of central directory record (not a zip archive, or truncated)');
}

interface CentralEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function readCentralDirectory(zip: Buffer, limits: ZipLimits): CentralEntry[] {
  const end = findEndOfCentralDirectory(zip);
  if (end >= 20 && zip.readUInt32LE(end - 20) === ZIP64_LOCATOR)
    throw new ZipError('zip_unsupported', 'zip64 archives are not supported');
  const disk = zip.readUInt16LE(end + 4);
  const count = zip.readUInt16LE(end + 10);
  const size = zip.readUInt32LE(end + 12);
  const offset = zip.readUInt32LE(end + 16);
  if (disk !== 0 || zip.readUInt16LE(end + 6) !== 0 || zip.readUInt16LE(end + 8) !== count) {
    throw new ZipError('zip_unsupported', 'multi-part archives are not supported');
  }
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    throw new ZipError('zip_unsupported', 'zip64 archives are not supported');
  }
  if (count > limits.maxEntries) throw new ZipError('zip_too_large', `${count} entries, limit ${limits.maxEntries}`);
  if (offset + size > end) throw invalid('central directory lies outside the archive');

  const entries: CentralEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_SIZE > offset + size || zip.readUInt32LE(at) !== CENTRAL)
      throw invalid(`central directory entry ${i} is damaged`);
    const nameLength = zip.readUInt16LE(at + 28);
    const next = at + CENTRAL_SIZE + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (next > offset + size) throw invalid(`central directory entry ${i} runs past the directory`);
    const flags = zip.readUInt16LE(at + 8);
    // Bit 11: the name is UTF-8; otherwise CP437, which agrees with UTF-8 (and latin1) on ASCII.
    const rawName = zip.subarray(at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength);
    const name = rawName.toString(flags & 0x800 ? 'utf8' : 'latin1');
    entries.push({
      name,
      method: zip.readUInt16LE(at + 10),
      flags,
      crc: zip.readUInt32LE(at + 16),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
    });
    at = next;
  }
  return entries;
}

function inflateEntry(zip: Buffer, entry: CentralEntry, maxBytes: number): Buffer {
  const { localOffset, compressedSize, size, name } = entry;
  if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff || localOffset === 0xffffffff) {
    throw new ZipError('zip_unsupported', `${name}: zip64 entries are not supported`);
  }
  if (size > maxBytes) throw new ZipError('zip_too_large', `${name} is ${size} bytes, limit ${maxBytes}`);
  if (localOffset + LOCAL_SIZE > zip.length || zip.readUInt32LE(localOffset) !== LOCAL) {
    throw invalid(`${name}: local header missing`);
  }
  // The local header's extra field may differ in length from the central one; only its own lengths place the data.
  const start = localOffset + LOCAL_SIZE + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
  if (start + compressedSize > zip.length) throw invalid(`${name}: data runs past the end of the archive`);
  const data = zip.subarray(start, start + compressedSize);
  let content: Buffer;
  if (entry.method === STORED) {
    if (compressedSize !== size) throw invalid(`${name}: stored entry with differing sizes`);
    content = Buffer.from(data);
  } else {
    try {
      // One byte over the declared size proves the declaration false without inflating a bomb any further.
      content = inflateRawSync(data, { maxOutputLength: size + 1 });
    } catch (error) {
      const tooLong = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      throw invalid(`${name}: ${tooLong ? 'inflates past its declared size' : 'corrupt deflate data'}`);
    }
  }
  if (content.length !== size) throw invalid(`${name}: ${content.length} bytes where ${size} were declared`);
  if (crc32(content) >>> 0 !== entry.crc) throw invalid(`${name}: CRC mismatch`);
  return content;
}

/** The wanted file entries, in archive order. Throws ZipError for anything damaged, unsafe or over a limit. */
export function readZip(zip: Buffer, options: ReadZipOptions): ZipEntry[] {
  const entries = readCentralDirectory(zip, options);
  const seen = new Set<string>();
  const out: ZipEntry[] = [];
  let total = 0;
  for (const entry of entries) {
    if (!isSafeZipName(entry.name)) {
      throw new ZipError('zip_unsafe_name', `unsafe entry name ${JSON.stringify(entry.name.slice(0, 200))}`);
    }
    // Two entries of one name would let a reader and a checker see different files.
    if (seen.has(entry.name)) throw invalid(`duplicate entry ${entry.name}`);
    seen.add(entry.name);
    if (entry.name.endsWith('/')) continue;
    if (entry.flags & 0x1) throw new ZipError('zip_unsupported', `${entry.name} is encrypted`);
    if (entry.method !== STORED && entry.method !== DEFLATE) {
      throw new ZipError('zip_unsupported', `${entry.name} uses compression method ${entry.method}`);
    }
    if (options.want && !options.want(entry.name)) continue;
    if (total + entry.size > options.maxTotalBytes) {
      throw new ZipError('zip_too_large', `wanted entries exceed ${options.maxTotalBytes} bytes`);
    }
    const content = inflateEntry(zip, entry, options.maxEntryBytes);
    total += content.length;
    out.push({ name: entry.name, content });
  }
  return out;
}
