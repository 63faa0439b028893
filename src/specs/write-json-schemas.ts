import { readFile, writeFile } from 'node:fs/promises';
import { buildJsonSchemas } from './json-schemas.js';

// `npm run schemas` writes schemas/*.json; `--check` fails when the committed files are stale (run in `npm test`).
const check = process.argv.includes('--check');
const dir = new URL('../../schemas/', import.meta.url);
let stale = 0;
for (const [name, schema] of Object.entries(buildJsonSchemas())) {
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  const target = new URL(name, dir);
  const current = await readFile(target, 'utf8').catch(() => undefined);
  if (current === text) continue;
  if (check) {
    console.error(`schemas/${name} is stale: run \`npm run schemas\` and commit the result`);
    stale++;
  } else {
    await writeFile(target, text);
    console.error(`wrote schemas/${name}`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
