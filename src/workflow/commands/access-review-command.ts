import { commitFiles } from '../../github/pulls.js';
import { renderAccessReviewSummary } from '../../okta/render-access-review.js';
import { inlineCode } from '../../plan/render-escape.js';
import { validateSpecs } from '../../specs/validate-specs.js';
import { readDefaultBranchSpecs } from '../self-service/default-branch-specs.js';
import { claimRequestBranch } from '../self-service/open-request-pull.js';
import { requestCommitMessage, type RequestKey } from '../self-service/request-branch.js';
import { accessReviewFiles, runAccessReview } from '../self-service/run-access-review.js';
import { describeServiceFailure, oktaNotConfigured, specsNote } from '../self-service/service-failure.js';
import type { CommandHandler } from './command-context.js';

/**
 * `/infra access-review`:
 *  1. read every Okta user, group and membership (paginated, bounded) and match them against the default branch's
 *     specs; Okta failing before anything is read → a reply naming Okta, nothing written;
 *  2. commit the full report (Markdown) and its CSV under `reports/` on `infra-bot/access-review/<issue>-<date>`;
 *  3. a summary comment that fits GitHub's limit, every cut list pointing at the full report.
 */
export const accessReviewCommand: CommandHandler<{ name: 'access-review' }> = async (context) => {
  const { services, octokit, payload, target } = context;
  if (!services.directory) {
    await context.reply(oktaNotConfigured('/infra access-review'));
    return 'refused: okta not configured';
  }
  const base = await readDefaultBranchSpecs(octokit, target);
  const validation = validateSpecs({ files: base.files, configText: base.configText, now: services.clock.now() });
  let review;
  try {
    review = await runAccessReview({
      directory: await services.directory.get(),
      specs: validation.specs,
      config: base.config,
      clock: services.clock,
    });
  } catch (error) {
    const text = describeServiceFailure(error, true);
    if (text === undefined) throw error;
    await context.reply(text);
    return 'failed: okta';
  }
  const files = accessReviewFiles(review);
  const key: RequestKey = {
    ...target,
    command: 'access-review',
    issue: payload.number,
    name: review.generatedAt.slice(0, 10),
  };
  const { branch, head } = await claimRequestBranch(octokit, key, base.sha);
  await commitFiles(octokit, {
    ...target,
    branch,
    message: requestCommitMessage(
      key,
      `Okta access review ${review.generatedAt}`,
      `Requested by @${payload.sender.login} in #${payload.number}.${review.partial ? ' PARTIAL: see the report.' : ''}`,
    ),
    files: [
      { path: files.markdownPath, content: files.markdown },
      { path: files.csvPath, content: files.csv },
    ],
    expectedHeadSha: head,
    inlineContent: true,
  });
  const link = (path: string) => `${base.htmlUrl}/blob/${encodeURI(branch)}/${path}`;
  const header = [
    `📋 Full report: [${files.markdownPath}](${link(files.markdownPath)}) · [CSV](${link(files.csvPath)}) on branch ${inlineCode(branch)} (${review.users.length.toLocaleString('en-US')} users).`,
    ...(review.partial
      ? [
          '',
          '⚠️ **Partial result**: Okta did not give everything (see below); the report says exactly what is missing.',
        ]
      : []),
    '',
  ].join('\n');
  await context.reply(
    header +
      renderAccessReviewSummary(review, { fullReportUrl: link(files.markdownPath) }) +
      specsNote(validation.ok, base.branch),
  );
  return review.partial ? `partial report on ${branch}` : `report on ${branch}`;
};
