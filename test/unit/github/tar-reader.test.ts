import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { GitHubGatewayError } from '../../../src/github/errors.js';
import { readTar, type TarEntry } from '../../../src/github/tar-reader.js';
import { writeTar, type TarWriterEntry } from '../../doubles/github/tar-writer.js';

async function* chunked(data: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

async function readAll(
  data: Buffer,
  opts: { chunk?: number; maxEntries?: number; want?: (p: string) => boolean } = {},
) {
  const out: TarEntry[] = [];
  const entries = readTar(chunked(data, opts.chunk ?? 4096), {
    maxEntries: opts.maxEntries ?? 1000,
    wantContent: (h) => (opts.want ?? (() => true))(h.path),
  });
  for await (const entry of entries) out.push(entry);
  return out;
}

const summary = (entries: TarEntry[]) =>
  entries.map((e) => ({ path: e.path, type: e.type, content: e.content?.toString('utf8') }));

describe('readTar', () => {
  it('reads files, directories and symlinks with their content', async () => {
    const tar = writeTar([
      { path: 'top/', type: 'directory' },
      { path: 'top/a.yaml', content: 'kind: OktaUser\n' },
      { path: 'top/empty.txt', content: '' },
      { path: 'top/link', type: 'symlink', linkName: 'a.yaml' },
    ]);
    const entries = await readAll(tar);
    expect(summary(entries)).toEqual([
      { path: 'top/', type: 'directory', content: undefined },
      { path: 'top/a.yaml', type: 'file', content: 'kind: OktaUser\n' },
      { path: 'top/empty.txt', type: 'file', content: '' },
      { path: 'top/link', type: 'symlink', content: undefined },
    ]);
    expect(entries[3]!.linkName).toBe('a.yaml');
  });

  it('long paths › takes the pax path record and ignores the pax global header', async () => {
    const long = `top/${'a'.repeat(90)}/${'b'.repeat(90)}/spec.yaml`;
    const entries = await readAll(writeTar([{ path: long, content: 'x' }], { globalComment: 'f'.repeat(40) }));
    expect(summary(entries)).toEqual([{ path: long, type: 'file', content: 'x' }]);
  });

  it('long paths › takes GNU long-name records', async () => {
    const long = `top/${'ü'.repeat(80)}/spec.yaml`;
    const entries = await readAll(writeTar([{ path: long, content: 'gnu' }], { longNames: 'gnu' }));
    expect(summary(entries)).toEqual([{ path: long, type: 'file', content: 'gnu' }]);
  });

  it('unwanted entries › are streamed past without content, even across tiny chunks', async () => {
    const tar = writeTar([
      { path: 'top/big.bin', content: Buffer.alloc(10_000, 7) },
      { path: 'top/keep.yaml', content: 'keep' },
    ]);
    const entries = await readAll(tar, { chunk: 7, want: (p) => p.endsWith('.yaml') });
    expect(summary(entries)).toEqual([
      { path: 'top/big.bin', type: 'file', content: undefined },
      { path: 'top/keep.yaml', type: 'file', content: 'keep' },
    ]);
    expect(entries[0]!.size).toBe(10_000);
  });

  it('tar bombs › refuses more entries than allowed', async () => {
    const tar = writeTar(Array.from({ length: 6 }, (_, i) => ({ path: `top/${i}`, content: '' })));
    await expect(readAll(tar, { maxEntries: 5 })).rejects.toMatchObject({ code: 'too_many_files' });
  });

  it('corruption › rejects a header whose checksum does not match', async () => {
    const tar = writeTar([{ path: 'top/a', content: 'abc' }]);
    tar[10] = 0x41;
    const error = await readAll(tar).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubGatewayError);
    expect(error).toMatchObject({ code: 'tarball_invalid', message: expect.stringContaining('checksum') });
  });

  it('corruption › rejects an archive that ends inside an entry', async () => {
    const tar = writeTar([{ path: 'top/a', content: 'abc', declaredSize: 5000 }], { omitEnd: true });
    await expect(readAll(tar)).rejects.toMatchObject({ code: 'tarball_invalid' });
  });

  it('round trip › reads back whatever the writer wrote, however the stream is chunked', async () => {
    const segment = fc.stringMatching(/^[a-z0-9_.-]{1,40}$/).filter((s) => s !== '.' && s !== '..');
    const file = fc.record({
      path: fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => `top/${s.join('/')}`),
      content: fc.string({ maxLength: 2000 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(file, { selector: (f) => f.path, maxLength: 12 }),
        fc.integer({ min: 1, max: 1500 }),
        async (files, chunk) => {
          const written: TarWriterEntry[] = files;
          const entries = await readAll(writeTar(written, { globalComment: 'abc' }), { chunk });
          expect(entries.map((e) => [e.path, e.content?.toString('utf8')])).toEqual(
            files.map((f) => [f.path, f.content]),
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});
