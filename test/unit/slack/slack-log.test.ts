import { describe, expect, it } from '@jest/globals';
import { LogLevel } from '@slack/web-api';
import { redactSlackTokens, toSlackSdkLogger, type SlackLog } from '../../../src/slack/slack-log.js';

function capture(): SlackLog & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (fields: object, message?: string) =>
    void lines.push(`${level} ${JSON.stringify(fields)} ${message ?? ''}`);
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('Slack SDK logger', () => {
  it('SDK messages › one line each, tagged with the SDK, below-level lines dropped', () => {
    const log = capture();
    const sdk = toSlackSdkLogger(log, 'slack-bolt');
    sdk.debug('noise');
    sdk.warn('Request verification failed', new Error('Signature mismatch'));
    sdk.setLevel(LogLevel.DEBUG);
    sdk.debug('now visible');
    expect(log.lines).toEqual([
      'warn {"source":"slack-bolt"} Request verification failed Signature mismatch',
      'debug {"source":"slack-bolt"} now visible',
    ]);
    expect(sdk.getLevel()).toBe(LogLevel.DEBUG);
  });

  it('a token inside an SDK message › redacted', () => {
    const log = capture();
    toSlackSdkLogger(log, 'slack-web-api').error('failed with token xoxb-123-456-abcDEF and xapp-1-A0-xyz');
    expect(log.lines[0]).not.toMatch(/xoxb-|xapp-/);
    expect(redactSlackTokens('Bearer xoxp-1-2-3')).toBe('Bearer [redacted]');
  });
});
