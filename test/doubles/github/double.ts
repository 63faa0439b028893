import type { WorkflowRunner, WorkflowRunRecord } from './actions-state.js';
import { repoKey, type Actor, type FaultRule, type Permission, type RequestRecord } from './model.js';
import { checkRunJson, commentJson, installationJson, issueJson, pullJson, repoJson } from './serialize.js';
import type { GitHubState, GraphqlHandler } from './state.js';
import * as verbs from './verbs.js';

const PERSON: Actor = { login: 'octocat', type: 'User' };

/** What tests hold: the state-changing verbs, inspection of what the app did, fault injection, payload builders. */
export class GitHubDouble {
  constructor(
    readonly state: GitHubState,
    /** "http://127.0.0.1:<port>": REST under /api/v3, GraphQL at /api/graphql */
    readonly url: string,
    /** "127.0.0.1:<port>", for GHE_HOST */
    readonly host: string,
    readonly close: () => Promise<void>,
  ) {}

  addRepo(input: verbs.AddRepoInput): string {
    return verbs.addRepo(this.state, input);
  }

  /** Commits on `branch` (created from the default branch when missing); `null` deletes a file. */
  commit(
    owner: string,
    repo: string,
    branch: string,
    files: Record<string, string | Buffer | null>,
    message = 'Update files',
  ): string {
    return verbs.commitFiles(this.state, { owner, repo, branch, files, message });
  }

  setBranch(owner: string, repo: string, branch: string, sha: string): void {
    this.state.repo(owner, repo).refs.set(`refs/heads/${branch}`, sha);
  }

  openPull(input: Omit<verbs.OpenPullInput, 'user'> & { user?: Actor }): number {
    return verbs.openPull(this.state, { ...input, user: input.user ?? PERSON });
  }

  mergePull(input: { owner: string; repo: string; number: number; method?: 'merge' | 'squash' }): string {
    return verbs.mergePull(this.state, input);
  }

  closePull(owner: string, repo: string, number: number): void {
    const record = this.state.repo(owner, repo);
    const pull = this.state.pull(record, number);
    const shas = this.state.pullShas(record, pull);
    Object.assign(pull.pull, { closedHeadSha: shas.head, closedBaseSha: shas.base });
    pull.state = 'closed';
  }

  openIssue(input: { owner: string; repo: string; title: string; body?: string; user?: Actor }): number {
    const record = this.state.repo(input.owner, input.repo);
    const number = record.nextNumber++;
    this.state.issues.get(repoKey(input.owner, input.repo))!.set(number, {
      number,
      title: input.title,
      body: input.body ?? '',
      user: input.user ?? PERSON,
      state: 'open',
      labels: [],
      createdAt: this.state.now(),
    });
    return number;
  }

  /** A comment written by a person (or another bot): what a slash command looks like before its webhook. */
  addComment(input: { owner: string; repo: string; issue_number: number; body: string; user?: Actor }): number {
    const record = this.state.repo(input.owner, input.repo);
    this.state.issue(record, input.issue_number);
    const now = this.state.now();
    const id = this.state.nextId();
    const user = input.user ?? PERSON;
    this.state.commentRecords.set(id, {
      id,
      repoKey: repoKey(input.owner, input.repo),
      issueNumber: input.issue_number,
      body: input.body,
      user,
      createdAt: now,
      updatedAt: now,
    });
    return id;
  }

  /** As if a person deleted the comment in the UI. */
  deleteComment(id: number): void {
    this.state.commentRecords.delete(id);
  }

  addCollaborator(owner: string, repo: string, login: string, permission: Permission): void {
    this.state.repo(owner, repo).collaborators.set(login, permission);
  }

  setInstallation(
    owner: string,
    repo: string,
    installationId: number,
    account: Actor = { login: owner, type: 'Organization' },
  ): void {
    if (!this.state.installations.has(installationId))
      this.state.installations.set(installationId, { id: installationId, account });
    this.state.repo(owner, repo).installationId = installationId;
  }

  /** What each dispatched workflow run does (null: runs stay queued, as when no runner picks them up). */
  setWorkflowRunner(runner: WorkflowRunner | null): void {
    this.state.actions.runner = runner;
  }

  /** false: refuse `return_run_details` on dispatch (422), as GitHub Enterprise Server releases before it do. */
  setReturnRunDetails(supported: boolean): void {
    this.state.actions.returnRunDetails = supported;
  }

  workflowRuns(owner: string, repo: string): WorkflowRunRecord[] {
    return [...this.state.actions.runs.values()].filter((r) => r.repoKey === repoKey(owner, repo));
  }

  /** Marks an artifact expired (downloads then answer 410), as retention does. */
  expireArtifacts(runId: number): void {
    for (const artifact of this.state.actions.runs.get(runId)?.artifacts ?? []) artifact.expired = true;
  }

  setGraphqlHandler(handler: GraphqlHandler | null): void {
    this.state.graphqlHandler = handler;
  }

  /** The next `times` (default 1) matching requests fail with `status`; 403 and 429 look like rate limits. */
  failNext(rule: FaultRule): void {
    this.state.addFault(rule);
  }

  get requests(): RequestRecord[] {
    return [...this.state.requestLog];
  }

  clearRequests(): void {
    this.state.requestLog.length = 0;
  }

  countRequests(method: string, pathPattern: RegExp | string): number {
    return this.state.requestLog.filter(
      (r) =>
        r.method === method &&
        (typeof pathPattern === 'string' ? r.path.includes(pathPattern) : pathPattern.test(r.path)),
    ).length;
  }

  comments(owner: string, repo: string, issue: number): Array<{ id: number; body: string; user: Actor }> {
    return [...this.state.commentRecords.values()]
      .filter((c) => c.repoKey === repoKey(owner, repo) && c.issueNumber === issue)
      .map((c) => ({ id: c.id, body: c.body, user: c.user }));
  }

  checkRuns(owner: string, repo: string, sha?: string) {
    return [...this.state.checkRunRecords.values()].filter(
      (r) => r.repoKey === repoKey(owner, repo) && (sha === undefined || r.headSha === sha),
    );
  }

  statuses(owner: string, repo: string, sha?: string) {
    return this.state.statusRecords.filter(
      (s) => s.repoKey === repoKey(owner, repo) && (sha === undefined || s.sha === sha),
    );
  }

  reactions(owner: string, repo: string, commentId: number): Array<{ content: string; user: Actor }> {
    const comment = this.state.commentRecords.get(commentId);
    if (comment !== undefined && comment.repoKey !== repoKey(owner, repo)) return [];
    return this.state.reactionRecords
      .filter((r) => r.commentId === commentId)
      .map((r) => ({ content: r.content, user: r.user }));
  }

  branches(owner: string, repo: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [ref, sha] of this.state.repo(owner, repo).refs)
      if (ref.startsWith('refs/heads/')) out[ref.slice(11)] = sha;
    return out;
  }

  pulls(owner: string, repo: string) {
    const record = this.state.repo(owner, repo);
    return [...this.state.issues.get(repoKey(owner, repo))!.values()]
      .filter((i) => i.pull !== undefined)
      .map((i) => {
        const shas = this.state.pullShas(record, i);
        const { head, base, draft, merged, mergeCommitSha } = i.pull!;
        return {
          number: i.number,
          title: i.title,
          body: i.body,
          state: i.state,
          head,
          base,
          draft,
          merged,
          mergeCommitSha,
          headSha: shas.head,
          baseSha: shas.base,
        };
      });
  }

  /** A file's content at a branch or commit, or null when absent. */
  readFile(owner: string, repo: string, ref: string, path: string): string | null {
    const record = this.state.repo(owner, repo);
    const blob = record.git.filesAt(this.state.resolveCommit(record, ref)).get(path);
    return blob === undefined ? null : record.git.blobs.get(blob.sha)!.toString('utf8');
  }

  commitOf(owner: string, repo: string, sha: string) {
    return this.state.repo(owner, repo).git.commits.get(sha);
  }

  // REST representations consistent with the state, for building webhook payloads
  repoPayload(owner: string, repo: string) {
    return repoJson(this.state, this.state.repo(owner, repo));
  }
  pullPayload(owner: string, repo: string, number: number) {
    const record = this.state.repo(owner, repo);
    return pullJson(this.state, record, this.state.pull(record, number));
  }
  issuePayload(owner: string, repo: string, number: number) {
    const record = this.state.repo(owner, repo);
    return issueJson(this.state, record, this.state.issue(record, number));
  }
  commentPayload(id: number) {
    return commentJson(this.state, this.state.commentRecords.get(id)!);
  }
  checkRunPayload(id: number) {
    return checkRunJson(this.state, this.state.checkRunRecords.get(id)!);
  }
  installationPayload(installationId: number) {
    return installationJson(this.state, installationId);
  }
}
