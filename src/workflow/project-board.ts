import { reply } from '../github/comments.js';
import { ProjectsError } from '../github/projects.js';
import type { Job } from '../store/store.js';
import { JOB_KINDS, fullName } from './job-kinds.js';
import type { MoveCardPayload } from './job-kinds.js';
import { readRepoConfig } from './read-config.js';
import type { Deps } from './services.js';

export type CardMoveDeps = Deps<'notifyWorker', 'enqueue'>;
export type MoveCardDeps = Deps<'github' | 'projects' | 'log', 'getCommentIds' | 'saveCommentIds'>;

/** Queues a card move (planned → applying → done, or merged but not applied); moves of one PR run in order. */
export async function enqueueCardMove(services: CardMoveDeps, payload: MoveCardPayload): Promise<void> {
  await services.store.enqueue({
    kind: JOB_KINDS.moveCard,
    payload,
    concurrencyKey: `card:${fullName(payload)}#${payload.pr}`,
    retryPolicy: 'retry',
  });
  services.notifyWorker();
}

/**
 * Puts the PR on the org's Projects (v2) board in the column for its stage. A board that is not configured is
 * skipped; a missing project, field or option is reported once (log + PR comment) and never crashes the flow.
 * Rate limits and other GitHub errors throw, so the queue retries.
 */
export async function moveCard(services: MoveCardDeps, job: Job<MoveCardPayload>): Promise<string> {
  const payload = job.payload;
  const octokit = await services.github(payload.installationId);
  const config = await readRepoConfig(octokit, payload);
  const project = config.ok ? config.config.project : undefined;
  if (!project) return 'no project board configured';
  const gateway = services.projects(octokit);
  try {
    const board = await gateway.resolveBoard(project);
    await gateway.moveToColumn({ board, contentNodeId: payload.nodeId, column: payload.column });
    const column =
      payload.column === 'notApplied'
        ? (project.columns.notApplied ?? project.columns.planned)
        : project.columns[payload.column];
    return `moved to ${column}`;
  } catch (error) {
    if (!(error instanceof ProjectsError)) throw error;
    const repo = fullName(payload);
    const purpose = `project-problem:${error.code}`;
    services.log.warn({ repo, pr: payload.pr, code: error.code }, error.message);
    if (!(await services.store.getCommentIds({ repo, issue: payload.pr, purpose }))) {
      const id = await reply(octokit, {
        owner: payload.owner,
        repo: payload.repo,
        issue_number: payload.pr,
        body: `⚠️ infra-bot could not put this PR on the project board: ${error.message}. Fix \`project\` in .github/infra.yml or the board; nothing else is affected.`,
      });
      await services.store.saveCommentIds({ repo, issue: payload.pr, purpose, ids: [id] });
    }
    return `board problem reported: ${error.code}`;
  }
}
