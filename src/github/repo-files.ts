import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { createGunzip } from 'node:zlib';
import { callGitHub, GitHubGatewayError } from './errors.js';
import type { GitHubClient } from './octokit.js';
import { readTar } from './tar-reader.js';

export interface RepoFile {
  path: string;
  content: string;
}

export interface SkippedFile {
  path: string;
  reason: 'too_large' | 'not_utf8' | 'not_a_file' | 'unsafe_path';
  detail: string;
}

export interface ReadRepoFilesParams {
  owner: string;
  repo: string;
  /** A commit SHA (or branch); the files are read as of that commit. */
  ref: string;
  /** "dir/" matches everything below dir; "a/b.yml" matches that file (and anything below a folder of that name). */
  prefixes: string[];
  maxFileBytes: number;
  /** More matching files than this is an error, never a silent cut. */
  maxFiles: number;
  /** Entries of the whole archive (matching or not) before it is refused. */
  maxEntries?: number;
  /** Instead of `prefixes`: which paths to read (when the folder is only known from a file in the same archive). */
  match?: (path: string) => boolean;
}

export interface ReadRepoFilesResult {
  files: RepoFile[];
  /** Matching entries that were not read, each with why: callers must report these. */
  skipped: SkippedFile[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function matchesPrefix(path: string, prefixes: string[]): boolean {
  return prefixes.some((prefix) =>
    prefix.endsWith('/') ? path.startsWith(prefix) : path === prefix || path.startsWith(`${prefix}/`),
  );
}

/** "owner-repo-sha/infra-specs/a.yaml" → "infra-specs/a.yaml"; null for the top folder itself or unsafe paths. */
function repoPath(archivePath: string): string | null {
  const slash = archivePath.indexOf('/');
  const path = slash === -1 ? '' : archivePath.slice(slash + 1).replace(/\/+$/, '');
  return path === '' ? null : path;
}

const unsafe = (path: string): boolean => path.startsWith('/') || path.split('/').some((s) => s === '..' || s === '.');

function toNodeStream(data: unknown): Readable {
  if (data instanceof Readable) return data;
  if (Buffer.isBuffer(data)) return Readable.from([data]);
  if (data instanceof ArrayBuffer) return Readable.from([Buffer.from(data)]);
  if (data !== null && typeof data === 'object' && 'getReader' in data) {
    return Readable.fromWeb(data as WebReadableStream<Uint8Array>);
  }
  throw new GitHubGatewayError('tarball_invalid', 'download tarball', 'response has no body');
}

/**
 * Every file under `prefixes` at `ref`, in one API call: the repository tarball, streamed through gunzip and a tar
 * reader that keeps only matching files. Oversized or non-UTF-8 matches are listed in `skipped` with a reason.
 */
export async function readRepoFiles(octokit: GitHubClient, params: ReadRepoFilesParams): Promise<ReadRepoFilesResult> {
  const { owner, repo, ref, prefixes, maxFileBytes, maxFiles } = params;
  const wanted = params.match ?? ((path: string) => matchesPrefix(path, prefixes));
  const operation = `read files of ${owner}/${repo}@${ref}`;
  const response = await callGitHub(operation, () =>
    octokit.request('GET /repos/{owner}/{repo}/tarball/{ref}', {
      owner,
      repo,
      ref,
      // keep the body as a stream instead of buffering the whole archive
      request: { parseSuccessResponseBody: false },
    }),
  );
  const body = toNodeStream(response.data);
  const gunzip = createGunzip();
  // pipe() does not forward errors: a download cut short must fail the read, not hang it
  body.on('error', (error) => gunzip.destroy(error));
  const files: RepoFile[] = [];
  const skipped: SkippedFile[] = [];
  try {
    const entries = readTar(body.pipe(gunzip), {
      maxEntries: params.maxEntries ?? 200_000,
      wantContent: (h) => {
        const path = repoPath(h.path);
        return path !== null && !unsafe(path) && wanted(path) && h.size <= maxFileBytes;
      },
    });
    for await (const entry of entries) {
      const path = repoPath(entry.path);
      if (path === null || !wanted(path) || entry.type === 'directory') continue;
      if (files.length + skipped.length >= maxFiles) {
        throw new GitHubGatewayError(
          'too_many_files',
          operation,
          `more than ${maxFiles} files under ${prefixes.join(', ')}`,
        );
      }
      if (unsafe(path)) skipped.push({ path, reason: 'unsafe_path', detail: 'path has . or .. segments' });
      else if (entry.type !== 'file') skipped.push({ path, reason: 'not_a_file', detail: `${entry.type} not read` });
      else if (entry.content === undefined) {
        skipped.push({ path, reason: 'too_large', detail: `${entry.size} bytes, limit ${maxFileBytes}` });
      } else {
        try {
          files.push({ path, content: utf8.decode(entry.content) });
        } catch {
          skipped.push({ path, reason: 'not_utf8', detail: 'content is not valid UTF-8' });
        }
      }
    }
  } catch (error) {
    if (error instanceof GitHubGatewayError) throw error;
    // zlib and stream failures: a corrupt archive or a connection cut mid-download
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('Z_')) {
      throw new GitHubGatewayError('tarball_invalid', operation, 'not a gzip archive', { cause: error });
    }
    throw new GitHubGatewayError('network', operation, `download failed: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    gunzip.destroy();
    body.destroy();
  }
  const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { files: files.sort(byPath), skipped: skipped.sort(byPath) };
}
