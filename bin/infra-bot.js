#!/usr/bin/env node
// Entry point for `npx infra-bot …`; the TypeScript sources are compiled to lib/ by `npm install` (prepare).
import { runCli } from '../lib/cli.js';

process.exitCode = await runCli(process.argv.slice(2));
