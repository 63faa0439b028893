import { gzipSync } from 'node:zlib';

/**
 * A small ustar writer for the GitHub double and the tar reader's tests. Long paths use a pax `x` header like
 * `git archive` (or GNU `L` records when asked); `globalComment` writes the pax `g` header git puts first.
 */
export interface TarWriterEntry {
  path: string;
  type?: 'file' | 'directory' | 'symlink';
  content?: string | Buffer;
  linkName?: string;
  /** Overrides the size field without writing that much data: for building truncated or lying archives. */
  declaredSize?: number;
}

export interface TarWriterOptions {
  longNames?: 'pax' | 'gnu';
  globalComment?: string;
  /** Leave off the two zero blocks that end an archive. */
  omitEnd?: boolean;
}

const BLOCK = 512;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, typeflag: string, linkName = ''): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, 'utf8');
  block.write(octal(typeflag === '5' ? 0o755 : 0o644, 8), 100, 'latin1');
  block.write(octal(0, 8), 108, 'latin1');
  block.write(octal(0, 8), 116, 'latin1');
  block.write(octal(size, 12), 124, 'latin1');
  block.write(octal(1_700_000_000, 12), 136, 'latin1');
  block.write(typeflag, 156, 'latin1');
  block.write(linkName, 157, 100, 'utf8');
  block.write('ustar\0', 257, 'latin1');
  block.write('00', 263, 'latin1');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}

function padded(data: Buffer): Buffer[] {
  const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
  return pad === 0 ? [data] : [data, Buffer.alloc(pad)];
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length += 1;
  return `${length}${body}`;
}

function meta(typeflag: 'x' | 'g' | 'L', name: string, data: Buffer): Buffer[] {
  return [header(name, data.length, typeflag), ...padded(data)];
}

export function writeTar(entries: TarWriterEntry[], options: TarWriterOptions = {}): Buffer {
  const blocks: Buffer[] = [];
  if (options.globalComment !== undefined) {
    blocks.push(...meta('g', 'pax_global_header', Buffer.from(paxRecord('comment', options.globalComment))));
  }
  for (const entry of entries) {
    const type = entry.type ?? 'file';
    const typeflag = type === 'directory' ? '5' : type === 'symlink' ? '2' : '0';
    const data = type === 'file' ? Buffer.from(entry.content ?? '') : Buffer.alloc(0);
    let name = entry.path;
    if (Buffer.byteLength(name) > 100) {
      if (options.longNames === 'gnu') blocks.push(...meta('L', '././@LongLink', Buffer.from(`${name}\0`)));
      else blocks.push(...meta('x', `PaxHeader/${name.slice(-80)}`, Buffer.from(paxRecord('path', name))));
      name = name.slice(0, 100);
    }
    blocks.push(header(name, entry.declaredSize ?? data.length, typeflag, entry.linkName ?? ''));
    if (data.length > 0) blocks.push(...padded(data));
  }
  if (options.omitEnd !== true) blocks.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(blocks);
}

export function writeTarGz(entries: TarWriterEntry[], options: TarWriterOptions = {}): Buffer {
  return gzipSync(writeTar(entries, options));
}
