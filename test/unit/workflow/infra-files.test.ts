import { describe, expect, it } from '@jest/globals';
import { touchesInfraFiles } from '../../../src/workflow/infra-files.js';

describe('touchesInfraFiles', () => {
  it.each([
    [['infra-specs/users/ada.yaml'], 'infra-specs', true],
    [['infra-specs/users/ada.yaml'], 'infra-specs/', true],
    [['.github/infra.yml'], 'specs', true],
    [['README.md', 'src/app.ts'], 'infra-specs', false],
    // A folder whose name only starts like the specs folder is not it.
    [['infra-specs-old/a.yaml'], 'infra-specs', false],
    [['deploy/values.yaml'], 'infra-specs', false],
    // Config invalid: the folder is unknown, any YAML counts.
    [['deploy/values.yaml'], undefined, true],
    [['README.md'], undefined, false],
  ] as const)('%j with specsDir %s › %s', (paths, specsDir, expected) => {
    expect(touchesInfraFiles(paths, specsDir)).toBe(expected);
  });
});
