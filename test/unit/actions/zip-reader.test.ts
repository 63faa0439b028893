import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { isSafeZipName, readZip, ZipError, type ReadZipOptions } from '../../../src/github/zip-reader.js';
import { writeZip, zipFiles } from '../../doubles/github/zip-writer.js';

const limits: ReadZipOptions = { maxEntries: 100, maxEntryBytes: 1024 * 1024, maxTotalBytes: 4 * 1024 * 1024 };

/** Python's zipfile output (deflate, a stored entry, no data descriptors): a second writer besides ours. */
const PYTHON_ZIP =
  'UEsDBBQAAAAIAIoqdV2QX9SnDQAAAAsAAAALAAAAcmVzdWx0Lmpzb26rVsrPVrIqKSpNrQUAUEsDBBQAAAAIAIoqdV2LkgrXKQAAAIEAAAAIAAAAcGxh' +
  'bi5sb2cLyEnMs1IwVCjJV0hMSdFRMACxkjMS89JToZyU1OKSovxKPa4AmigFAFBLAwQUAAAAAAAAACEAtQGvDwsAAAALAAAACgAAAHN0b3JlZC50eHRz' +
  'dG9yZWQgdGV4dFBLAQIUAxQAAAAIAIoqdV2QX9SnDQAAAAsAAAALAAAAAAAAAAAAAACAAQAAAAByZXN1bHQuanNvblBLAQIUAxQAAAAIAIoqdV2Lkgr' +
  'XKQAAAIEAAAAIAAAAAAAAAAAAAACAATYAAABwbGFuLmxvZ1BLAQIUAxQAAAAAAAAAIQC1Aa8PCwAAAAsAAAAKAAAAAAAAAAAAAACAAYUAAABzdG9yZWQu' +
  'dHh0UEsFBgAAAAADAAMApwAAALgAAAAAAA==';

const read = (zip: Buffer, options: Partial<ReadZipOptions> = {}) =>
  Object.fromEntries(readZip(zip, { ...limits, ...options }).map((e) => [e.name, e.content.toString('utf8')]));

function failure(zip: Buffer, options: Partial<ReadZipOptions> = {}): ZipError {
  try {
    readZip(zip, { ...limits, ...options });
  } catch (error) {
    if (error instanceof ZipError) return error;
    throw error;
  }
  throw new Error('readZip accepted the archive');
}

describe('readZip', () => {
  it('stored and deflate entries › both read back byte for byte', () => {
    const big = 'resource_changes '.repeat(5000);
    const zip = writeZip([
      { name: 'plan.log', content: 'Plan: 1 to add', method: 'stored' },
      { name: 'plan.json', content: big, method: 'deflate' },
    ]);
    expect(read(zip)).toEqual({ 'plan.log': 'Plan: 1 to add', 'plan.json': big });
  });

  it('binary content, empty files, folders and an archive comment › folders are skipped, the rest is exact', () => {
    const bytes = randomBytes(4096);
    const zip = writeZip(
      [{ name: 'out/' }, { name: 'out/empty.txt', content: '' }, { name: 'out/blob.bin', content: bytes }],
      { comment: 'made by a test', dataDescriptor: false },
    );
    const entries = readZip(zip, limits);
    expect(entries.map((e) => e.name)).toEqual(['out/empty.txt', 'out/blob.bin']);
    expect(entries[1]!.content.equals(bytes)).toBe(true);
  });

  it('want › only chosen entries are inflated, so an oversized unwanted entry does not matter', () => {
    const zip = zipFiles({ 'result.json': '{}', 'huge.bin': Buffer.alloc(2 * 1024 * 1024) });
    expect(read(zip, { want: (name) => name === 'result.json' })).toEqual({ 'result.json': '{}' });
  });

  it('an archive written by another zip implementation (Python zipfile) › read the same way', () => {
    const zip = Buffer.from(PYTHON_ZIP, 'base64');
    expect(read(zip)).toEqual({
      'result.json': '{"ok":true}',
      'plan.log': 'Plan: 1 to add, 0 to change, 0 to destroy.\n'.repeat(3),
      'stored.txt': 'stored text',
    });
  });

  it('an empty archive › no entries', () => {
    expect(readZip(writeZip([]), limits)).toEqual([]);
  });

  it.each([
    ['not a zip at all', Buffer.from('PK but not really a zip archive, just text')],
    ['an empty buffer', Buffer.alloc(0)],
  ])('%s › zip_invalid', (_name, zip) => {
    expect(failure(zip).code).toBe('zip_invalid');
  });

  it('truncated anywhere › zip_invalid, never a partial read', () => {
    const zip = zipFiles({ 'plan.json': JSON.stringify({ a: 'x'.repeat(3000) }), 'result.json': '{"ok":true}' });
    for (const cut of [10, 40, Math.floor(zip.length / 2), zip.length - 30, zip.length - 1]) {
      expect(failure(zip.subarray(0, cut)).code).toBe('zip_invalid');
    }
  });

  it('corrupted deflate data › zip_invalid', () => {
    const zip = Buffer.from(zipFiles({ 'plan.json': 'y'.repeat(10_000) }));
    // The data starts after the 30-byte local header, the name and the 9-byte extra field.
    zip.fill(0xff, 30 + 'plan.json'.length + 9, 30 + 'plan.json'.length + 9 + 6);
    expect(failure(zip).code).toBe('zip_invalid');
  });

  it('a CRC that does not match › zip_invalid', () => {
    expect(failure(writeZip([{ name: 'a.txt', content: 'hello', crc: 1234 }])).message).toMatch(/CRC mismatch/);
  });

  it('a size that lies low (a zip bomb in disguise) › refused without inflating past the declared size', () => {
    const zip = writeZip([{ name: 'bomb.json', content: Buffer.alloc(5 * 1024 * 1024), declaredSize: 100 }]);
    expect(failure(zip).message).toMatch(/bomb\.json: inflates past its declared size/);
  });

  it('entry and total caps › zip_too_large', () => {
    const zip = zipFiles({ 'a.json': 'a'.repeat(600), 'b.json': 'b'.repeat(600) });
    expect(failure(zip, { maxEntryBytes: 500 }).code).toBe('zip_too_large');
    expect(failure(zip, { maxTotalBytes: 1000 }).code).toBe('zip_too_large');
    expect(failure(zip, { maxEntries: 1 }).code).toBe('zip_too_large');
  });

  it('zip64 › refused as unsupported', () => {
    expect(failure(writeZip([{ name: 'a', content: 'x' }], { zip64Locator: true })).code).toBe('zip_unsupported');
  });

  it('encrypted entries and unknown methods › unsupported', () => {
    expect(failure(writeZip([{ name: 'a', content: 'x', method: 'stored', encrypted: true }])).code).toBe(
      'zip_unsupported',
    );
    expect(failure(writeZip([{ name: 'a', content: 'x', methodNumber: 12 }])).message).toMatch(/method 12/);
  });

  it.each(['../result.json', 'out/../../etc/passwd', '/etc/passwd', 'C:/x', 'a\\..\\b', './a', 'a//b', 'a\0b'])(
    'traversal name %j › zip_unsafe_name, even when the entry is not wanted',
    (name) => {
      const zip = writeZip([
        { name: 'result.json', content: '{}' },
        { name, content: 'x' },
      ]);
      expect(failure(zip, { want: (n) => n === 'result.json' }).code).toBe('zip_unsafe_name');
    },
  );

  it('two entries of the same name › zip_invalid (a checker and a reader could see different files)', () => {
    const zip = writeZip([
      { name: 'result.json', content: '{"ok":false}' },
      { name: 'result.json', content: '{"ok":true}' },
    ]);
    expect(failure(zip).message).toMatch(/duplicate entry result\.json/);
  });
});

describe('isSafeZipName', () => {
  it.each([
    ['plan.json', true],
    ['out/plan.json', true],
    ['dir/', true],
    ['..', false],
    ['a/./b', false],
    ['', false],
  ])('%j › %s', (name, safe) => {
    expect(isSafeZipName(name)).toBe(safe);
  });
});
