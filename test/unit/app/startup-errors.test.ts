import { describe, expect, it } from '@jest/globals';
import { StartupError, startupErrorLine } from '../../../src/app/startup-errors.js';

const env = { DATABASE_URL: 'postgres://infra_bot:hunter2@db.internal:6543/infra_bot' };
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('startupErrorLine', () => {
  it('PostgreSQL unreachable › names host:port, the code, never the password; found in causes and aggregates', () => {
    const aggregate = new AggregateError([withCode('connect ECONNREFUSED ::1', 'ECONNREFUSED')], 'connect failed');
    for (const error of [withCode('x', 'ENOTFOUND'), new Error('wrapped', { cause: aggregate })]) {
      const line = startupErrorLine(error, { step: 'store', env });
      expect(line).toMatch(/^cannot reach PostgreSQL at db\.internal:6543 \((ENOTFOUND|ECONNREFUSED)\)/);
      expect(line).not.toContain('hunter2');
    }
  });

  it('PostgreSQL answers but refuses › its first line, one line', () => {
    const error = new Error('password authentication failed for user "infra_bot"\n  at stack');
    expect(startupErrorLine(error, { step: 'store', env })).toBe(
      'PostgreSQL at db.internal:6543 refused the connection: password authentication failed for user "infra_bot"',
    );
  });

  it('other steps › port in use, worded problems as they are, anything else on one line', () => {
    expect(startupErrorLine(withCode('listen', 'EADDRINUSE'), { step: 'server', env: { PORT: '3001' } })).toBe(
      'PORT 3001 is already in use: set PORT to a free port',
    );
    expect(startupErrorLine(new StartupError('said already'), { step: 'other', env: {} })).toBe('said already');
    expect(startupErrorLine(new Error('first\nsecond'), { step: 'other', env: {} })).toBe('start-up failed: first');
  });
});
