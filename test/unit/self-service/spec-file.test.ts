import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { validateSpecs } from '../../../src/specs/validate-specs.js';
import { renderSpecYaml, specFilePath } from '../../../src/workflow/self-service/spec-file.js';

describe('self-service › spec file', () => {
  it.each([
    ['OktaUser', 'infra-specs/identity/users/ada.yaml'],
    ['OktaGroup', 'infra-specs/identity/groups/ada.yaml'],
    ['IamSsoRole', 'infra-specs/identity/roles/ada.yaml'],
    ['Ec2Instance', 'infra-specs/compute/ada.yaml'],
    ['S3Bucket', 'infra-specs/data/ada.yaml'],
  ] as const)('%s lives in its folder › %s', (kind, path) => {
    expect(specFilePath('infra-specs/', kind, 'ada')).toBe(path);
  });

  it('a path another file holds gets the kind in its name', () => {
    expect(specFilePath('specs', 'Ec2Instance', 'box', new Set(['specs/compute/box.yaml']))).toBe(
      'specs/compute/box-ec2instance.yaml',
    );
  });

  it('renders the schema line (relative to the file) and a document the validator accepts', () => {
    const path = 'infra-specs/compute/devbox.yaml';
    const text = renderSpecYaml(path, 'Ec2Instance', 'devbox', {
      metadata: { owner: '@bruce', ttl: '3d' },
      spec: { image: 'ubuntu-24.04', ssh: { allowFrom: ['203.0.113.4/32'] } },
    });
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/infra-spec.schema.json');
    expect(parse(text)).toEqual({
      apiVersion: 'infra-bot/v1',
      kind: 'Ec2Instance',
      metadata: { name: 'devbox', owner: '@bruce', ttl: '3d' },
      spec: { image: 'ubuntu-24.04', ssh: { allowFrom: ['203.0.113.4/32'] } },
    });
    const result = validateSpecs({ files: [{ path, content: text }], now: new Date('2030-01-01T00:00:00Z') });
    expect(result.diagnostics).toEqual([]);
  });

  it('a value that looks like a number or a boolean stays a string in YAML', () => {
    const text = renderSpecYaml('s/identity/users/a.yaml', 'OktaUser', 'a', {
      metadata: {},
      spec: { email: 'a@b.co', firstName: 'true', lastName: '123' },
    });
    expect(parse(text).spec).toEqual({ email: 'a@b.co', firstName: 'true', lastName: '123' });
  });
});
