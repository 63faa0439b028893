import { ByteReader } from './byte-reader.js';
import { GitHubGatewayError } from './errors.js';
import { BLOCK, isZeroBlock, parseHeader, parsePax } from './tar-header.js';

export type TarEntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

export interface TarEntryHeader {
  path: string;
  type: TarEntryType;
  size: number;
  linkName: string;
}

export interface TarEntry extends TarEntryHeader {
  /** Present only when `wantContent` asked for it. */
  content?: Buffer;
}

export interface ReadTarOptions {
  /** Entries (files, directories, links) after which the archive is refused: a guard against tar bombs. */
  maxEntries: number;
  /** Decides, from the header alone, whether to buffer an entry's content; the rest is streamed past. */
  wantContent: (header: TarEntryHeader) => boolean;
}

// Pax and GNU long-name records are metadata; a path longer than this is not a path.
const MAX_META_BYTES = 1024 * 1024;

const TYPES: Record<string, TarEntryType> = {
  '0': 'file',
  '7': 'file',
  '5': 'directory',
  '2': 'symlink',
  '1': 'hardlink',
};

function invalid(message: string): GitHubGatewayError {
  return new GitHubGatewayError('tarball_invalid', 'read tarball', message);
}

const padding = (size: number): number => (BLOCK - (size % BLOCK)) % BLOCK;

/**
 * Streams entries out of an uncompressed tar archive (ustar, pax `x`/`g` headers, GNU `L`/`K` long names).
 * Only entries whose content is wanted are buffered, one at a time.
 */
export async function* readTar(source: AsyncIterable<Uint8Array>, options: ReadTarOptions): AsyncGenerator<TarEntry> {
  const reader = new ByteReader(source[Symbol.asyncIterator]());
  let pending: { path?: string; linkName?: string; size?: number } = {};
  let entries = 0;

  const readBody = async (size: number): Promise<Buffer> => {
    const body = await reader.read(size);
    if (body.length < size || (await reader.skip(padding(size))) < padding(size)) {
      throw invalid('archive ends inside an entry');
    }
    return body;
  };

  for (;;) {
    const block = await reader.read(BLOCK);
    if (block.length === 0 || (block.length === BLOCK && isZeroBlock(block))) return;
    const header = parseHeader(block);
    if (typeof header === 'string') throw invalid(header);

    if (header.typeflag === 'x' || header.typeflag === 'g' || header.typeflag === 'L' || header.typeflag === 'K') {
      if (header.size > MAX_META_BYTES) throw invalid(`metadata record of ${header.size} bytes`);
      const body = await readBody(header.size);
      if (header.typeflag === 'L') pending.path = body.toString('utf8').replace(/\0+$/, '');
      if (header.typeflag === 'K') pending.linkName = body.toString('utf8').replace(/\0+$/, '');
      if (header.typeflag === 'x') {
        const records = parsePax(body);
        if (typeof records === 'string') throw invalid(records);
        const size = records.get('size');
        pending = {
          ...pending,
          ...(records.has('path') ? { path: records.get('path') } : {}),
          ...(records.has('linkpath') ? { linkName: records.get('linkpath') } : {}),
          ...(size !== undefined && /^\d+$/.test(size) ? { size: Number(size) } : {}),
        };
      }
      // 'g' (global pax, e.g. git's commit id comment) carries nothing we use.
      continue;
    }

    entries += 1;
    if (entries > options.maxEntries) {
      throw new GitHubGatewayError('too_many_files', 'read tarball', `more than ${options.maxEntries} entries`);
    }
    const entry: TarEntryHeader = {
      path: pending.path ?? header.name,
      type: TYPES[header.typeflag] ?? 'other',
      size: pending.size ?? header.size,
      linkName: pending.linkName ?? header.linkName,
    };
    pending = {};
    // Links and directories carry no data even when a writer fills the size field.
    const dataSize = entry.type === 'file' || entry.type === 'other' ? entry.size : 0;
    if (entry.type === 'file' && options.wantContent(entry)) {
      yield { ...entry, content: await readBody(dataSize) };
      continue;
    }
    const toSkip = dataSize + padding(dataSize);
    if ((await reader.skip(toSkip)) < toSkip) throw invalid('archive ends inside an entry');
    yield entry;
  }
}
