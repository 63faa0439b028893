// An independent reader of our Markdown's block structure, to check that every part stands alone: each code fence
// and <details> opened in a body is closed in that same body.

export interface Structure {
  /** Problems found; empty when balanced. */
  problems: string[];
  /** Lines inside code fences (content only). */
  fencedLines: string[];
  /** Lines outside code fences, with code spans blanked: what GitHub may read as markup. */
  markupLines: string[];
}

export function readStructure(body: string): Structure {
  const problems: string[] = [];
  const fencedLines: string[] = [];
  const markupLines: string[] = [];
  let fence: string | null = null;
  let details = 0;
  body.split('\n').forEach((line, i) => {
    if (fence) {
      if (line.startsWith(fence[0]!) && /^(`+|~+)\s*$/.test(line) && line.trim().length >= fence.length) fence = null;
      else fencedLines.push(line);
      return;
    }
    const open = /^(`{3,}|~{3,})/.exec(line);
    if (open && !(open[1]!.startsWith('`') && line.slice(open[0].length).includes('`'))) {
      fence = open[1]!;
      return;
    }
    const markup = withoutCodeSpans(line);
    markupLines.push(markup);
    details += (markup.match(/<details[\s>]/g) ?? []).length;
    details -= (markup.match(/<\/details>/g) ?? []).length;
    if (details < 0) problems.push(`line ${i + 1}: </details> without <details>`);
  });
  if (fence) problems.push('a code fence is left open');
  if (details > 0) problems.push(`${details} <details> left open`);
  return { problems, fencedLines, markupLines };
}

/** CommonMark code spans: a run of N backticks up to the next run of exactly N; their content is literal text. */
function withoutCodeSpans(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    if (line[i] !== '`') {
      out += line[i++];
      continue;
    }
    let n = 0;
    while (line[i + n] === '`') n++;
    const ticks = '`'.repeat(n);
    let end = -1;
    for (let j = line.indexOf(ticks, i + n); j >= 0; j = line.indexOf(ticks, j + 1)) {
      if (line[j - 1] !== '`' && line[j + n] !== '`') {
        end = j;
        break;
      }
    }
    if (end < 0) {
      out += ticks;
      i += n;
    } else {
      out += '<code/>';
      i = end + n;
    }
  }
  return out;
}
