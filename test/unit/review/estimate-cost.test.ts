import { describe, expect, it } from '@jest/globals';
import { costCheck } from '../../../src/review/cost/cost-check.js';
import { estimateCost } from '../../../src/review/cost/estimate-cost.js';
import { formatDelta, formatUsd } from '../../../src/review/cost/money.js';
import { loadPriceTable, parsePriceTable, PriceTableError } from '../../../src/review/cost/price-table.js';
import { diffIntent, type BaseInput } from '../../../src/review/intent-changes.js';
import type { IntentSpec } from '../../../src/specs/model.js';
import { DAY, NOW, PRICES, bucket, ec2, user } from './fixtures.js';

const estimate = (base: IntentSpec[] | BaseInput, head: IntentSpec[]) =>
  estimateCost(diffIntent({ base: Array.isArray(base) ? { specs: base } : base, head, now: NOW }), { prices: PRICES });

/** t3.micro + 8 GiB gp3 in us-east-1. */
const MICRO = 730 * 0.0104 + 8 * 0.08;

describe('estimateCost', () => {
  it('an instance created › cost goes up by its monthly figure', () => {
    const cost = estimate([], [ec2('box')]);
    expect(cost.stacks).toEqual([
      {
        stack: 'ec2-box',
        spec: 'Ec2Instance/box',
        after: { known: true, usd: MICRO },
        delta: { known: true, usd: MICRO },
        basis: 't3.micro in us-east-1: 730 h × $0.0104 + 8 GiB gp3 × $0.08',
      },
    ]);
    expect(cost.total).toEqual({ known: true, usd: MICRO });
    expect(cost.maxIncrease).toBeCloseTo(MICRO);
    expect(formatUsd(MICRO)).toBe('$8.23');
  });

  it('an instance destroyed › cost goes down; resized › the difference', () => {
    expect(estimate([ec2('box')], []).total).toEqual({ known: true, usd: -MICRO });
    const resized = estimate([ec2('box')], [ec2('box', { instanceType: 't3.large', rootVolumeGiB: 20 })]);
    expect(resized.stacks[0]!.delta.known && resized.stacks[0]!.delta.usd).toBeCloseTo(
      730 * 0.0832 + 20 * 0.08 - MICRO,
    );
  });

  it('a change that does not touch the cost, or identity specs › nothing is said', () => {
    const cost = estimate(
      [ec2('box'), user('ann')],
      [ec2('box', { tags: { team: 'a' } }), user('ann', { title: 'Boss' })],
    );
    expect(cost.stacks).toEqual([]);
    expect(cost.assumptions).toEqual([]);
    expect(costCheck(cost, { maxMonthlyCostIncrease: 0 })).toEqual({
      conclusion: 'success',
      message: 'No change to the estimated monthly cost.',
    });
  });

  it('a bucket › priced under a stated assumption', () => {
    const cost = estimate([], [bucket('logs')]);
    expect(cost.stacks[0]!.after).toEqual({ known: true, usd: 10 * 0.023 + 10 * 0.005 + 100 * 0.0004 });
    expect(cost.assumptions).toEqual([
      'S3 buckets are assumed to hold 10 GiB in S3 Standard and to serve 10,000 PUT and 100,000 GET requests a month (versions, transitions and data transfer not included).',
    ]);
  });

  it('a type or region missing from the table › unknown with the reason, never a number', () => {
    const cost = estimate(
      [],
      [
        ec2('big', { instanceType: 'x2iedn.32xlarge' }),
        ec2('far', { region: 'ap-south-1' }),
        bucket('b', { region: 'eu-west-1' }),
      ],
    );
    expect(cost.stacks.map((s) => [s.stack, s.after])).toEqual([
      [
        'ec2-big',
        { known: false, reason: 'the price table (2026-11-01) has no price for x2iedn.32xlarge in us-east-1' },
      ],
      ['ec2-far', { known: false, reason: 'the price table (2026-11-01) has no price for t3.micro in ap-south-1' }],
      ['s3-b', { known: false, reason: 'the price table (2026-11-01) has no S3 Standard price for eu-west-1' }],
    ]);
    expect(cost.total.known).toBe(false);
    expect(cost.maxIncrease).toBeUndefined();
    expect(JSON.stringify(cost.stacks.map((s) => s.delta))).not.toMatch(/usd/);
  });

  it('an unknown type left unchanged › nothing is said (equal inputs, equal cost)', () => {
    const spec = ec2('big', { instanceType: 'x2iedn.32xlarge' });
    expect(estimate([spec], [{ ...spec, metadata: { ...spec.metadata, owner: 'a@demoac.com' } }]).stacks).toEqual([]);
  });

  it('a spec with a ttl › also what it costs until it expires', () => {
    const cost = estimate([], [ec2('box', {}, { ttl: '3d', ttlMs: 3 * DAY })]);
    expect(cost.stacks[0]!.untilExpiry).toEqual({
      amount: { known: true, usd: (MICRO * 72) / 730 },
      expiry: { ttl: '3d', ttlMs: 3 * DAY },
    });
  });

  it('a base that no longer parses › before is unknown; the rise is bounded by the head side', () => {
    const cost = estimate({ invalid: true, problems: ['bad'] }, [ec2('box')]);
    expect(cost.stacks[0]!.before).toEqual({ known: false, reason: 'the base branch specs could not be read' });
    expect(cost.stacks[0]!.delta.known).toBe(false);
    expect(cost.maxIncrease).toBeCloseTo(MICRO);
  });
});

describe('costCheck', () => {
  it('no limit › success, saying the change', () => {
    expect(costCheck(estimate([], [ec2('box')]), {})).toEqual({
      conclusion: 'success',
      message: 'The estimated monthly cost changes by +$8.23; no policy.maxMonthlyCostIncrease is set.',
    });
  });

  it('within and above the limit › success and failure', () => {
    const cost = estimate([], [ec2('box')]);
    expect(costCheck(cost, { maxMonthlyCostIncrease: 10 }).conclusion).toBe('success');
    expect(costCheck(cost, { maxMonthlyCostIncrease: 5 })).toEqual({
      conclusion: 'failure',
      message: 'The estimated monthly cost changes by +$8.23, above policy.maxMonthlyCostIncrease ($5.00).',
    });
    expect(costCheck(cost, { maxMonthlyCostIncrease: 8.23 }).conclusion).toBe('success');
    expect(costCheck(estimate([ec2('box')], []), { maxMonthlyCostIncrease: 0 }).conclusion).toBe('success');
  });

  it('unknown costs with a limit › failure unless the rise is bounded below it', () => {
    const unknownType = estimate([], [ec2('big', { instanceType: 'x2iedn.32xlarge' })]);
    expect(costCheck(unknownType, { maxMonthlyCostIncrease: 1000 })).toEqual({
      conclusion: 'failure',
      message:
        'The estimated monthly cost change is unknown (ec2-big: the price table (2026-11-01) has no price for x2iedn.32xlarge in us-east-1), so it cannot be confirmed within policy.maxMonthlyCostIncrease ($1,000.00).',
    });
    const unreadableBase = estimate({ invalid: true, problems: ['bad'] }, [ec2('box')]);
    expect(costCheck(unreadableBase, { maxMonthlyCostIncrease: 10 }).conclusion).toBe('success');
    expect(costCheck(unreadableBase, { maxMonthlyCostIncrease: 5 }).conclusion).toBe('failure');
  });
});

describe('price table', () => {
  it('the shipped table › parses, is dated, names its source and covers the common types', async () => {
    const table = await loadPriceTable();
    expect(table.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(table.source).toMatch(/AWS Price List API/);
    expect(table.notice).toMatch(/list prices/);
    for (const type of ['t2.micro', 't3.micro', 't3a.small', 'm5.large', 'm6i.large', 'c5.large', 'r5.large']) {
      expect(table.ec2['us-east-1']![type]).toBeGreaterThan(0);
    }
    for (const region of Object.keys(table.ec2)) {
      expect(table.ebsGp3PerGiBMonth[region]).toBeGreaterThan(0);
      expect(table.s3StandardPerGiBMonth[region]).toBeGreaterThan(0);
      expect(table.s3Requests[region]).toBeDefined();
    }
  });

  it('a damaged table › a typed error naming the field', () => {
    expect(() => parsePriceTable({ ...PRICES, ec2: { 'us-east-1': { 't3.micro': -1 } } })).toThrow(PriceTableError);
    expect(() => parsePriceTable({ ...PRICES, date: 'yesterday' })).toThrow(/date/);
  });

  it('money › signs, cents and tiny amounts', () => {
    expect([formatDelta(8.2296), formatDelta(-1234.5), formatDelta(0), formatUsd(0.001)]).toEqual([
      '+$8.23',
      '−$1,234.50',
      '$0.00',
      '< $0.01',
    ]);
  });
});
