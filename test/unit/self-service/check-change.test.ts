import { describe, expect, it } from '@jest/globals';
import { checkChange, diagnosticsBlock, specIndex } from '../../../src/workflow/self-service/check-change.js';

const now = new Date('2030-01-01T00:00:00Z');
const broken = { path: 'infra-specs/old.yaml', content: 'apiVersion: infra-bot/v1\nkind: Nope\n' };
const group = {
  path: 'infra-specs/g.yaml',
  content: 'apiVersion: infra-bot/v1\nkind: OktaGroup\nmetadata: { name: g }\nspec: {}\n',
};

describe('self-service › check a proposed change', () => {
  it('only problems in the files the change writes block it (a broken file elsewhere does not)', () => {
    const good = checkChange({
      files: [broken, group],
      configText: undefined,
      changes: [
        {
          path: 'infra-specs/u.yaml',
          content: 'apiVersion: infra-bot/v1\nkind: OktaGroup\nmetadata: { name: u }\nspec: {}\n',
        },
      ],
      now,
    });
    expect(good.ok).toBe(true);
    expect(good.diagnostics).toEqual([]);

    const bad = checkChange({
      files: [group],
      configText: undefined,
      changes: [
        {
          path: 'infra-specs/u.yaml',
          content: 'apiVersion: infra-bot/v1\nkind: OktaGroup\nmetadata: { name: u }\nspec: { displayNam: U }\n',
        },
      ],
      now,
    });
    expect(bad.ok).toBe(false);
    expect(diagnosticsBlock(bad.diagnostics)).toMatch(
      /^```text\ninfra-specs\/u\.yaml:4:\d+: .*displayNam.*displayName/,
    );
  });

  it('a change replaces the file of the same path; a null content deletes it', () => {
    const result = checkChange({
      files: [group],
      configText: undefined,
      changes: [{ path: group.path, content: null }],
      now,
    });
    expect(result.validation.specs).toEqual([]);
  });

  it('indexes kind/name leniently: a file with schema problems still claims its name', () => {
    const loose = {
      path: 'infra-specs/x.yaml',
      content: 'kind: OktaUser\nmetadata: { name: x }\nspec: { bogus: 1 }\n',
    };
    expect([...specIndex([group, loose, broken, { path: 'bad.yaml', content: ': :' }])]).toEqual([
      ['OktaGroup/g', 'infra-specs/g.yaml'],
      ['OktaUser/x', 'infra-specs/x.yaml'],
    ]);
  });
});
