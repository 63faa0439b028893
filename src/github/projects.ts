// The org's Projects (v2) board: find the project, its Status field and the option ids by name (once per process,
// for a while), then move a PR's card with the two mutations GitHub requires: add the item, then set the field
// (https://docs.github.com/en/issues/planning-and-tracking-with-projects/automating-your-project/using-the-api-to-manage-projects).
// A missing project/field/option or permission is a ProjectsError (a configuration problem: report it, do not retry);
// anything else is a GitHubGatewayError (retryable by the job queue). Secondary rate limits are retried by the
// Octokit class (src/github/octokit.ts) before they reach here.
import { GitHubGatewayError, toGatewayError } from './errors.js';
import type { GitHubClient } from './octokit.js';

export type Column = 'planned' | 'applying' | 'done' | 'notApplied';
const COLUMNS: readonly Column[] = ['planned', 'applying', 'done', 'notApplied'];

/** The repo config's `project` section. */
export interface BoardConfig {
  org: string;
  number: number;
  statusField: string;
  /** `notApplied` falls back to the planned column's option. */
  columns: Record<Exclude<Column, 'notApplied'>, string> & { notApplied?: string | undefined };
}

const columnName = (config: BoardConfig, column: Column): string =>
  column === 'notApplied' ? (config.columns.notApplied ?? config.columns.planned) : config.columns[column];

export interface Board {
  projectId: string;
  fieldId: string;
  optionIds: Record<Column, string>;
}

export type ProjectsErrorCode = 'project-not-found' | 'field-not-found' | 'option-not-found' | 'forbidden';

export class ProjectsError extends Error {
  override readonly name = 'ProjectsError';
  constructor(
    readonly code: ProjectsErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Resolved boards by configuration, shared by every gateway of the process unless a test passes its own. */
export interface BoardCache {
  get(key: string): Board | undefined;
  set(key: string, board: Board): void;
  forgetProject(projectId: string): void;
}

export function createBoardCache(ttlMs = 10 * 60_000, now: () => number = Date.now): BoardCache {
  const entries = new Map<string, { board: Board; until: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined || entry.until <= now()) return undefined;
      return entry.board;
    },
    set: (key, board) => void entries.set(key, { board, until: now() + ttlMs }),
    forgetProject(projectId) {
      for (const [key, entry] of entries) if (entry.board.projectId === projectId) entries.delete(key);
    },
  };
}

const processCache = createBoardCache();

const BOARD_QUERY = `query InfraBotBoard($org: String!, $number: Int!) {
  organization(login: $org) {
    projectV2(number: $number) {
      id
      fields(first: 100) {
        nodes {
          ... on ProjectV2FieldCommon { id name }
          ... on ProjectV2SingleSelectField { options { id name } }
        }
      }
    }
  }
}`;

const ADD_ITEM = `mutation InfraBotAddItem($projectId: ID!, $contentId: ID!) {
  addProjectV2ItemById(input: { projectId: $projectId, contentId: $contentId }) { item { id } }
}`;

const SET_STATUS = `mutation InfraBotSetStatus($projectId: ID!, $itemId: ID!, $fieldId: ID!, $optionId: String!) {
  updateProjectV2ItemFieldValue(
    input: { projectId: $projectId, itemId: $itemId, fieldId: $fieldId, value: { singleSelectOptionId: $optionId } }
  ) { projectV2Item { id } }
}`;

interface FieldNode {
  id?: string;
  name?: string;
  options?: Array<{ id: string; name: string }>;
}
interface BoardData {
  organization: { projectV2: { id: string; fields: { nodes: Array<FieldNode | null> } } | null } | null;
}
interface GraphqlError {
  type?: string;
  message?: string;
  path?: Array<string | number>;
}

/** The `errors` of @octokit/graphql's GraphqlResponseError (GitHub answered 200 with errors); else undefined. */
function graphqlErrors(error: unknown): GraphqlError[] | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, errors } = error as { name?: unknown; errors?: unknown };
  return name === 'GraphqlResponseError' && Array.isArray(errors) ? (errors as GraphqlError[]) : undefined;
}

const PERMISSION_HINT = 'the GitHub App needs the organization permission "Projects: read and write"';
const USER_OWNED_HINT =
  'it must be an organization project the app is installed on (app tokens cannot see user-owned projects)';

/** Exact name first, then a unique case-insensitive match (option names are typed by people). */
function byName<T extends { name?: string }>(items: readonly T[], name: string): T | undefined {
  const exact = items.find((item) => item.name === name);
  if (exact !== undefined) return exact;
  const loose = items.filter((item) => item.name?.trim().toLowerCase() === name.trim().toLowerCase());
  return loose.length === 1 ? loose[0] : undefined;
}

function toBoard(config: BoardConfig, data: BoardData): Board {
  const where = `project ${config.org}#${config.number}`;
  const project = data.organization?.projectV2;
  if (!project) throw new ProjectsError('project-not-found', `${where} was not found; ${USER_OWNED_HINT}`);
  const fields = project.fields.nodes.filter((n): n is FieldNode => n !== null);
  const field = byName(fields, config.statusField);
  if (field?.id === undefined || field.options === undefined) {
    const problem = field === undefined ? 'has no field' : 'has a field that is not single-select:';
    throw new ProjectsError('field-not-found', `${where} ${problem} "${config.statusField}"`);
  }
  const optionIds = {} as Record<Column, string>;
  for (const column of COLUMNS) {
    const option = byName(field.options, columnName(config, column));
    if (option === undefined) {
      const known = field.options.map((o) => `"${o.name}"`).join(', ');
      throw new ProjectsError(
        'option-not-found',
        `${where}: field "${config.statusField}" has no option "${columnName(config, column)}" (columns.${column}); it has ${known || 'none'}`,
      );
    }
    optionIds[column] = option.id;
  }
  return { projectId: project.id, fieldId: field.id, optionIds };
}

export interface ProjectsGateway {
  /** The board's ids for this configuration; throws ProjectsError when the project, field or an option is missing. */
  resolveBoard(config: BoardConfig): Promise<Board>;
  /** Adds the PR (or issue) to the board (a no-op when already there) and sets its Status to the column. */
  moveToColumn(input: { board: Board; contentNodeId: string; column: Column }): Promise<{ itemId: string }>;
}

export function createProjectsGateway(octokit: GitHubClient, options: { cache?: BoardCache } = {}): ProjectsGateway {
  const cache = options.cache ?? processCache;

  async function run<T>(operation: string, query: string, variables: Record<string, unknown>): Promise<T> {
    try {
      return await octokit.graphql<T>(query, variables);
    } catch (error) {
      const errors = graphqlErrors(error);
      if (errors === undefined) throw toGatewayError(operation, error);
      const messages = errors.map((e) => e.message ?? e.type ?? 'error').join('; ');
      if (errors.some((e) => e.type === 'FORBIDDEN' || /not accessible by integration/i.test(e.message ?? '')))
        throw new ProjectsError('forbidden', `${operation}: ${PERMISSION_HINT} (${messages})`);
      const code = errors.some((e) => e.type === 'NOT_FOUND') ? 'not_found' : 'validation_failed';
      throw new GitHubGatewayError(code, operation, messages, { cause: error });
    }
  }

  return {
    async resolveBoard(config) {
      const key = [
        config.org.toLowerCase(),
        config.number,
        config.statusField,
        ...COLUMNS.map((c) => columnName(config, c)),
      ].join('\u0000');
      const cached = cache.get(key);
      if (cached !== undefined) return cached;
      const where = `project ${config.org}#${config.number}`;
      let data: BoardData;
      try {
        data = await run<BoardData>(`resolve ${where}`, BOARD_QUERY, { org: config.org, number: config.number });
      } catch (error) {
        if (!(error instanceof GitHubGatewayError && error.code === 'not_found')) throw error;
        const github = error.message.slice(error.operation.length + 2);
        throw new ProjectsError('project-not-found', `${where} was not found (GitHub: ${github}); ${USER_OWNED_HINT}`);
      }
      const board = toBoard(config, data);
      cache.set(key, board);
      return board;
    },

    async moveToColumn({ board, contentNodeId, column }) {
      try {
        const added = await run<{ addProjectV2ItemById: { item: { id: string } } }>(
          `add ${contentNodeId} to project ${board.projectId}`,
          ADD_ITEM,
          { projectId: board.projectId, contentId: contentNodeId },
        );
        const itemId = added.addProjectV2ItemById.item.id;
        await run(`move project item ${itemId} to "${column}"`, SET_STATUS, {
          projectId: board.projectId,
          itemId,
          fieldId: board.fieldId,
          optionId: board.optionIds[column],
        });
        return { itemId };
      } catch (error) {
        // the cached ids may be the cause (a renamed option, a deleted field): look them up again next time
        cache.forgetProject(board.projectId);
        throw error;
      }
    },
  };
}
