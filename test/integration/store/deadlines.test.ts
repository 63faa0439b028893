import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createTestClock } from '../../../src/jobs/clock.js';
import type { ScheduleDeadlineInput, Store } from '../../../src/store/store.js';
import { ENGINES, createHarness } from './engines.js';
import type { EngineHarness } from './engines.js';

const T0 = new Date('2030-01-01T00:00:00.000Z');
const HOUR = 3_600_000;
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);
const repo = 'acme/infra';
const deadline = (over: Partial<ScheduleDeadlineInput> = {}): ScheduleDeadlineInput => ({
  repo,
  specKey: 'Ec2Instance/devbox',
  stack: 'ec2-devbox',
  dueAt: at(24),
  owner: 'bruce.lee@demoac.com',
  reminders: [at(0), at(23)],
  ...over,
});

describe.each(ENGINES)('store (%s) › deadlines', (engine) => {
  const clock = createTestClock(T0);
  let harness: EngineHarness;
  let store: Store;

  beforeAll(async () => {
    harness = await createHarness(engine);
    store = await harness.open({ clock });
  });
  afterAll(() => harness.dispose());
  beforeEach(() => harness.reset());

  it('schedules a deadline with its reminders', async () => {
    const scheduled = await store.scheduleDeadline(deadline());
    expect(scheduled).toMatchObject({
      repo,
      specKey: 'Ec2Instance/devbox',
      stack: 'ec2-devbox',
      dueAt: at(24),
      owner: 'bruce.lee@demoac.com',
      status: 'scheduled',
      reminders: [{ at: at(0) }, { at: at(23) }],
    });
    expect(scheduled.reminders[0]?.sentAt).toBeUndefined();
    expect(await store.getDeadline(repo, 'Ec2Instance/devbox')).toEqual(scheduled);
  });

  it('extended › moves the same deadline, keeping reminders already sent at unchanged times', async () => {
    const first = await store.scheduleDeadline(deadline());
    const [due] = await store.dueReminders(at(1), 10);
    await store.markReminderSent(due!.id, at(1));
    const moved = await store.scheduleDeadline(deadline({ dueAt: at(48), reminders: [at(0), at(47)] }));
    expect(moved.id).toBe(first.id);
    expect(moved.dueAt).toEqual(at(48));
    expect(moved.reminders).toEqual([{ at: at(0), sentAt: at(1) }, { at: at(47) }]);
    expect(await store.listDeadlines()).toHaveLength(1);
    expect(await store.dueReminders(at(1), 10)).toEqual([]);
  });

  it('finds due deadlines oldest first, up to the limit, and not before they are due', async () => {
    await store.scheduleDeadline(deadline({ specKey: 'S3Bucket/late', dueAt: at(30) }));
    await store.scheduleDeadline(deadline({ specKey: 'Ec2Instance/b', dueAt: at(2) }));
    await store.scheduleDeadline(deadline({ specKey: 'Ec2Instance/a', dueAt: at(1) }));
    expect(await store.dueDeadlines(at(0.5), 10)).toEqual([]);
    expect((await store.dueDeadlines(at(2), 10)).map((d) => d.specKey)).toEqual(['Ec2Instance/a', 'Ec2Instance/b']);
    expect((await store.dueDeadlines(at(2), 1)).map((d) => d.specKey)).toEqual(['Ec2Instance/a']);
    const [first] = await store.dueDeadlines(at(2), 1);
    expect(first?.reminders.map((r) => r.at)).toEqual([at(0), at(23)]);
  });

  it('completes a deadline once; completed and cancelled ones are no longer due', async () => {
    const a = await store.scheduleDeadline(deadline({ specKey: 'Ec2Instance/a', dueAt: at(1) }));
    await store.scheduleDeadline(deadline({ specKey: 'Ec2Instance/b', dueAt: at(1) }));
    expect(await store.completeDeadline(a.id, 'destroyed')).toBe(true);
    expect(await store.completeDeadline(a.id, 'again')).toBe(false);
    expect(await store.cancelDeadline(repo, 'Ec2Instance/b')).toBe(true);
    expect(await store.cancelDeadline(repo, 'Ec2Instance/b')).toBe(false);
    expect(await store.dueDeadlines(at(5), 10)).toEqual([]);
    expect(await store.getDeadline(repo, 'Ec2Instance/a')).toMatchObject({ status: 'completed', outcome: 'destroyed' });
    expect((await store.listDeadlines({ status: 'cancelled' })).map((d) => d.specKey)).toEqual(['Ec2Instance/b']);
    expect(await store.listDeadlines({ repo: 'acme/other' })).toEqual([]);
  });

  it('rescheduling a finished deadline starts it afresh, reminders included', async () => {
    const first = await store.scheduleDeadline(deadline());
    const [reminder] = await store.dueReminders(at(1), 10);
    await store.markReminderSent(reminder!.id, at(1));
    await store.completeDeadline(first.id, 'destroyed');
    const again = await store.scheduleDeadline(deadline());
    expect(again).toMatchObject({ status: 'scheduled', reminders: [{ at: at(0) }, { at: at(23) }] });
    expect(again.outcome).toBeUndefined();
    expect(again.reminders[0]?.sentAt).toBeUndefined();
  });

  it('gives due reminders until they are marked sent, and none for a deadline already due', async () => {
    await store.scheduleDeadline(deadline({ specKey: 'Ec2Instance/a', dueAt: at(10), reminders: [at(1), at(9)] }));
    await store.scheduleDeadline(deadline({ specKey: 'Ec2Instance/gone', dueAt: at(2), reminders: [at(1)] }));
    const due = await store.dueReminders(at(3), 10);
    expect(due.map((r) => [r.deadline.specKey, r.remindAt])).toEqual([['Ec2Instance/a', at(1)]]);
    expect(due[0]?.deadline.reminders).toHaveLength(2);
    await store.markReminderSent(due[0]!.id, at(3));
    expect(await store.dueReminders(at(3), 10)).toEqual([]);
    expect((await store.dueReminders(at(9), 10)).map((r) => r.remindAt)).toEqual([at(9)]);
  });

  it('rejects a deadline or a reminder that is not a date, and schedules nothing', async () => {
    await expect(store.scheduleDeadline(deadline({ dueAt: new Date('nope') }))).rejects.toMatchObject({
      code: 'invalid-input',
    });
    await expect(store.scheduleDeadline(deadline({ reminders: [new Date('nope')] }))).rejects.toMatchObject({
      code: 'invalid-input',
    });
    expect(await store.listDeadlines()).toEqual([]);
  });

  it('10,000 scheduled deadlines › a due pass takes well under 100 ms', async () => {
    // Bulk-loaded in SQL (the same statement on both engines): the subject is the due query, not 10,000 inserts.
    await harness.sql(`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
      INSERT INTO deadlines (repo, spec_key, stack, due_at, owner, status, created_at, updated_at)
      SELECT 'acme/bulk', 'Ec2Instance/box-' || i, 'ec2-box-' || i, ${T0.getTime()} + i * 60000, NULL,
             CASE WHEN i % 10 = 0 THEN 'completed' ELSE 'scheduled' END, ${T0.getTime()}, ${T0.getTime()}
      FROM n;
      INSERT INTO deadline_reminders (deadline_id, remind_at) SELECT id, due_at - ${HOUR} FROM deadlines;
      ${engine === 'postgres' ? 'ANALYZE deadlines; ANALYZE deadline_reminders;' : 'ANALYZE;'}
    `);
    const now = new Date(T0.getTime() + 1000 * 60000);
    await store.dueDeadlines(now, 100);
    const timings: number[] = [];
    for (let run = 0; run < 5; run += 1) {
      const started = performance.now();
      const due = await store.dueDeadlines(now, 100);
      timings.push(performance.now() - started);
      expect(due).toHaveLength(100);
      expect(due.every((d) => d.status === 'scheduled' && d.reminders.length === 1)).toBe(true);
    }
    timings.sort((a, b) => a - b);
    expect(timings[2]).toBeLessThan(100);
  });
});
