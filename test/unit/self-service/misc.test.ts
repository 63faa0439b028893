import { describe, expect, it } from '@jest/globals';
import { AwsUnavailableError } from '../../../src/aws/aws-errors.js';
import { OktaRateLimitedError, OktaUnavailableError } from '../../../src/okta/errors.js';
import { bucketStates } from '../../../src/workflow/self-service/bucket-states.js';
import { specNameFor } from '../../../src/workflow/self-service/onboard-draft.js';
import { describeServiceFailure } from '../../../src/workflow/self-service/service-failure.js';

describe('self-service › small pure parts', () => {
  it.each([
    [{ email: 'Bruce.Lee@demoac.com', firstName: 'B', lastName: 'L' }, 'bruce-lee'],
    [{ email: 'o+tag@demoac.com', firstName: 'O', lastName: 'K' }, 'o-tag'],
    [{ email: '__@demoac.com', firstName: 'José', lastName: 'Núñez' }, 'jose-nunez'],
    [{ email: '__@demoac.com', firstName: '李', lastName: '雷' }, undefined],
  ])('spec name for %j › %s', (person, name) => {
    expect(specNameFor(person)).toBe(name);
  });

  it('service failures name the service; other errors are not described', () => {
    expect(
      describeServiceFailure(
        new OktaUnavailableError('GET /api/v1/users', 'unreachable', 'cannot reach Okta (ECONNREFUSED)'),
        true,
      ),
    ).toBe(
      '⚠️ Okta is unreachable (`Okta GET /api/v1/users: cannot reach Okta (ECONNREFUSED)`). Nothing was written; comment the command again once it is back.',
    );
    const limited = new OktaRateLimitedError(
      'GET /api/v1/users',
      'still rate limited',
      new Date('2030-01-01T00:00:00Z'),
    );
    expect(describeServiceFailure(limited, false)).toContain('Okta says the limit resets at 2030-01-01T00:00:00.000Z.');
    expect(
      describeServiceFailure(
        new AwsUnavailableError('EC2', 'DescribeInstances', 'cannot reach AWS (ECONNREFUSED)'),
        false,
      ),
    ).toBe('⚠️ AWS is unreachable (`AWS EC2 DescribeInstances: cannot reach AWS (ECONNREFUSED)`).');
    expect(describeServiceFailure(new Error('boom'), true)).toBeUndefined();
  });

  it('bucket states come from what the app last did to each bucket stack', () => {
    const entry = (stack: string, action: string, outcome: string, minute: number) => ({
      id: `${stack}${minute}`,
      at: new Date(Date.UTC(2030, 0, 1, 0, minute)),
      actor: 'x',
      action,
      repo: 'acme/infra',
      stack,
      outcome,
    });
    const states = bucketStates(
      [
        { name: 'logs', bucketName: 'acme-logs' },
        { name: 'old', bucketName: 'acme-old' },
        { name: 'bad', bucketName: 'acme-bad' },
        { name: 'new', bucketName: 'acme-new' },
      ],
      [
        entry('s3-logs', 'apply', 'applied', 1),
        entry('s3-logs', 'apply', 'no changes', 5),
        entry('s3-old', 'apply', 'applied', 1),
        entry('s3-old', 'expire', 'destroyed; spec removed', 9),
        entry('s3-bad', 'apply', 'failed', 3),
      ],
    );
    expect(Object.fromEntries(states)).toEqual({
      'acme-logs': 'applied 2030-01-01T00:05:00Z',
      'acme-old': 'destroyed 2030-01-01T00:09:00Z',
      'acme-bad': 'apply failed 2030-01-01T00:03:00Z',
      'acme-new': 'not applied yet',
    });
  });
});
