import type { SqlParam } from './sql-db.js';

/** `WHERE repo = ? AND pr = ?` for whichever of the two a listing is filtered by ('' when neither). */
export function repoPrWhere(filter: { repo?: string; pr?: number }): { where: string; params: SqlParam[] } {
  const clauses: string[] = [];
  const params: SqlParam[] = [];
  if (filter.repo !== undefined) {
    clauses.push('repo = ?');
    params.push(filter.repo);
  }
  if (filter.pr !== undefined) {
    clauses.push('pr = ?');
    params.push(filter.pr);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
