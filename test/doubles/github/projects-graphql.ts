// Projects (v2) in the GitHub double's GraphQL endpoint: `organization(login).projectV2(number)` with its fields,
// `addProjectV2ItemById` and `updateProjectV2ItemFieldValue`, answered the way GitHub answers (NOT_FOUND / FORBIDDEN
// errors next to partial data, the same item id when content is added twice). Install with `install(double)`.
import { createHash } from 'node:crypto';
import type { GitHubDouble } from './double.js';
import { HttpError } from './model.js';
import type { GraphqlHandler } from './state.js';

type Json = Record<string, unknown>;
export type ProjectsOperation = 'board' | 'addProjectV2ItemById' | 'updateProjectV2ItemFieldValue';

export interface ProjectsFault {
  operation: ProjectsOperation;
  /** `secondary-rate-limit`: HTTP 403 with retry-after; `server-error`: 502; `forbidden`: the app lacks the permission. */
  kind: 'secondary-rate-limit' | 'server-error' | 'forbidden';
  times?: number;
  retryAfter?: number;
}

interface Field {
  id: string;
  name: string;
  options?: Array<{ id: string; name: string }>;
}
interface Project {
  id: string;
  owner: string;
  ownerType: 'Organization' | 'User';
  number: number;
  title: string;
  fields: Field[];
}
interface Item {
  id: string;
  projectId: string;
  contentId: string;
  values: Map<string, string>;
}

export interface AddProjectInput {
  owner: string;
  /** Default Organization; a user-owned project is invisible through `organization(login:)`. */
  ownerType?: 'Organization' | 'User';
  number: number;
  title?: string;
  /** Single-select fields by name with their option names; default `{ Status: ['Backlog', 'In Progress', 'Done'] }`. */
  singleSelect?: Record<string, string[]>;
  /** Other (text, date…) field names. */
  otherFields?: string[];
}

const optionId = (seed: string): string => createHash('sha1').update(seed).digest('hex').slice(0, 8);
const NOT_FOUND = (path: string[], message: string): Json => ({ type: 'NOT_FOUND', path, locations: [], message });

/** `name: $var` or `name: "literal"` / `name: 7` in the query text, resolved against the variables. */
function argument(query: string, name: string, variables: Json): unknown {
  const match = new RegExp(`\\b${name}\\s*:\\s*(\\$\\w+|"[^"]*"|\\d+)`).exec(query);
  if (!match) return undefined;
  const raw = match[1]!;
  if (raw.startsWith('$')) return variables[raw.slice(1)];
  return raw.startsWith('"') ? raw.slice(1, -1) : Number(raw);
}

export class ProjectsGraphql {
  readonly projects: Project[] = [];
  readonly itemsById = new Map<string, Item>();
  readonly calls: Array<{ operation: ProjectsOperation; variables: Json }> = [];
  private readonly faults: Array<ProjectsFault & { remaining: number }> = [];
  private counter = 0;

  private next(prefix: string): string {
    this.counter += 1;
    return `${prefix}_kwDO${String(this.counter).padStart(6, '0')}`;
  }

  /** Adds a project; returns its node id. */
  addProject(input: AddProjectInput): string {
    const id = this.next('PVT');
    const singleSelect = input.singleSelect ?? { Status: ['Backlog', 'In Progress', 'Done'] };
    const fields: Field[] = [{ id: this.next('PVTF'), name: 'Title' }];
    for (const [name, options] of Object.entries(singleSelect))
      fields.push({
        id: this.next('PVTSSF'),
        name,
        options: options.map((option) => ({ id: optionId(`${id}/${name}/${option}`), name: option })),
      });
    for (const name of input.otherFields ?? []) fields.push({ id: this.next('PVTF'), name });
    this.projects.push({
      id,
      owner: input.owner,
      ownerType: input.ownerType ?? 'Organization',
      number: input.number,
      title: input.title ?? `Project ${input.number}`,
      fields,
    });
    return id;
  }

  /** Renames an option in place (its id stays), as a person would in the project settings. */
  renameOption(projectId: string, field: string, from: string, to: string): void {
    const option = this.field(projectId, field)?.options?.find((o) => o.name === from);
    if (!option) throw new Error(`no option ${from}`);
    option.name = to;
  }

  /** Deletes an option; items set to it lose their value, as on GitHub. */
  deleteOption(projectId: string, field: string, name: string): void {
    const target = this.field(projectId, field);
    const option = target?.options?.find((o) => o.name === name);
    if (!target || !option) throw new Error(`no option ${name}`);
    target.options = target.options!.filter((o) => o !== option);
    for (const item of this.itemsById.values())
      if (item.values.get(target.id) === option.id) item.values.delete(target.id);
  }

  failNext(fault: ProjectsFault): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1 });
  }

  /** The items of a project with the option name each has in `field` (default Status). */
  items(projectId: string, field = 'Status'): Array<{ itemId: string; contentId: string; column?: string }> {
    const target = this.field(projectId, field);
    return [...this.itemsById.values()]
      .filter((item) => item.projectId === projectId)
      .map((item) => {
        const column = target?.options?.find((o) => o.id === item.values.get(target.id))?.name;
        return { itemId: item.id, contentId: item.contentId, ...(column === undefined ? {} : { column }) };
      });
  }

  /** The column (option name) the content is in, or undefined. */
  columnOf(projectId: string, contentId: string, field = 'Status'): string | undefined {
    return this.items(projectId, field).find((i) => i.contentId === contentId)?.column;
  }

  install(double: GitHubDouble): void {
    double.setGraphqlHandler(this.handler);
  }

  private field(projectId: string, name: string): Field | undefined {
    return this.projects.find((p) => p.id === projectId)?.fields.find((f) => f.name === name);
  }

  private takeFault(operation: ProjectsOperation): ProjectsFault | undefined {
    const index = this.faults.findIndex((f) => f.operation === operation);
    if (index === -1) return undefined;
    const fault = this.faults[index]!;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.faults.splice(index, 1);
    return fault;
  }

  readonly handler: GraphqlHandler = ({ query, variables }) => {
    const operation: ProjectsOperation | undefined = /\baddProjectV2ItemById\b/.test(query)
      ? 'addProjectV2ItemById'
      : /\bupdateProjectV2ItemFieldValue\b/.test(query)
        ? 'updateProjectV2ItemFieldValue'
        : /\borganization\s*\(/.test(query) && /\bprojectV2\s*\(/.test(query)
          ? 'board'
          : undefined;
    if (operation === undefined) return undefined;
    this.calls.push({ operation, variables });
    const fault = this.takeFault(operation);
    if (fault?.kind === 'secondary-rate-limit')
      throw new HttpError(
        403,
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        {},
        { 'retry-after': String(fault.retryAfter ?? 1) },
      );
    if (fault?.kind === 'server-error') throw new HttpError(502, 'Bad Gateway');
    if (fault?.kind === 'forbidden')
      return {
        data: operation === 'board' ? { organization: { projectV2: null } } : { [operation]: null },
        errors: [{ type: 'FORBIDDEN', path: [operation], message: 'Resource not accessible by integration' }],
      };
    if (operation === 'board') return this.board(query, variables);
    if (operation === 'addProjectV2ItemById') return this.addItem(query, variables);
    return this.setValue(query, variables);
  };

  private board(query: string, variables: Json): Json {
    const login = String(argument(query, 'login', variables));
    const number = Number(argument(query, 'number', variables));
    // user-owned projects do not resolve through organization(login:), whatever the token can see
    const owned = this.projects.filter(
      (p) => p.owner.toLowerCase() === login.toLowerCase() && p.ownerType === 'Organization',
    );
    if (owned.length === 0)
      return {
        data: { organization: null },
        errors: [NOT_FOUND(['organization'], `Could not resolve to an Organization with the login of '${login}'.`)],
      };
    const project = owned.find((p) => p.number === number);
    if (!project)
      return {
        data: { organization: { projectV2: null } },
        errors: [
          NOT_FOUND(['organization', 'projectV2'], `Could not resolve to a ProjectV2 with the number ${number}.`),
        ],
      };
    const typename = /__typename/.test(query);
    const options = /\bProjectV2SingleSelectField\b/.test(query);
    const nodes = project.fields.map((f) => ({
      ...(typename ? { __typename: f.options ? 'ProjectV2SingleSelectField' : 'ProjectV2Field' } : {}),
      id: f.id,
      name: f.name,
      ...(options && f.options ? { options: f.options.map((o) => ({ ...o })) } : {}),
    }));
    return { data: { organization: { projectV2: { id: project.id, title: project.title, fields: { nodes } } } } };
  }

  private addItem(query: string, variables: Json): Json {
    const projectId = String(argument(query, 'projectId', variables));
    const contentId = String(argument(query, 'contentId', variables));
    const missing = (id: string) => ({
      data: { addProjectV2ItemById: null },
      errors: [NOT_FOUND(['addProjectV2ItemById'], `Could not resolve to a node with the global id of '${id}'`)],
    });
    if (!this.projects.some((p) => p.id === projectId)) return missing(projectId);
    if (!/^(PR|I)_\w+$/.test(contentId)) return missing(contentId);
    let item = [...this.itemsById.values()].find((i) => i.projectId === projectId && i.contentId === contentId);
    if (!item) {
      item = { id: this.next('PVTI'), projectId, contentId, values: new Map() };
      this.itemsById.set(item.id, item);
    }
    return { data: { addProjectV2ItemById: { item: { id: item.id } } } };
  }

  private setValue(query: string, variables: Json): Json {
    const projectId = String(argument(query, 'projectId', variables));
    const itemId = String(argument(query, 'itemId', variables));
    const fieldId = String(argument(query, 'fieldId', variables));
    const option = String(argument(query, 'singleSelectOptionId', variables));
    const fail = (errors: Json[]) => ({ data: { updateProjectV2ItemFieldValue: null }, errors });
    const project = this.projects.find((p) => p.id === projectId);
    const item = this.itemsById.get(itemId);
    if (!project)
      return fail([
        NOT_FOUND(
          ['updateProjectV2ItemFieldValue'],
          `Could not resolve to a node with the global id of '${projectId}'`,
        ),
      ]);
    if (!item || item.projectId !== projectId)
      return fail([
        NOT_FOUND(['updateProjectV2ItemFieldValue'], `Could not resolve to a node with the global id of '${itemId}'`),
      ]);
    const field = project.fields.find((f) => f.id === fieldId);
    if (!field)
      return fail([
        NOT_FOUND(['updateProjectV2ItemFieldValue'], `Could not resolve to a node with the global id of '${fieldId}'`),
      ]);
    if (!field.options?.some((o) => o.id === option))
      return fail([
        {
          path: ['updateProjectV2ItemFieldValue'],
          message: `The single select option Id does not belong to the field`,
        },
      ]);
    item.values.set(field.id, option);
    return { data: { updateProjectV2ItemFieldValue: { projectV2Item: { id: item.id } } } };
  }
}
