// A completed run's artifact, downloaded and unzipped in memory: only the files of the contract are read.
import { downloadArtifact, findRunArtifact } from '../github/actions.js';
import type { GitHubClient } from '../github/octokit.js';
import { readZip } from '../github/zip-reader.js';
import { ARTIFACT_FILES } from './actions-contract.js';

const WANTED = new Set<string>(Object.values(ARTIFACT_FILES));
/** A plan JSON can be large; the zip's own size is capped separately (maxBytes). */
const MAX_ENTRY_BYTES = 256 * 1024 * 1024;
const MAX_ENTRIES = 1000;

export type ArtifactFiles = Map<string, Buffer> | { error: string };

/** The artifact's files by name, or why they cannot be had (never throws: a missing result is an outcome). */
export async function readRunArtifact(
  octokit: GitHubClient,
  params: { owner: string; repo: string; runId: number; name: string; maxBytes: number },
): Promise<ArtifactFiles> {
  const { owner, repo, runId, name, maxBytes } = params;
  try {
    const artifact = await findRunArtifact(octokit, { owner, repo, runId, name });
    if (artifact === undefined) return { error: `the run uploaded no artifact named ${name}` };
    if (artifact.expired) return { error: `the artifact ${name} has expired` };
    if (artifact.sizeInBytes > maxBytes) return { error: `the artifact ${name} is larger than ${maxBytes} bytes` };
    const zip = await downloadArtifact(octokit, { owner, repo, artifactId: artifact.id, maxBytes });
    const entries = readZip(zip, {
      maxEntries: MAX_ENTRIES,
      maxEntryBytes: MAX_ENTRY_BYTES,
      maxTotalBytes: MAX_ENTRY_BYTES,
      want: (entry) => WANTED.has(entry),
    });
    return new Map(entries.map((entry) => [entry.name, entry.content]));
  } catch (error) {
    return { error: `the artifact ${name} could not be read: ${(error as Error).message}` };
  }
}
