import { HttpError } from '../model.js';
import type { Router } from '../router.js';
import type { GitHubState } from '../state.js';

/** Files attached to issues, per double: `<id>/<name>` → content. */
const stores = new WeakMap<GitHubState, Map<string, Buffer>>();
const storeOf = (state: GitHubState): Map<string, Buffer> => {
  let store = stores.get(state);
  if (!store) stores.set(state, (store = new Map()));
  return store;
};

/**
 * Issue attachments on the web host, as GitHub serves them to a signed-in reader: `/user-attachments/files/<id>/<name>`
 * and the older `/<owner>/<repo>/files/<id>/<name>`. A token is needed (a private repository's attachments are not
 * public); an installation token only sees its own repositories' files.
 */
export function attachmentRoutes(router: Router, state: GitHubState): void {
  const serve = (id: string, name: string) => {
    const content = storeOf(state).get(`${id}/${name}`);
    if (content === undefined) throw new HttpError(404, 'Not Found');
    return { raw: content, contentType: 'text/csv; charset=utf-8' };
  };
  router.add('GET', '/user-attachments/files/:id/:name', (req) => serve(req.params.id!, req.params.name!));
  router.add('GET', '/:owner/:repo/files/:id/:name', (req) => {
    state.repo(req.params.owner!, req.params.repo!);
    return serve(req.params.id!, req.params.name!);
  });
}

/** Attaches a file (as a person dropping it into an issue would); returns the URL GitHub puts in the issue body. */
export function addAttachment(
  double: { state: GitHubState; url: string },
  input: { name: string; content: string | Buffer; owner?: string; repo?: string },
): string {
  const id = String(double.state.nextId());
  storeOf(double.state).set(`${id}/${input.name}`, Buffer.from(input.content));
  const where = input.owner && input.repo ? `${input.owner}/${input.repo}` : 'user-attachments';
  return `${double.url}/${where}/files/${id}/${encodeURIComponent(input.name)}`;
}
