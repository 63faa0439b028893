import { describe, expect, it } from '@jest/globals';
import { loggerOptionsFromEnv } from '../../../src/logging/logger-env.js';

describe("loggerOptionsFromEnv › Probot's own defaults", () => {
  it.each([
    [{}, { level: 'info', format: 'pretty', levelInString: false }],
    [{ NODE_ENV: 'production' }, { level: 'info', format: 'json' }],
    [
      { LOG_FORMAT: 'json', LOG_LEVEL: 'debug' },
      { level: 'debug', format: 'json' },
    ],
    [{ LOG_FORMAT: 'pretty', NODE_ENV: 'production' }, { format: 'pretty' }],
    [{ LOG_FORMAT: 'anything' }, { format: 'json' }],
    [{ LOG_LEVEL: 'loud' }, { level: 'info' }],
    [
      { LOG_LEVEL_IN_STRING: 'true', LOG_MESSAGE_KEY: 'message' },
      { levelInString: true, messageKey: 'message' },
    ],
  ])('%j › %j', (env, expected) => {
    expect(loggerOptionsFromEnv(env, ['s3cr3t-value'])).toMatchObject({ ...expected, secrets: ['s3cr3t-value'] });
  });
});
