// Lets a child `node` process run this repository's TypeScript directly (tests that need real processes:
// a worker killed with SIGKILL, two processes claiming from one SQLite file). Usage:
//   node --import ./scripts/ts/register-ts.mjs some-script.ts (tests that spawn processes, benchmarks)
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
