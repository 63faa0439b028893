import { randomBytes } from 'node:crypto';
import { ActionsState } from './actions-state.js';
import { GitStore } from './git-store.js';
import {
  HttpError,
  notFound,
  repoKey,
  type Actor,
  type CheckRunRecord,
  type CommentRecord,
  type FaultRule,
  type InstallationRecord,
  type IssueRecord,
  type ReactionRecord,
  type RepoRecord,
  type RequestRecord,
  type StatusRecord,
} from './model.js';

export type GraphqlHandler = (input: {
  query: string;
  variables: Record<string, unknown>;
  installationId: number | null;
}) => unknown;

/** Everything the double knows, plus the low-level lookups the routes share. Test-facing verbs live in double.ts. */
export class GitHubState {
  url = '';
  readonly app = { id: 1, slug: 'infra-bot', name: 'infra-bot' };
  /** When set, app JWTs must be RS256-signed with this key (the public half of the app's private key). */
  appPublicKey: string | null = null;
  readonly repos = new Map<string, RepoRecord>();
  readonly installations = new Map<number, InstallationRecord>();
  readonly issues = new Map<string, Map<number, IssueRecord>>();
  readonly commentRecords = new Map<number, CommentRecord>();
  readonly reactionRecords: ReactionRecord[] = [];
  readonly checkRunRecords = new Map<number, CheckRunRecord>();
  readonly statusRecords: StatusRecord[] = [];
  readonly requestLog: RequestRecord[] = [];
  readonly faults: Array<FaultRule & { remaining: number }> = [];
  /** token → installation it was issued for (null: a static test token that sees every repository) */
  readonly tokens = new Map<string, { installationId: number | null; expiresAt: number }>();
  readonly downloads = new Map<string, { repoKey: string; sha: string; expiresAt: number }>();
  graphqlHandler: GraphqlHandler | null = null;
  /** The App's webhook deliveries (`GET /app/hook/deliveries`) and the redeliveries asked for. */
  readonly hookDeliveries: Array<{
    id: number;
    guid: string;
    status: string;
    status_code: number;
    event: string;
    action: string | null;
    delivered_at: string;
    redelivery: boolean;
  }> = [];
  readonly redeliveries: number[] = [];
  /** Workflow runs, artifacts and the test's hook that plays the runner. */
  readonly actions = new ActionsState();
  private lastId = 1000;

  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  now(): string {
    return new Date().toISOString();
  }

  bot(): Actor {
    return { login: `${this.app.slug}[bot]`, type: 'Bot' };
  }

  issueToken(installationId: number | null, ttlMs = 3_600_000): { token: string; expiresAt: number } {
    const token = `ghs_${randomBytes(18).toString('base64url')}`;
    const expiresAt = Date.now() + ttlMs;
    this.tokens.set(token, { installationId, expiresAt });
    return { token, expiresAt };
  }

  newRepo(input: {
    owner: string;
    repo: string;
    defaultBranch: string;
    installationId: number;
    private: boolean;
  }): RepoRecord {
    const record: RepoRecord = {
      id: this.nextId(),
      owner: input.owner,
      name: input.repo,
      defaultBranch: input.defaultBranch,
      installationId: input.installationId,
      private: input.private,
      git: new GitStore(),
      refs: new Map(),
      collaborators: new Map(),
      nextNumber: 1,
    };
    this.repos.set(repoKey(input.owner, input.repo), record);
    this.issues.set(repoKey(input.owner, input.repo), new Map());
    if (!this.installations.has(input.installationId)) {
      this.installations.set(input.installationId, {
        id: input.installationId,
        account: { login: input.owner, type: 'Organization' },
      });
    }
    return record;
  }

  repo(owner: string, repo: string): RepoRecord {
    const record = this.repos.get(repoKey(owner, repo));
    if (record === undefined) throw notFound();
    return record;
  }

  branchSha(repo: RepoRecord, branch: string): string | undefined {
    return repo.refs.get(`refs/heads/${branch}`);
  }

  /** A branch, "heads/x", "refs/heads/x", a tag ref or a (possibly abbreviated) commit id; default branch when absent. */
  resolveCommit(repo: RepoRecord, ref: string | undefined): string {
    const name = ref === undefined || ref === '' ? repo.defaultBranch : ref;
    const viaRef =
      repo.refs.get(name) ??
      repo.refs.get(`refs/${name}`) ??
      repo.refs.get(`refs/heads/${name}`) ??
      repo.refs.get(`refs/tags/${name}`);
    if (viaRef !== undefined) return viaRef;
    if (/^[0-9a-f]{7,40}$/.test(name)) {
      const matches = [...repo.git.commits.keys()].filter((sha) => sha.startsWith(name));
      if (matches.length === 1) return matches[0]!;
    }
    throw new HttpError(404, `No commit found for the ref ${name}`);
  }

  issue(repo: RepoRecord, number: number): IssueRecord {
    const issue = this.issues.get(repoKey(repo.owner, repo.name))?.get(number);
    if (issue === undefined) throw notFound();
    return issue;
  }

  pull(repo: RepoRecord, number: number): IssueRecord & { pull: NonNullable<IssueRecord['pull']> } {
    const issue = this.issue(repo, number);
    if (issue.pull === undefined) throw notFound();
    return issue as IssueRecord & { pull: NonNullable<IssueRecord['pull']> };
  }

  pullShas(repo: RepoRecord, issue: IssueRecord): { head: string; base: string } {
    const pull = issue.pull!;
    return {
      head: pull.closedHeadSha ?? this.branchSha(repo, pull.head) ?? '0'.repeat(40),
      base: pull.closedBaseSha ?? this.branchSha(repo, pull.base) ?? '0'.repeat(40),
    };
  }

  /** Records a fault rule; the server consults it before routing. */
  addFault(rule: FaultRule): void {
    this.faults.push({ ...rule, remaining: rule.times ?? 1 });
  }

  takeFault(method: string, path: string): FaultRule | undefined {
    const index = this.faults.findIndex(
      (f) =>
        f.remaining > 0 &&
        (f.method === undefined || f.method.toUpperCase() === method) &&
        (typeof f.pathPattern === 'string' ? path.includes(f.pathPattern) : f.pathPattern.test(path)),
    );
    if (index === -1) return undefined;
    const fault = this.faults[index]!;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.faults.splice(index, 1);
    return fault;
  }
}
