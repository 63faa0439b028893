import type { RepoConfig } from '../../config/repo-config-schema.js';
import type { Clock } from '../../jobs/clock.js';
import type { AccessReview } from '../../okta/access-review-model.js';
import { buildAccessReview } from '../../okta/access-review.js';
import { collectAccessData } from '../../okta/collect-access-data.js';
import type { OktaDirectory } from '../../okta/okta-client.js';
import { renderAccessReviewCsv } from '../../okta/render-access-csv.js';
import { renderAccessReviewReport } from '../../okta/render-access-review.js';
import type { IntentSpec } from '../../specs/model.js';

/** Gathering stops starting new Okta calls after this long; what was read is reported, marked partial. */
export const ACCESS_REVIEW_DEADLINE_MS = 5 * 60_000;

/**
 * The whole review, for `/infra access-review` and `infra-bot access-review`: every user, group and membership from
 * Okta (paginated), matched against the specs. Throws the directory's typed errors when Okta fails before anything
 * was read; a storm or outage later gives a partial review that says what is missing.
 */
export async function runAccessReview(input: {
  directory: OktaDirectory;
  specs: readonly IntentSpec[];
  config: RepoConfig;
  clock: Clock;
  deadlineMs?: number;
}): Promise<AccessReview> {
  const { clock, config } = input;
  const data = await collectAccessData({
    directory: input.directory,
    clock,
    deadlineMs: input.deadlineMs ?? ACCESS_REVIEW_DEADLINE_MS,
  });
  return buildAccessReview({
    users: data.users,
    groups: data.groups,
    memberships: data.memberships,
    specs: input.specs,
    now: clock.now(),
    inactiveDays: config.accessReview.inactiveDays,
    ...(config.sso && { sso: config.sso }),
    ...(data.partial && { partial: data.partial }),
    apiCalls: data.apiCalls,
  });
}

export interface ReportFiles {
  markdownPath: string;
  csvPath: string;
  markdown: string;
  csv: string;
}

/** The full report and its CSV under `reports/`, named by the review's date (UTC). Pure. */
export function accessReviewFiles(review: AccessReview, dir = 'reports'): ReportFiles {
  const date = review.generatedAt.slice(0, 10);
  return {
    markdownPath: `${dir}/access-review-${date}.md`,
    csvPath: `${dir}/access-review-${date}.csv`,
    markdown: renderAccessReviewReport(review),
    csv: renderAccessReviewCsv(review),
  };
}
