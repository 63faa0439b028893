// Pulls Terraform's `Error: …` diagnostics out of its stderr (plain -no-color form or the boxed form).

// eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC
const ANSI = /\u001b\[[0-9;]*m/g;
const MAX_ERROR_CHARS = 16 * 1024;

/** The `Error:` blocks in `stderr`, warnings left out; empty when there are none. */
export function extractTerraformErrors(stderr: string): string {
  const blocks: string[][] = [];
  let current: string[] | null = null;
  for (const raw of stderr.replace(ANSI, '').split(/\r?\n/)) {
    const boxEnd = raw.startsWith('╵');
    const line = raw.replace(/^[│╷]\s?/, '');
    if (/^(Error|Warning): /.test(line) || boxEnd) {
      current = line.startsWith('Error: ') ? [line] : null;
      if (current) blocks.push(current);
      continue;
    }
    current?.push(line);
  }
  const text = blocks.map((b) => b.join('\n').trim()).join('\n\n');
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}\n… (truncated)` : text;
}
