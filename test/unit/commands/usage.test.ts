import { describe, expect, it } from '@jest/globals';
import { renderUsage } from '../../../src/commands/usage.js';

describe('renderUsage', () => {
  it('pull request › lists PR commands and the shared ones, not issue commands', () => {
    const usage = renderUsage('pull_request');
    for (const line of [
      '/infra plan [stack…]',
      '/infra apply [stack…]',
      '/infra unlock',
      '/infra destroy <kind>/<name>',
    ]) {
      expect(usage).toContain(`\`${line}\``);
    }
    expect(usage).toContain('`/infra status`');
    expect(usage).toContain('`/infra help`');
    expect(usage).not.toContain('/infra new');
    expect(usage).not.toContain('/infra whoami');
    expect(usage).toMatchSnapshot();
  });

  it('issue › lists issue commands and the shared ones, not PR commands', () => {
    const usage = renderUsage('issue');
    expect(usage).toContain('`/infra new <Kind> name=<name> key=value…`');
    expect(usage).toContain('`/infra offboard <user-name> [--deprovision]`');
    expect(usage).toContain('`/infra status`');
    expect(usage).not.toContain('/infra unlock');
    expect(usage).not.toContain('/infra unlock');
    expect(usage).toMatchSnapshot();
  });
});
