import { HttpError, notFound } from '../model.js';
import type { Router } from '../router.js';
import { installationJson, repoJson } from '../serialize.js';
import type { GitHubState } from '../state.js';

/** Meta, the app itself, its installations and installation access tokens (app JWT only). */
export function appRoutes(router: Router, state: GitHubState): void {
  const meta = () => ({
    json: { current_user_url: `${state.url}/api/v3/user`, repository_url: `${state.url}/api/v3/repos/{owner}/{repo}` },
  });
  router.add('GET', '/api/v3', meta, 'none');
  router.add('GET', '/api/v3/', meta, 'none');
  router.add(
    'GET',
    '/api/v3/meta',
    () => ({ json: { installed_version: '3.16.0', verifiable_password_authentication: false } }),
    'none',
  );

  router.add(
    'GET',
    '/api/v3/app',
    () => ({
      json: {
        id: state.app.id,
        slug: state.app.slug,
        name: state.app.name,
        owner: { login: 'infra-bot-owner', type: 'Organization' },
        permissions: installationJson(state, 0).permissions,
        events: ['pull_request', 'issue_comment', 'push', 'check_suite'],
      },
    }),
    'app',
  );
  router.add(
    'GET',
    '/api/v3/app/installations',
    () => ({ json: [...state.installations.keys()].map((id) => installationJson(state, id)) }),
    'app',
  );
  router.add(
    'GET',
    '/api/v3/app/installations/:id',
    (req) => {
      const id = Number(req.params.id);
      if (!state.installations.has(id)) throw notFound();
      return { json: installationJson(state, id) };
    },
    'app',
  );
  router.add(
    'POST',
    '/api/v3/app/installations/:id/access_tokens',
    (req) => {
      const id = Number(req.params.id);
      if (!state.installations.has(id)) throw notFound();
      const { token, expiresAt } = state.issueToken(id);
      return {
        status: 201,
        json: {
          token,
          expires_at: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          permissions: installationJson(state, id).permissions,
          repository_selection: 'selected',
        },
      };
    },
    'app',
  );
  router.add(
    'GET',
    '/api/v3/repos/:owner/:repo/installation',
    (req) => ({ json: installationJson(state, state.repo(req.params.owner!, req.params.repo!).installationId) }),
    'app',
  );
  // Webhook deliveries of the App and redelivery (`apps.listWebhookDeliveries`, `apps.redeliverWebhookDelivery`).
  router.add('GET', '/api/v3/app/hook/deliveries', () => ({ json: [...state.hookDeliveries].reverse() }), 'app');
  router.add(
    'POST',
    '/api/v3/app/hook/deliveries/:id/attempts',
    (req) => {
      const id = Number(req.params.id);
      if (!state.hookDeliveries.some((delivery) => delivery.id === id)) throw notFound();
      state.redeliveries.push(id);
      return { status: 202, json: {} };
    },
    'app',
  );
  // The repositories an installation token can see (`apps.listReposAccessibleToInstallation`).
  router.add('GET', '/api/v3/installation/repositories', (req) => {
    const id = req.caller.kind === 'installation' ? req.caller.installationId : null;
    const repositories = [...state.repos.values()]
      .filter((repo) => id === null || repo.installationId === id)
      .map((repo) => repoJson(state, repo));
    return { json: { total_count: repositories.length, repositories } };
  });
  for (const kind of ['orgs', 'users']) {
    router.add(
      'GET',
      `/api/v3/${kind}/:login/installation`,
      (req) => {
        const found = [...state.installations.values()].find(
          (i) => i.account.login.toLowerCase() === req.params.login!.toLowerCase(),
        );
        if (found === undefined) throw new HttpError(404, 'Not Found');
        return { json: installationJson(state, found.id) };
      },
      'app',
    );
  }
}
