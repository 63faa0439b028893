import { formatDiagnostic } from '../specs/diagnostic.js';
import type { CliIo } from './io.js';
import { loadWorkspace } from './load-workspace.js';
import { plural } from './plural.js';

/** `infra-bot validate [--dir] [--config] [--json] [--allow-empty]`: exit 0 when every spec is valid, 1 otherwise. */
export async function validateCommand(
  io: CliIo,
  options: { dir?: string; config?: string; json: boolean; allowEmpty?: boolean },
): Promise<number> {
  const result = await loadWorkspace({ cwd: io.cwd, now: io.now(), ...options });
  if (options.json) {
    const problems = result.diagnostics.map(({ file, line, column, path, message, severity }) => ({
      file,
      line,
      column,
      path,
      message,
      severity,
    }));
    io.out(JSON.stringify(problems, null, 2));
  } else {
    for (const diagnostic of result.diagnostics) io.out(formatDiagnostic(diagnostic));
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    io.err(result.ok ? `${plural(result.specs.length, 'spec')} valid` : `${plural(errors, 'problem')} found`);
  }
  return result.ok ? 0 : 1;
}
