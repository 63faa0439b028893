import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { GitHubGatewayError } from '../../../src/github/errors.js';
import {
  createBoardCache,
  createProjectsGateway,
  ProjectsError,
  type BoardConfig,
  type BoardCache,
} from '../../../src/github/projects.js';
import { ProjectsGraphql } from '../../doubles/github/projects-graphql.js';
import { startGitHubDouble, type GitHubDouble } from '../../doubles/github/server.js';
import { testOctokit } from '../../doubles/github/test-octokit.js';

const config: BoardConfig = {
  org: 'acme',
  number: 7,
  statusField: 'Status',
  columns: { planned: 'Backlog', applying: 'In Progress', done: 'Done' },
};
const PR = 'PR_kwDOAcme42';

let double: GitHubDouble;
let projects: ProjectsGraphql;
let projectId: string;
let cache: BoardCache;
const gateway = (options: { throttle?: boolean } = {}) =>
  createProjectsGateway(testOctokit(double, options), { cache });
const boardCalls = () => projects.calls.filter((c) => c.operation === 'board').length;

beforeAll(async () => {
  double = await startGitHubDouble();
});
afterAll(() => double.close());
beforeEach(() => {
  projects = new ProjectsGraphql();
  projectId = projects.addProject({ owner: 'acme', number: 7, otherFields: ['Priority notes'] });
  projects.addProject({ owner: 'bruce', ownerType: 'User', number: 1 });
  projects.install(double);
  cache = createBoardCache();
  double.clearRequests();
});

describe('projects › resolveBoard', () => {
  it('the configured board › project, Status field and the three option ids', async () => {
    const board = await gateway().resolveBoard(config);
    expect(board).toEqual({
      projectId,
      fieldId: expect.stringMatching(/^PVTSSF_/),
      optionIds: {
        planned: expect.any(String),
        applying: expect.any(String),
        done: expect.any(String),
        notApplied: board.optionIds.planned,
      },
    });
    expect(new Set(Object.values(board.optionIds)).size).toBe(3);
  });

  it('asked twice › looked up once (cached per process)', async () => {
    await gateway().resolveBoard(config);
    await gateway().resolveBoard(config);
    expect(boardCalls()).toBe(1);
  });

  it('option names in another case › still found', async () => {
    const board = await gateway().resolveBoard({
      ...config,
      columns: { planned: 'backlog', applying: 'IN PROGRESS', done: 'done' },
    });
    expect(board.projectId).toBe(projectId);
  });

  const missing: Array<[string, Partial<BoardConfig>, string, RegExp]> = [
    [
      'an unknown organization',
      { org: 'nope' },
      'project-not-found',
      /project nope#7 was not found .*Could not resolve to an Organization/,
    ],
    [
      'a missing project number',
      { number: 8 },
      'project-not-found',
      /project acme#8 was not found .*ProjectV2 with the number 8/,
    ],
    ['a user-owned project', { org: 'bruce', number: 1 }, 'project-not-found', /cannot see user-owned projects/],
    ['a missing field', { statusField: 'Stage' }, 'field-not-found', /has no field "Stage"/],
    ['a field that is not single-select', { statusField: 'Priority notes' }, 'field-not-found', /not single-select/],
    [
      'a missing option',
      { columns: { planned: 'Backlog', applying: 'Deploying', done: 'Done' } },
      'option-not-found',
      /no option "Deploying" \(columns\.applying\); it has "Backlog", "In Progress", "Done"/,
    ],
  ];
  it.each(missing.map(([name, over, code, message]) => [name, code, over, message] as const))(
    '%s › ProjectsError %s naming what is missing',
    async (_name, code, over, message) => {
      const error = await gateway()
        .resolveBoard({ ...config, ...over })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProjectsError);
      expect(error).toMatchObject({ code });
      expect((error as Error).message).toMatch(message);
    },
  );

  it('a missing option › not cached: fixing the board is picked up on the next call', async () => {
    const wanted = { ...config, columns: { ...config.columns, applying: 'Applying' } };
    await expect(gateway().resolveBoard(wanted)).rejects.toMatchObject({ code: 'option-not-found' });
    projects.renameOption(projectId, 'Status', 'In Progress', 'Applying');
    await expect(gateway().resolveBoard(wanted)).resolves.toMatchObject({ projectId });
  });

  it('the app lacks the Projects permission › ProjectsError forbidden with the permission to grant', async () => {
    projects.failNext({ operation: 'board', kind: 'forbidden' });
    await expect(gateway().resolveBoard(config)).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('Projects: read and write'),
    });
  });
});

describe('projects › moveToColumn', () => {
  it('planned › adds the PR, then sets Status (two mutations, in that order)', async () => {
    const gw = gateway();
    const board = await gw.resolveBoard(config);
    const { itemId } = await gw.moveToColumn({ board, contentNodeId: PR, column: 'planned' });
    expect(projects.items(projectId)).toEqual([{ itemId, contentId: PR, column: 'Backlog' }]);
    expect(projects.calls.map((c) => c.operation)).toEqual([
      'board',
      'addProjectV2ItemById',
      'updateProjectV2ItemFieldValue',
    ]);
    expect(projects.calls[2]!.variables).toEqual({
      projectId,
      itemId,
      fieldId: board.fieldId,
      optionId: board.optionIds.planned,
    });
  });

  it('planned → applying → done › one card that moves', async () => {
    const gw = gateway();
    const board = await gw.resolveBoard(config);
    const seen: Array<string | undefined> = [];
    for (const column of ['planned', 'applying', 'done'] as const) {
      await gw.moveToColumn({ board, contentNodeId: PR, column });
      seen.push(projects.columnOf(projectId, PR));
    }
    expect(seen).toEqual(['Backlog', 'In Progress', 'Done']);
    expect(projects.items(projectId)).toHaveLength(1);
  });

  it('a secondary rate limit on the Status mutation › retried by our Octokit class, the card still moves', async () => {
    const gw = gateway({ throttle: true });
    const board = await gw.resolveBoard(config);
    projects.failNext({ operation: 'updateProjectV2ItemFieldValue', kind: 'secondary-rate-limit', retryAfter: 1 });
    await gw.moveToColumn({ board, contentNodeId: PR, column: 'applying' });
    expect(projects.columnOf(projectId, PR)).toBe('In Progress');
    const statuses = double.requests.filter((r) => r.path === '/api/graphql').map((r) => r.status);
    expect(statuses).toEqual([200, 200, 403, 200]);
  });

  it('rate limited on every attempt › a retryable gateway error (rate_limited), never a crash', async () => {
    const gw = gateway({ throttle: true });
    const board = await gw.resolveBoard(config);
    projects.failNext({ operation: 'addProjectV2ItemById', kind: 'secondary-rate-limit', retryAfter: 1, times: 10 });
    const error = await gw.moveToColumn({ board, contentNodeId: PR, column: 'planned' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubGatewayError);
    expect(error).toMatchObject({ code: 'rate_limited', status: 403 });
  });

  it('GitHub answering 502 once › retried by the retry plugin', async () => {
    const gw = gateway();
    const board = await gw.resolveBoard(config);
    projects.failNext({ operation: 'addProjectV2ItemById', kind: 'server-error' });
    await gw.moveToColumn({ board, contentNodeId: PR, column: 'done' });
    expect(projects.columnOf(projectId, PR)).toBe('Done');
  });

  it('an option deleted after the board was cached › the move fails, and the next resolve reports the missing option', async () => {
    const gw = gateway();
    const board = await gw.resolveBoard(config);
    projects.deleteOption(projectId, 'Status', 'Done');
    await expect(gw.moveToColumn({ board, contentNodeId: PR, column: 'done' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(gw.resolveBoard(config)).rejects.toMatchObject({ code: 'option-not-found' });
    expect(boardCalls()).toBe(2);
  });

  it('content that does not exist › not_found, and nothing is set', async () => {
    const gw = gateway();
    const board = await gw.resolveBoard(config);
    await expect(gw.moveToColumn({ board, contentNodeId: 'bogus', column: 'planned' })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(projects.items(projectId)).toEqual([]);
  });
});
