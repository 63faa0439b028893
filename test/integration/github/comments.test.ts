import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  addReaction,
  markerLine,
  MAX_COMMENT_LENGTH,
  reply,
  upsertMarkedComments,
} from '../../../src/github/comments.js';
import { startGitHubDouble, type GitHubDouble } from '../../doubles/github/server.js';
import { testOctokit } from '../../doubles/github/test-octokit.js';

let double: GitHubDouble;
let pr: number;
beforeAll(async () => {
  double = await startGitHubDouble();
  double.addRepo({ owner: 'acme', repo: 'infra', files: { 'README.md': 'x' } });
});
afterAll(async () => {
  await double.close();
});

function freshPull(): number {
  const branch = `feature-${Math.random().toString(16).slice(2)}`;
  double.commit('acme', 'infra', branch, { [`infra-specs/${branch}.yaml`]: 'x' });
  return double.openPull({ owner: 'acme', repo: 'infra', head: branch, title: 'Add spec' });
}

const bodies = (issue: number) =>
  double.comments('acme', 'infra', issue).map((c) => c.body.split('\n').slice(1).join('\n'));
const upsert = (issue: number, parts: string[], knownIds?: number[]) =>
  upsertMarkedComments(testOctokit(double), {
    owner: 'acme',
    repo: 'infra',
    issue_number: issue,
    marker: 'plan',
    parts,
    ...(knownIds ? { knownIds } : {}),
  });

describe('upsertMarkedComments', () => {
  it('first time › creates one comment per part, each carrying the hidden marker', async () => {
    pr = freshPull();
    const ids = await upsert(pr, ['summary', 'stack a', 'stack b']);
    expect(ids).toHaveLength(3);
    expect(double.comments('acme', 'infra', pr).map((c) => c.body)).toEqual([
      `${markerLine('plan', 0)}\nsummary`,
      `${markerLine('plan', 1)}\nstack a`,
      `${markerLine('plan', 2)}\nstack b`,
    ]);
  });

  it('known ids › edits the comments in place (same ids, no new comments)', async () => {
    const ids = await upsert(pr, ['summary v1', 'stack a v1', 'stack b v1']);
    double.clearRequests();
    const again = await upsert(pr, ['summary v2', 'stack a v2', 'stack b v2'], ids);
    expect(again).toEqual(ids);
    expect(bodies(pr)).toEqual(['summary v2', 'stack a v2', 'stack b v2']);
    // one listing (ids kept in the store can be stale), then edits only
    expect(double.requests.map((r) => r.method)).toEqual(['GET', 'PATCH', 'PATCH', 'PATCH']);
  });

  it('shrinking from 5 parts to 2 › edits the first two in place and deletes the other three', async () => {
    const issue = freshPull();
    const ids = await upsert(issue, ['1', '2', '3', '4', '5']);
    const after = await upsert(issue, ['one', 'two'], ids);
    expect(after).toEqual(ids.slice(0, 2));
    expect(bodies(issue)).toEqual(['one', 'two']);
    expect(double.comments('acme', 'infra', issue).map((c) => c.id)).toEqual(ids.slice(0, 2));
  });

  it('stale known ids (the store lost a run) › parts posted since are found by marker and deleted, not duplicated', async () => {
    const issue = freshPull();
    const old = await upsert(issue, ['1', '2']);
    await upsert(issue, ['1', '2', '3', '4']); // a run whose ids never reached the store
    const after = await upsert(issue, ['one', 'two', 'three'], old);
    expect(bodies(issue)).toEqual(['one', 'two', 'three']);
    expect(after.slice(0, 2)).toEqual(old);
  });

  it('a middle part deleted by a person › the parts still read in order (later comments take the next parts)', async () => {
    const issue = freshPull();
    const ids = await upsert(issue, ['one', 'two', 'three']);
    double.deleteComment(ids[1]!);
    const after = await upsert(issue, ['one v2', 'two v2', 'three v2'], ids);
    expect(bodies(issue)).toEqual(['one v2', 'two v2', 'three v2']);
    expect(after.slice(0, 2)).toEqual([ids[0], ids[2]]);
    const shown = double.comments('acme', 'infra', issue).map((c) => c.id);
    expect(shown).toEqual([...shown].sort((a, b) => a - b));
  });

  it('a part that fails to post › the upsert fails naming that part; the next upsert completes the series', async () => {
    const issue = freshPull();
    double.failNext({ method: 'POST', pathPattern: `/issues/${issue}/comments`, status: 500, times: 4 });
    await expect(upsert(issue, ['one', 'two'])).rejects.toMatchObject({
      status: 500,
      message: expect.stringContaining('create comment part 1 of 2'),
    });
    expect(bodies(issue)).toEqual([]);
    const ids = await upsert(issue, ['one', 'two']);
    expect(ids).toHaveLength(2);
    expect(bodies(issue)).toEqual(['one', 'two']);
  });

  it('shrinking from 3 parts to 1 › keeps the first and deletes the surplus', async () => {
    const issue = freshPull();
    const ids = await upsert(issue, ['one', 'two', 'three']);
    const after = await upsert(issue, ['only'], ids);
    expect(after).toEqual([ids[0]]);
    expect(bodies(issue)).toEqual(['only']);
  });

  it('a part deleted by a person › is created again', async () => {
    const issue = freshPull();
    const ids = await upsert(issue, ['one', 'two']);
    double.deleteComment(ids[1]!);
    const after = await upsert(issue, ['one v2', 'two v2'], ids);
    expect(after[0]).toBe(ids[0]);
    expect(after[1]).not.toBe(ids[1]);
    expect(after[1]!).toBeGreaterThan(ids[0]!);
    expect(bodies(issue)).toEqual(['one v2', 'two v2']);
  });

  it('no known ids (lost after a crash) › finds the series by its marker instead of duplicating it', async () => {
    const issue = freshPull();
    const ids = await upsert(issue, ['one', 'two']);
    // a person quoting the marker must not be mistaken for the bot's comment
    double.addComment({
      owner: 'acme',
      repo: 'infra',
      issue_number: issue,
      body: `${markerLine('plan', 0)}\nquoted`,
      user: { login: 'mallory', type: 'User' },
    });
    const again = await upsert(issue, ['one v2', 'two v2']);
    expect(again).toEqual(ids);
    expect(bodies(issue)).toEqual(['one v2', 'two v2', 'quoted']);
  });

  it('a part over GitHub’s limit › fails before anything is sent', async () => {
    const issue = freshPull();
    double.clearRequests();
    await expect(upsert(issue, ['x'.repeat(MAX_COMMENT_LENGTH)], [])).rejects.toMatchObject({
      code: 'comment_too_long',
    });
    expect(double.requests).toEqual([]);
  });

  it('an edit that fails for another reason than 404 › is not mistaken for a deleted comment', async () => {
    const issue = freshPull();
    const ids = await upsert(issue, ['one']);
    double.failNext({ method: 'PATCH', pathPattern: `/issues/comments/${ids[0]}`, status: 500, times: 4 });
    await expect(upsert(issue, ['one v2'], ids)).rejects.toMatchObject({ code: 'server_error', status: 500 });
    expect(double.comments('acme', 'infra', issue)).toHaveLength(1);
  });
});

describe('reply and addReaction', () => {
  it('reply › posts a new comment and returns its id', async () => {
    const issue = double.openIssue({ owner: 'acme', repo: 'infra', title: 'Need a bucket' });
    const id = await reply(testOctokit(double), {
      owner: 'acme',
      repo: 'infra',
      issue_number: issue,
      body: 'Usage: /infra new …',
    });
    expect(double.comments('acme', 'infra', issue)).toEqual([
      { id, body: 'Usage: /infra new …', user: { login: 'infra-bot[bot]', type: 'Bot' } },
    ]);
  });

  it('addReaction › reacts once even when asked twice', async () => {
    const issue = double.openIssue({ owner: 'acme', repo: 'infra', title: 'Command' });
    const comment = double.addComment({ owner: 'acme', repo: 'infra', issue_number: issue, body: '/infra whoami' });
    await addReaction(testOctokit(double), { owner: 'acme', repo: 'infra', comment_id: comment, content: 'eyes' });
    await addReaction(testOctokit(double), { owner: 'acme', repo: 'infra', comment_id: comment, content: 'eyes' });
    await addReaction(testOctokit(double), { owner: 'acme', repo: 'infra', comment_id: comment, content: 'rocket' });
    expect(double.reactions('acme', 'infra', comment).map((r) => r.content)).toEqual(['eyes', 'rocket']);
  });
});
