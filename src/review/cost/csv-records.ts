// RFC 4180 records from text read line by line (the EC2 offer file is far too large to hold in memory): quoted
// fields may hold commas, doubled quotes and line breaks.

export class CsvRecordReader {
  private pending: string | undefined;

  /** One line without its line break; returns the record it completes, if any. */
  push(line: string): string[] | undefined {
    const text = this.pending === undefined ? line : `${this.pending}\n${line}`;
    const fields = parseRecord(text);
    if (fields === undefined) {
      this.pending = text;
      return undefined;
    }
    this.pending = undefined;
    return fields;
  }

  /** Whether input ended inside a quoted field. */
  get incomplete(): boolean {
    return this.pending !== undefined;
  }
}

/** Undefined when the text ends inside a quoted field. */
function parseRecord(text: string): string[] | undefined {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (quoted) return undefined;
  fields.push(field);
  return fields;
}
