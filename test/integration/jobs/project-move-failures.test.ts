import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { classifyError } from '../../../src/jobs/classify-error.js';
import type { Job } from '../../../src/store/store.js';
import type { MoveCardPayload } from '../../../src/workflow/job-kinds.js';
import { JOB_KINDS } from '../../../src/workflow/job-kinds.js';
import { moveCard } from '../../../src/workflow/project-board.js';
import { ProjectsGraphql } from '../../doubles/github/projects-graphql.js';
import { OWNER, REPO, startReportBench } from './support/report-fixture.js';
import type { ReportBench } from './support/report-fixture.js';

describe('project.move failures', () => {
  let b: ReportBench;
  let board: ProjectsGraphql;
  beforeEach(async () => {
    b = await startReportBench({ extraConfig: `project: { org: ${OWNER}, number: 7 }\n` });
    board = new ProjectsGraphql();
    board.install(b.github);
  });
  afterEach(async () => b.close());

  const payload = (): MoveCardPayload => ({
    installationId: 1,
    owner: OWNER,
    repo: REPO,
    pr: b.pr,
    nodeId: 'PR_1',
    column: 'planned',
  });
  const move = () => moveCard(b.services, b.job(JOB_KINDS.moveCard, payload()) as Job<MoveCardPayload>);
  const comments = () => b.github.comments(OWNER, REPO, b.pr).map((c) => c.body);

  it('a board that does not exist: reported once on the PR with what to fix, and the job ends (no retry)', async () => {
    expect(await move()).toBe('board problem reported: project-not-found');
    expect(await move()).toBe('board problem reported: project-not-found');
    expect(comments()).toHaveLength(1);
    expect(comments()[0]).toContain('could not put this PR on the project board');
    expect(comments()[0]).toContain('Fix `project` in .github/infra.yml');
  });

  it('GitHub failing (502): the job throws a transient error to be retried; when retries run out, the PR is told once', async () => {
    board.addProject({ owner: OWNER, number: 7 });
    board.failNext({ operation: 'board', kind: 'server-error', times: 20 });
    const error = await move().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(classifyError(error)).toMatchObject({ category: 'transient', retryable: true });
    await b.reporter.failed(b.job(JOB_KINDS.moveCard, payload(), 5), error);
    await b.reporter.failed(b.job(JOB_KINDS.moveCard, payload(), 5), error);
    expect(comments()).toHaveLength(1);
    expect(comments()[0]).toContain('could not move this pull request to the "planned" column');
    expect(comments()[0]).toContain('kept failing after 5 attempts');
    expect(await b.failedCount(JOB_KINDS.moveCard, 'transient')).toBe(2);
  });
});
