// Bulk onboarding (pure): a CSV of people → one OktaUser spec file each, after a preflight that reports EVERY bad row
// as `<csv>:<line>: message` (nothing is written unless all rows are good). Used by `/infra onboard` with a CSV on the
// issue and by `infra-bot import users.csv`.
import type { SourceFile } from '../../specs/validate-specs.js';
import { checkChange, readSpecHeads, specIndex } from './check-change.js';
import { readPeople } from './csv-people.js';
import { onboardDraft } from './onboard-draft.js';
import { parseCsv } from './parse-csv.js';
import { renderSpecYaml, specFilePath } from './spec-file.js';

export interface BulkOnboardInput {
  /** Shown in problems, e.g. `users.csv`. */
  csvName: string;
  csvText: string;
  /** The specs already in the repository. */
  files: readonly SourceFile[];
  configText: string | undefined;
  specsDir: string;
  /** metadata.owner of the specs written (`@login` of who asked), unless a column sets it. */
  owner?: string;
  /** Write every file straight into this folder (`<folder>/<name>.yaml`) instead of the specs folder's layout. */
  folder?: string;
  now: Date;
  maxRows?: number;
}

export interface BulkSpecFile {
  line: number;
  name: string;
  email: string;
  path: string;
  content: string;
}

export type BulkOnboardResult = { ok: true; files: BulkSpecFile[] } | { ok: false; problems: string[] };

export const MAX_BULK_ROWS = 500;
export function bulkOnboard(input: BulkOnboardInput): BulkOnboardResult {
  const problems: Array<{ line: number; message: string }> = [];
  const report = (line: number, message: string) => problems.push({ line, message });
  const finish = (): BulkOnboardResult => ({
    ok: false,
    problems: problems.sort((a, b) => a.line - b.line).map((p) => `${input.csvName}:${p.line}: ${p.message}`),
  });

  const parsed = parseCsv(input.csvText);
  if (!parsed.ok) return (report(parsed.line, parsed.message), finish());
  const [header, ...data] = parsed.records;
  if (!header)
    return (report(1, 'the file is empty: the first line names the columns (email,firstName,lastName…)'), finish());
  const rows = readPeople(header, data, report);
  if (!rows) return finish();
  if (data.length === 0) return (report(header.line, 'no rows after the header'), finish());
  const maxRows = input.maxRows ?? MAX_BULK_ROWS;
  if (data.length > maxRows)
    return (report(data[maxRows]!.line, `more than ${maxRows} rows: split the file`), finish());

  const index = specIndex(input.files);
  const managedEmails = existingEmails(input.files);
  const seenNames = new Map<string, number>();
  const seenEmails = new Map<string, number>();
  const taken = new Set(input.files.map((f) => f.path));
  const written: BulkSpecFile[] = [];
  for (const { line, person } of rows) {
    const draft = onboardDraft(person, input.owner);
    if (!draft.ok || draft.name === undefined) {
      for (const problem of draft.ok ? [] : draft.problems) report(line, problem);
      continue;
    }
    const name = draft.name;
    const lowerEmail = person.email.toLowerCase();
    const existing = index.get(`OktaUser/${name}`);
    const problemsBefore = problems.length;
    if (existing) report(line, `OktaUser/${name} already exists in ${existing} (give this row a different name)`);
    if (seenNames.has(name)) report(line, `OktaUser/${name} is also made by line ${seenNames.get(name)}`);
    if (managedEmails.has(lowerEmail))
      report(line, `${person.email} is already managed by ${managedEmails.get(lowerEmail)}`);
    if (seenEmails.has(lowerEmail)) report(line, `${person.email} is also on line ${seenEmails.get(lowerEmail)}`);
    seenNames.set(name, seenNames.get(name) ?? line);
    seenEmails.set(lowerEmail, seenEmails.get(lowerEmail) ?? line);
    if (problems.length > problemsBefore) continue;
    const path = input.folder
      ? `${input.folder.replace(/\/+$/, '')}/${name}.yaml`
      : specFilePath(input.specsDir, 'OktaUser', name, taken);
    if (taken.has(path)) {
      report(line, `${path} already exists`);
      continue;
    }
    taken.add(path);
    written.push({
      line,
      name,
      email: person.email,
      path,
      content: renderSpecYaml(path, 'OktaUser', name, draft.draft),
    });
  }

  // The same validator as pull requests, over the repository with every new file in it at once.
  const lineOf = new Map(written.map((file) => [file.path, file.line]));
  const checked = checkChange({
    files: input.files,
    configText: input.configText,
    changes: written.map((file) => ({ path: file.path, content: file.content })),
    now: input.now,
  });
  for (const d of checked.diagnostics) {
    if (d.severity === 'error') report(lineOf.get(d.file) ?? 0, d.message);
  }
  return problems.length > 0 ? finish() : { ok: true, files: written };
}

/** Lower-cased `spec.email` → file, over the OktaUser specs already in the repository. */
function existingEmails(files: readonly SourceFile[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const head of readSpecHeads(files)) {
    if (head.kind === 'OktaUser' && typeof head.body.email === 'string')
      found.set(head.body.email.toLowerCase(), head.path);
  }
  return found;
}
