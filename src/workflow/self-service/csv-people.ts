// The rows of a people CSV (pure): the header names the columns (`email`, `firstName`, `lastName`, `groups`, `name`,
// in any letter case, and spec fields such as `title` or `customAttributes.costCenter`); each row becomes a person,
// or problems reported with the row's line. Values get the same checks as command arguments.
import { email as checkEmail, keyValue, quote, specName as checkName } from '../../commands/arguments.js';
import type { Person } from './onboard-draft.js';
import type { CsvRecord } from './parse-csv.js';

type Report = (line: number, message: string) => void;

const KNOWN: Record<string, keyof Person | 'name'> = {
  email: 'email',
  firstname: 'firstName',
  lastname: 'lastName',
  groups: 'groups',
  name: 'name',
};
const REQUIRED = ['email', 'firstName', 'lastName'] as const;

export interface PersonRow {
  line: number;
  person: Person;
}

/** Every good row; undefined when the header itself is unusable (then no row is read). */
export function readPeople(header: CsvRecord, data: readonly CsvRecord[], report: Report): PersonRow[] | undefined {
  const columns = readHeader(header, report);
  return columns && data.flatMap((record) => readRow(record, columns, report));
}

type Columns = Array<{ key: string; known?: keyof Person | 'name' }>;

function readHeader(header: CsvRecord, report: Report): Columns | undefined {
  const columns: Columns = [];
  let bad = false;
  for (const raw of header.fields) {
    const text = raw.trim();
    const known = KNOWN[text.toLowerCase()];
    const key = known ?? text;
    if (!known && !keyValue({ raw: `${text}=x`, text: `${text}=x`, key: text, value: 'x', quoted: false }).ok) {
      report(
        header.line,
        `${quote(text)} is not a column name: use spec field names such as title or customAttributes.costCenter`,
      );
      bad = true;
    }
    if (columns.some((c) => c.key === key)) {
      report(header.line, `the column ${quote(text)} appears twice`);
      bad = true;
    }
    columns.push({ key, ...(known && { known }) });
  }
  const missing = REQUIRED.filter((k) => !columns.some((c) => c.known === k));
  if (missing.length) {
    report(header.line, `the header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
    bad = true;
  }
  return bad ? undefined : columns;
}

function readRow(record: CsvRecord, columns: Columns, report: Report): PersonRow[] {
  const { line, fields } = record;
  if (fields.length !== columns.length) {
    report(line, `${fields.length} fields, but the header has ${columns.length} columns`);
    return [];
  }
  const person: Person = { email: '', firstName: '', lastName: '', groups: [], fields: {} };
  let ok = true;
  const fail = (message: string) => {
    report(line, message);
    ok = false;
  };
  columns.forEach((column, i) => {
    const value = fields[i]!.trim();
    if (column.known === 'email' || column.known === 'firstName' || column.known === 'lastName') {
      if (value === '') return fail(`${column.known} is empty`);
      if (column.known === 'email') {
        const checked = checkEmail(value, value);
        if (!checked.ok) return fail(checked.problem);
      }
      person[column.known] = value;
    } else if (column.known === 'groups') {
      for (const group of value
        .split(/[;,]/)
        .map((g) => g.trim())
        .filter(Boolean)) {
        const checked = checkName(group, group);
        if (!checked.ok) return fail(`groups: ${checked.problem}`);
        if (!person.groups.includes(group)) person.groups.push(group);
      }
    } else if (column.known === 'name') {
      if (value === '') return;
      const checked = checkName(value, value);
      if (!checked.ok) return fail(checked.problem);
      person.specName = value;
    } else if (value !== '') {
      const checked = keyValue({ raw: `${column.key}=${value}`, text: '', key: column.key, value, quoted: true });
      if (!checked.ok) return fail(checked.problem);
      person.fields[column.key] = value;
    }
  });
  return ok ? [{ line, person }] : [];
}
