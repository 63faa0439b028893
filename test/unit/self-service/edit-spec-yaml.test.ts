import { describe, expect, it } from '@jest/globals';
import { editSpecYaml } from '../../../src/workflow/self-service/edit-spec-yaml.js';

describe('self-service › edit a spec in place', () => {
  it('sets and removes fields, keeping comments and the rest of the file', () => {
    const text = [
      '# yaml-language-server: $schema=../../schemas/infra-spec.schema.json',
      'apiVersion: infra-bot/v1',
      'kind: Ec2Instance',
      'metadata:',
      '  name: box # the box',
      '  ttl: 3d',
      'spec:',
      '  image: ubuntu-24.04',
      '',
    ].join('\n');
    const result = editSpecYaml(text, [
      { path: ['metadata', 'ttl'], value: undefined },
      { path: ['metadata', 'expiresAt'], value: '2030-01-05T00:00:00Z' },
    ]);
    expect(result).toEqual({
      ok: true,
      text: [
        '# yaml-language-server: $schema=../../schemas/infra-spec.schema.json',
        'apiVersion: infra-bot/v1',
        'kind: Ec2Instance',
        'metadata:',
        '  name: box # the box',
        '  expiresAt: 2030-01-05T00:00:00Z',
        'spec:',
        '  image: ubuntu-24.04',
        '',
      ].join('\n'),
    });
  });

  it('a file that is not YAML › a problem, no text', () => {
    expect(editSpecYaml('a: [1\n', [{ path: ['a'], value: 1 }])).toMatchObject({ ok: false });
  });
});
