// `infra-bot` for tests that run the CLI as a process from the TypeScript sources (what bin/infra-bot.js runs built).
import { runCli } from '../../../../src/cli.js';

process.exitCode = await runCli(process.argv.slice(2));
