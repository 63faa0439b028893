// Edits fields of a spec file in place (pure), keeping its comments, order and style: offboarding sets
// `spec.status`, extending replaces `metadata.ttl` with `metadata.expiresAt`.
import { parseDocument } from 'yaml';

/** `value: undefined` removes the field. */
export interface FieldEdit {
  path: readonly string[];
  value: unknown;
}

export type EditResult = { ok: true; text: string } | { ok: false; problem: string };

export function editSpecYaml(text: string, edits: readonly FieldEdit[]): EditResult {
  const document = parseDocument(text);
  if (document.errors.length > 0)
    return { ok: false, problem: `the file is not valid YAML (${document.errors[0]!.message})` };
  for (const edit of edits) {
    if (edit.value === undefined) document.deleteIn(edit.path);
    else document.setIn(edit.path, edit.value);
  }
  return { ok: true, text: document.toString({ lineWidth: 0 }) };
}
