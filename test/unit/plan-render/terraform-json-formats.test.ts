import { describe, expect, it } from '@jest/globals';
import { MAX_PLAN_JSON_CHARS, parsePlanJson } from '../../../src/plan/terraform-json.js';

/** A resource change as each format writes it: 0.1 has no sensitivity markers, 0.2 adds them, 1.x adds more. */
const change01 = {
  address: 'aws_instance.web',
  mode: 'managed',
  type: 'aws_instance',
  name: 'web',
  provider_name: 'aws',
  change: { actions: ['update'], before: { ami: 'a' }, after: { ami: 'b' }, after_unknown: {} },
};
const change02 = {
  ...change01,
  provider_name: 'registry.terraform.io/hashicorp/aws',
  change: { ...change01.change, before_sensitive: {}, after_sensitive: {} },
};
const change1x = {
  ...change02,
  action_reason: 'replace_because_cannot_update',
  change: { ...change02.change, replace_paths: [['ami']], importing: { id: 'i-123' }, generated_config: '' },
};

describe('parsePlanJson › every format Terraform and OpenTofu write', () => {
  it.each([
    [
      '0.1 (Terraform 0.12–0.14)',
      { format_version: '0.1', terraform_version: '0.12.31', resource_changes: [change01] },
    ],
    [
      '0.2 (Terraform 0.15–1.0)',
      { format_version: '0.2', terraform_version: '1.0.11', resource_changes: [change02], resource_drift: [change02] },
    ],
    ['1.0 (Terraform 1.1)', { format_version: '1.0', terraform_version: '1.1.9', resource_changes: [change02] }],
    ['1.1 (Terraform 1.3)', { format_version: '1.1', terraform_version: '1.3.10', resource_changes: [change1x] }],
    ['1.2 (Terraform ≥ 1.5)', { format_version: '1.2', terraform_version: '1.9.8', resource_changes: [change1x] }],
    ['1.2 (OpenTofu 1.8)', { format_version: '1.2', terraform_version: '1.8.5', resource_changes: [change1x] }],
    ['a future minor 1.9 with unknown fields', { format_version: '1.9', resource_changes: [change1x], new_thing: [1] }],
  ])('%s › accepted', (_name, value) => {
    const result = parsePlanJson(JSON.stringify(value));
    expect(result).toMatchObject({ ok: true });
  });

  it('1.x importing › kept with its id', () => {
    const result = parsePlanJson(JSON.stringify({ format_version: '1.2', resource_changes: [change1x] }));
    expect(result.ok && result.plan.resource_changes?.[0]?.change.importing).toEqual({ id: 'i-123' });
  });

  it.each([
    ['2.0', '"2.0"'],
    ['0.3', '"0.3"'],
    ['1', '"1"'],
    [2, 'a number'],
  ])('format_version %p › refused naming what was received and what is supported', (version, shown) => {
    const result = parsePlanJson(JSON.stringify({ format_version: version, resource_changes: [] }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain(`format_version ${shown} is not supported`);
    expect(result.error).toContain('0.1, 0.2 and 1.x');
  });

  it('errored: true › refused loudly, whatever else it holds', () => {
    const result = parsePlanJson(JSON.stringify({ format_version: '1.2', errored: true, resource_changes: [] }));
    expect(result).toEqual({ ok: false, error: expect.stringContaining('Terraform reported this plan as errored') });
    if (!result.ok) expect(result.error).toContain('incomplete');
  });

  it.each([
    ['an array', '[]', 'an array, not a plan object'],
    ['null', 'null', 'null, not a plan object'],
    ['a string', '"plan"', 'a string, not a plan object'],
    ['no format_version', '{"resource_changes":[]}', 'no format_version'],
    ['empty text', '', 'not valid JSON'],
    ['truncated JSON', '{"format_version":"1.2","resource_changes":[{', 'not valid JSON'],
  ])('%s › a clear message', (_name, text, message) => {
    expect(parsePlanJson(text)).toEqual({ ok: false, error: expect.stringContaining(message) });
  });

  it('a plan larger than the limit › refused before parsing, naming size and limit, no crash', () => {
    // 256 MiB of text: the refusing path reads only its length, never its content.
    const huge = `{"format_version":"1.2","x":"${'a'.repeat(2 * MAX_PLAN_JSON_CHARS)}"}`;
    const result = parsePlanJson(huge);
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/too large.*257 MiB.*128 MiB/) });
  });

  it('hostile strings and addresses › parsed as data, never rejected for their content', () => {
    const address = 'aws_x.y["a\\"b`</details>|"]';
    const value = { ...change02, address, change: { ...change02.change, after: { n: '`` </details> | ü 🚀' } } };
    const result = parsePlanJson(JSON.stringify({ format_version: '1.2', resource_changes: [value] }));
    expect(result.ok && result.plan.resource_changes?.[0]?.address).toBe(address);
  });
});
