import { validationFailed } from '../model.js';
import { bodyObject, type Router } from '../router.js';
import type { GitHubState } from '../state.js';

/**
 * POST /api/graphql answered by the test's handler (`setGraphqlHandler`); it returns the whole response body
 * (`{ data }` or `{ data, errors }`) or undefined. Unknown queries get GitHub's shape: 200 with `errors`.
 */
export function graphqlRoutes(router: Router, state: GitHubState): void {
  router.add('POST', '/api/graphql', async (req) => {
    const { query, variables } = bodyObject(req);
    if (typeof query !== 'string')
      throw validationFailed({ resource: 'GraphQL', code: 'missing_field', field: 'query' });
    const caller = req.caller;
    const installationId = caller.kind === 'installation' ? caller.installationId : null;
    const vars = (variables ?? {}) as Record<string, unknown>;
    const answer =
      state.graphqlHandler === null
        ? undefined
        : await state.graphqlHandler({ query, variables: vars, installationId });
    if (answer !== undefined) return { json: answer };
    const operation = /^\s*(query|mutation)?\s*(\w+)?/.exec(query)?.[2] ?? 'anonymous';
    return {
      json: {
        data: null,
        errors: [{ type: 'NOT_SUPPORTED', message: `The GitHub double has no handler for the ${operation} operation` }],
      },
    };
  });
}
