import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A small zip writer for the GitHub double's artifacts and the zip reader's tests. Like actions/upload-artifact it
 * can write sizes in a data descriptor after each entry (`dataDescriptor`), and it can build lying or odd archives.
 */
export interface ZipWriterEntry {
  name: string;
  content?: string | Buffer;
  method?: 'stored' | 'deflate';
  /** Overrides the uncompressed size in the central directory (a lying header). */
  declaredSize?: number;
  /** Overrides the CRC in the central directory. */
  crc?: number;
  /** Sets the "encrypted" flag. */
  encrypted?: boolean;
  /** Raw compression method number, e.g. 12 (bzip2). */
  methodNumber?: number;
}

export interface ZipWriterOptions {
  /** Sizes and CRC after the data (general purpose bit 3), as streaming writers do. Default true. */
  dataDescriptor?: boolean;
  /** Archive comment (after the end of central directory record). */
  comment?: string;
  /** Writes a zip64 end-of-central-directory locator in front of the end record. */
  zip64Locator?: boolean;
}

interface Written {
  entry: ZipWriterEntry;
  offset: number;
  crc: number;
  compressedSize: number;
  size: number;
  method: number;
  flags: number;
  name: Buffer;
}

export function writeZip(entries: ZipWriterEntry[], options: ZipWriterOptions = {}): Buffer {
  const descriptor = options.dataDescriptor ?? true;
  const parts: Buffer[] = [];
  const written: Written[] = [];
  let offset = 0;
  const push = (buffer: Buffer) => {
    parts.push(buffer);
    offset += buffer.length;
  };
  for (const entry of entries) {
    const content = Buffer.from(entry.content ?? '');
    const method = entry.methodNumber ?? (entry.method === 'stored' || entry.name.endsWith('/') ? 0 : 8);
    const data = method === 8 ? deflateRawSync(content) : content;
    const crc = crc32(content) >>> 0;
    const name = Buffer.from(entry.name, 'utf8');
    const flags = 0x800 | (descriptor ? 0x8 : 0) | (entry.encrypted ? 0x1 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(descriptor ? 0 : crc, 14);
    local.writeUInt32LE(descriptor ? 0 : data.length, 18);
    local.writeUInt32LE(descriptor ? 0 : content.length, 22);
    local.writeUInt16LE(name.length, 26);
    // An extra field in the local header only, as some writers do: readers must place data by the local lengths.
    const extra = Buffer.from([0x55, 0x54, 0x05, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00]);
    local.writeUInt16LE(extra.length, 28);
    written.push({ entry, offset, crc, compressedSize: data.length, size: content.length, method, flags, name });
    push(Buffer.concat([local, name, extra, data]));
    if (descriptor) {
      const dd = Buffer.alloc(16);
      dd.writeUInt32LE(0x08074b50, 0);
      dd.writeUInt32LE(crc, 4);
      dd.writeUInt32LE(data.length, 8);
      dd.writeUInt32LE(content.length, 12);
      push(dd);
    }
  }
  const centralStart = offset;
  for (const w of written) {
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x031e, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(w.flags, 8);
    central.writeUInt16LE(w.method, 10);
    central.writeUInt32LE(w.entry.crc ?? w.crc, 16);
    central.writeUInt32LE(w.compressedSize, 20);
    central.writeUInt32LE(w.entry.declaredSize ?? w.size, 24);
    central.writeUInt16LE(w.name.length, 28);
    central.writeUInt32LE(w.offset, 42);
    push(Buffer.concat([central, w.name]));
  }
  const centralSize = offset - centralStart;
  if (options.zip64Locator) {
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    push(locator);
  }
  const comment = Buffer.from(options.comment ?? '', 'utf8');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(written.length, 8);
  end.writeUInt16LE(written.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(centralStart, 16);
  end.writeUInt16LE(comment.length, 20);
  push(Buffer.concat([end, comment]));
  return Buffer.concat(parts);
}

/** A zip of `files` the way actions/upload-artifact writes one (deflate, data descriptors). */
export function zipFiles(files: Record<string, string | Buffer>): Buffer {
  return writeZip(Object.entries(files).map(([name, content]) => ({ name, content })));
}
