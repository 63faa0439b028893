import { describe, expect, it } from '@jest/globals';
import {
  isOurCommit,
  requestBranch,
  requestCommitMessage,
  requestMarker,
} from '../../../src/workflow/self-service/request-branch.js';

const key = { owner: 'acme', repo: 'infra', command: 'new', issue: 12, name: 'devbox' };

describe('self-service › request branch', () => {
  it('names the branch after the command, issue and name; later attempts get a suffix', () => {
    expect(requestBranch(key)).toBe('infra-bot/new/12-devbox');
    expect(requestBranch(key, 2)).toBe('infra-bot/new/12-devbox-2');
  });

  it('recognises only commits written for exactly this request', () => {
    const message = requestCommitMessage(key, 'Add Ec2Instance/devbox', 'Requested by @bruce in #12.');
    expect(isOurCommit(message, key)).toBe(true);
    expect(isOurCommit(message, { ...key, issue: 13 })).toBe(false);
    expect(isOurCommit(message, { ...key, command: 'offboard' })).toBe(false);
    expect(isOurCommit('Add devbox by hand', key)).toBe(false);
    expect(requestMarker(key)).toBe('<!-- infra-bot:request acme/infra#12 new devbox -->');
  });
});
