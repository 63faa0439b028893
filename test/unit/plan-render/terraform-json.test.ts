import { describe, expect, it } from '@jest/globals';
import { parsePlanJson } from '../../../src/plan/terraform-json.js';
import { createInstance, plan, replaceInstance } from './fixtures.js';

const text = (value: unknown) => JSON.stringify(value);
/** Plan JSON as text may hold anything: build it untyped. */
const rawPlan = (changes: unknown[], extra: Record<string, unknown> = {}) => ({
  ...plan([]),
  resource_changes: changes,
  ...extra,
});
const withChange = (patch: Record<string, unknown>) => ({
  ...createInstance,
  change: { ...createInstance.change, ...patch },
});

describe('parsePlanJson', () => {
  it('valid plan › returns the typed plan', () => {
    const result = parsePlanJson(text(plan([createInstance, replaceInstance])));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.resource_changes?.map((r) => r.change.actions)).toEqual([['create'], ['delete', 'create']]);
  });

  it('unknown properties anywhere › are ignored (forward compatible minor versions)', () => {
    const withExtras = {
      ...rawPlan([{ ...withChange({ importing: {} }), index_unknown: false }]),
      format_version: '1.9',
      planned_values: { root_module: {} },
      configuration: {},
      checks: [],
      some_future_field: { a: 1 },
    };
    expect(parsePlanJson(text(withExtras)).ok).toBe(true);
  });

  it('no resource_changes (empty plan) › is valid', () => {
    expect(parsePlanJson(text({ format_version: '1.2', terraform_version: '1.9.8' })).ok).toBe(true);
  });

  it.each([
    ['a new major format version', { ...plan([]), format_version: '2.0' }, 'format_version'],
    ['a missing format version', { resource_changes: [] }, 'format_version'],
    [
      'an undocumented action list',
      rawPlan([withChange({ actions: ['update', 'delete'] })]),
      'resource_changes.0.change.actions',
    ],
    ['an unknown action', rawPlan([withChange({ actions: ['explode'] })]), 'resource_changes.0.change.actions'],
    ['a resource without address', rawPlan([{ ...createInstance, address: undefined }]), 'resource_changes.0.address'],
    ['an unknown mode', rawPlan([{ ...createInstance, mode: 'ephemeral' }]), 'resource_changes.0.mode'],
    ['a non-array resource_changes', { ...plan([]), resource_changes: {} }, 'resource_changes'],
  ])('%s › is rejected naming the path', (_name, value, path) => {
    const result = parsePlanJson(text(value));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain(path);
  });

  it('invalid JSON › is rejected without quoting the input (it may hold secrets)', () => {
    const result = parsePlanJson('{"password": "hunter2-secret" oops');
    expect(result).toEqual({ ok: false, error: expect.stringContaining('not valid JSON') });
    if (!result.ok) expect(result.error).not.toContain('hunter2');
  });

  it('error values › are never echoed into the error', () => {
    const bad = rawPlan([{ ...createInstance, mode: 'SECRET-VALUE-123' }]);
    const result = parsePlanJson(text(bad));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).not.toContain('SECRET-VALUE-123');
  });
});
