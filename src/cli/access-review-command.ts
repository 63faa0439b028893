import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { formatDiagnostic } from '../specs/diagnostic.js';
import { describeServiceFailure } from '../workflow/self-service/service-failure.js';
import { accessReviewFiles, runAccessReview } from '../workflow/self-service/run-access-review.js';
import { plural } from './plural.js';
import type { CliIo } from './io.js';
import { CliUsageError, loadWorkspace } from './load-workspace.js';

export interface AccessReviewOptions {
  out: string;
  csv?: string;
  dir?: string;
  config?: string;
  allowEmpty?: boolean;
}

/**
 * `infra-bot access-review --out report.md [--csv report.csv] [--dir …] [--config …]`: the review `/infra access-review`
 * posts, against the local specs, with Okta from OKTA_ORG_URL + OKTA_API_TOKEN (or OKTA_CLIENT_ID + OKTA_PRIVATE_KEY).
 * Exit 0 complete, 1 written but partial (Okta rate-limited or failed midway), 2 usage or Okta unusable.
 */
export async function accessReviewCommand(io: CliIo, options: AccessReviewOptions): Promise<number> {
  const {
    OKTA_ORG_URL: orgUrl,
    OKTA_API_TOKEN: token,
    OKTA_CLIENT_ID: clientId,
    OKTA_PRIVATE_KEY: privateKey,
  } = io.env;
  if (!orgUrl || !(token || (clientId && privateKey))) {
    throw new CliUsageError('set OKTA_ORG_URL and OKTA_API_TOKEN (or OKTA_CLIENT_ID with OKTA_PRIVATE_KEY)');
  }
  const { dir, config, allowEmpty } = options;
  const workspace = await loadWorkspace({ cwd: io.cwd, now: io.now(), dir, config, allowEmpty });
  if (!workspace.ok) {
    for (const d of workspace.diagnostics.filter((x) => x.severity === 'error')) io.err(formatDiagnostic(d));
    io.err('warning: the specs do not validate; the review matches Okta against no spec');
  }
  const { createOktaDirectory } = await import('../okta/okta-client.js');
  const directory = createOktaDirectory({
    orgUrl,
    ...(token ? { token } : { clientId: clientId!, privateKey: privateKey! }),
  });
  try {
    const review = await runAccessReview({
      directory,
      specs: workspace.specs,
      config: workspace.config,
      clock: { now: () => io.now() },
    });
    const files = accessReviewFiles(review);
    await write(resolve(io.cwd, options.out), files.markdown);
    if (options.csv) await write(resolve(io.cwd, options.csv), files.csv);
    const c = review.counts;
    io.out(
      `${plural(c.users, 'user')} (${c.inactive} inactive, ${c.unmanagedUsers} without a spec), ${plural(c.groups, 'group')}, ${plural(c.drift, 'drifted spec')}, ${plural(c.roles, 'role')}`,
    );
    io.out(`report: ${options.out}${options.csv ? `, CSV: ${options.csv}` : ''}`);
    if (review.partial) {
      io.err(`partial report: ${review.partial.message}; missing: ${review.partial.missing.join('; ')}`);
      return 1;
    }
    return 0;
  } catch (error) {
    const text = describeServiceFailure(error, true);
    if (text === undefined) throw error;
    io.err(text.replace(/`/g, ''));
    return 2;
  } finally {
    directory.close();
  }
}

async function write(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
}
