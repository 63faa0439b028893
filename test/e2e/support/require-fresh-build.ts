// A jest setup file (jest.config.js setupFilesAfterEnv) that runs before every test file: for the files of test/e2e,
// it refuses to run against a stale lib/, so that no e2e file (present or future) can forget the check.
import { expect } from '@jest/globals';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertFreshBuild } from './build-freshness.js';

if ((expect.getState().testPath ?? '').includes(`${sep}test${sep}e2e${sep}`)) {
  assertFreshBuild(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'));
}
