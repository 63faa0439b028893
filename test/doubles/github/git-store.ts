import { createHash } from 'node:crypto';

/**
 * Git's object model for one repository, hashed the way git hashes (so identical content gets identical ids):
 * blobs, nested trees, commits with parents. Paths in the flat views are "a/b/c.yaml".
 */
export interface TreeEntry {
  mode: string;
  type: 'blob' | 'tree';
  sha: string;
}

export interface CommitObject {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: { name: string; email: string; date: string };
}

export type FlatTree = Map<string, { sha: string; mode: string }>;

export interface FileChange {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed';
  previous_filename?: string;
  sha: string;
  additions: number;
  deletions: number;
}

function hashObject(type: string, body: Buffer): string {
  return createHash('sha1').update(`${type} ${body.length}\0`).update(body).digest('hex');
}

function lines(text: string): string[] {
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

export class GitStore {
  readonly blobs = new Map<string, Buffer>();
  readonly trees = new Map<string, Map<string, TreeEntry>>();
  readonly commits = new Map<string, CommitObject>();

  putBlob(content: string | Buffer): string {
    const body = Buffer.from(content);
    const sha = hashObject('blob', body);
    this.blobs.set(sha, body);
    return sha;
  }

  /** Builds (and stores) the nested trees for a flat path → blob map; returns the root tree id. */
  putFlatTree(flat: FlatTree): string {
    const root = new Map<string, FlatTree | { sha: string; mode: string }>();
    for (const [path, blob] of flat) {
      const slash = path.indexOf('/');
      if (slash === -1) {
        root.set(path, blob);
        continue;
      }
      const dir = path.slice(0, slash);
      let sub = root.get(dir);
      if (!(sub instanceof Map)) {
        sub = new Map();
        root.set(dir, sub);
      }
      sub.set(path.slice(slash + 1), blob);
    }
    const entries = new Map<string, TreeEntry>();
    for (const [name, value] of root) {
      entries.set(
        name,
        value instanceof Map
          ? { mode: '040000', type: 'tree', sha: this.putFlatTree(value) }
          : { mode: value.mode, type: 'blob', sha: value.sha },
      );
    }
    // git orders tree entries by name, a directory sorting as if its name ended in "/"
    const key = (name: string, e: TreeEntry): string => (e.type === 'tree' ? `${name}/` : name);
    const sorted = [...entries].sort(([a, ea], [b, eb]) => (key(a, ea) < key(b, eb) ? -1 : 1));
    const body = Buffer.concat(
      sorted.map(([name, e]) =>
        Buffer.concat([Buffer.from(`${e.mode.replace(/^0/, '')} ${name}\0`), Buffer.from(e.sha, 'hex')]),
      ),
    );
    const sha = hashObject('tree', body);
    this.trees.set(sha, new Map(sorted));
    return sha;
  }

  flatten(treeSha: string, prefix = ''): FlatTree {
    const tree = this.trees.get(treeSha);
    if (tree === undefined) throw new Error(`no tree ${treeSha}`);
    const out: FlatTree = new Map();
    for (const [name, entry] of tree) {
      if (entry.type === 'tree') for (const [p, v] of this.flatten(entry.sha, `${prefix}${name}/`)) out.set(p, v);
      else out.set(`${prefix}${name}`, { sha: entry.sha, mode: entry.mode });
    }
    return out;
  }

  putCommit(input: { tree: string; parents: string[]; message: string; author?: CommitObject['author'] }): string {
    const author = input.author ?? { name: 'Test', email: 'test@example.com', date: new Date().toISOString() };
    const seconds = Math.floor(Date.parse(author.date) / 1000);
    const person = `${author.name} <${author.email}> ${seconds} +0000`;
    const text = [
      `tree ${input.tree}`,
      ...input.parents.map((p) => `parent ${p}`),
      `author ${person}`,
      `committer ${person}`,
      '',
      input.message,
    ].join('\n');
    const sha = hashObject('commit', Buffer.from(text));
    this.commits.set(sha, { sha, tree: input.tree, parents: input.parents, message: input.message, author });
    return sha;
  }

  filesAt(commitSha: string): FlatTree {
    const commit = this.commits.get(commitSha);
    if (commit === undefined) throw new Error(`no commit ${commitSha}`);
    return this.flatten(commit.tree);
  }

  ancestors(sha: string): string[] {
    const seen = new Set<string>();
    const queue = [sha];
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...(this.commits.get(next)?.parents ?? []));
    }
    return [...seen];
  }

  isAncestor(maybeAncestor: string, of: string): boolean {
    return this.ancestors(of).includes(maybeAncestor);
  }

  mergeBase(a: string, b: string): string | undefined {
    const ofA = new Set(this.ancestors(a));
    return this.ancestors(b).find((sha) => ofA.has(sha));
  }

  /** What changed from one tree to another, pairing a removed and an added file with equal content as a rename. */
  diff(fromTree: string, toTree: string): FileChange[] {
    const from = this.flatten(fromTree);
    const to = this.flatten(toTree);
    const text = (sha: string): string[] => lines(this.blobs.get(sha)?.toString('utf8') ?? '');
    const counted = (status: FileChange['status'], filename: string, sha: string, before?: string): FileChange => {
      const old = before === undefined ? [] : text(before);
      const now = status === 'removed' ? [] : text(sha);
      return {
        filename,
        status,
        sha,
        additions: now.filter((l) => !old.includes(l)).length,
        deletions: old.filter((l) => !now.includes(l)).length,
      };
    };
    const changes: FileChange[] = [];
    const removed = [...from].filter(([path]) => !to.has(path));
    for (const [path, blob] of to) {
      const was = from.get(path);
      if (was === undefined) {
        const source = removed.findIndex(([, r]) => r.sha === blob.sha);
        if (source === -1) changes.push(counted('added', path, blob.sha));
        else {
          const [oldPath] = removed.splice(source, 1)[0]!;
          changes.push({ ...counted('renamed', path, blob.sha, blob.sha), previous_filename: oldPath });
        }
      } else if (was.sha !== blob.sha) changes.push(counted('modified', path, blob.sha, was.sha));
    }
    for (const [path, blob] of removed) changes.push({ ...counted('removed', path, blob.sha, blob.sha) });
    return changes.sort((a, b) => (a.filename < b.filename ? -1 : 1));
  }
}
