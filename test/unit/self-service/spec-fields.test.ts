import { describe, expect, it } from '@jest/globals';
import { draftSpec, placeKey } from '../../../src/workflow/self-service/spec-fields.js';

describe('self-service › spec fields (key=value → spec)', () => {
  it('dotted keys nest; list fields split on commas; numbers and booleans follow the schema', () => {
    const result = draftSpec('Ec2Instance', {
      image: 'ubuntu-24.04',
      'ssh.allowFrom': '203.0.113.4/32, 198.51.100.0/24',
      'ssh.keyName': 'bruce',
      rootVolumeGiB: '16',
      ttl: '3d',
      'labels.team': 'security',
      'tags.CostCenter': '42',
    });
    expect(result).toEqual({
      ok: true,
      draft: {
        metadata: { ttl: '3d', labels: { team: 'security' } },
        spec: {
          image: 'ubuntu-24.04',
          ssh: { allowFrom: ['203.0.113.4/32', '198.51.100.0/24'], keyName: 'bruce' },
          rootVolumeGiB: 16,
          // a string map stays strings, even when the text looks like a number
          tags: { CostCenter: '42' },
        },
      },
    });
  });

  it('booleans and nested numbers: S3Bucket versioning=false lifecycle.expireDays=30', () => {
    const result = draftSpec('S3Bucket', { versioning: 'false', 'lifecycle.expireDays': '30', forceDestroy: 'yes' });
    expect(result.ok && result.draft.spec).toEqual({
      versioning: false,
      lifecycle: { expireDays: 30 },
      // not a boolean: kept as written so the validator says what is wrong with it
      forceDestroy: 'yes',
    });
  });

  it('an unknown field is kept as written (the validator names it and suggests the closest)', () => {
    const result = draftSpec('Ec2Instance', { imag: 'ubuntu-24.04', 'ssh.alowFrom': 'x' });
    expect(result.ok && result.draft.spec).toEqual({ imag: 'ubuntu-24.04', ssh: { alowFrom: 'x' } });
  });

  it('metadata.* and spec.* prefixes place a key explicitly; base fields are kept unless overridden', () => {
    expect(placeKey('metadata.owner')).toEqual({ section: 'metadata', path: ['owner'] });
    expect(placeKey('spec.description')).toEqual({ section: 'spec', path: ['description'] });
    expect(placeKey('owner')).toEqual({ section: 'metadata', path: ['owner'] });
    expect(placeKey('title')).toEqual({ section: 'spec', path: ['title'] });
    const result = draftSpec('OktaGroup', { owner: 'lead@demoac.com' }, { metadata: { owner: '@bruce' } });
    expect(result.ok && result.draft.metadata).toEqual({ owner: 'lead@demoac.com' });
  });

  it.each([
    [{ ssh: 'x', 'ssh.keyName': 'y' }, '`ssh.keyName` conflicts with another field'],
    [{ 'ssh.keyName': 'y', ssh: 'x' }, '`ssh` conflicts with another field'],
    [{ 'tags.constructor': 'x' }, '`tags.constructor` is not a field name.'],
    [{ 'metadata.name': 'x' }, '`metadata.name` is set with `name=…`.'],
  ])('bad fields %j › %s', (fields, problem) => {
    const result = draftSpec('Ec2Instance', fields);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.join(' ')).toContain(problem);
  });
});
