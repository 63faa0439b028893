import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { createAwsClients, type AwsClients, type AwsClientsOptions } from '../../../src/aws/aws-clients.js';
import { AwsRequestError, AwsThrottledError, AwsUnavailableError, toAwsError } from '../../../src/aws/aws-errors.js';
import { callerIdentity } from '../../../src/aws/caller-identity.js';
import { listManagedInstances } from '../../../src/aws/list-managed-instances.js';
import { startEc2Double, type Ec2Double } from '../../doubles/aws/ec2-server.js';
import { startStsDouble, type StsDouble } from '../../doubles/aws/sts-server.js';

const SECRET = 'app-secret-access-key-never-shown';
const credentials = { accessKeyId: 'AKIAAPPOWN', secretAccessKey: SECRET };

describe('AWS read clients against local STS and EC2 doubles', () => {
  let sts: StsDouble;
  let ec2: Ec2Double;
  const opened: AwsClients[] = [];
  const clients = (endpoint: string, options: Partial<AwsClientsOptions> = {}) => {
    const built = createAwsClients({ region: 'us-east-1', endpoint, credentials, maxAttempts: 2, ...options });
    opened.push(built);
    return built;
  };

  beforeAll(async () => {
    [sts, ec2] = await Promise.all([startStsDouble(), startEc2Double()]);
    for (let n = 0; n < 2500; n += 1) {
      ec2.addInstance({
        tags: { ManagedBy: 'infra-bot', InfraSpec: `Ec2Instance/box-${n}`, Owner: 'bruce@acme.test' },
      });
    }
    ec2.addInstance({ state: 'terminated', tags: { ManagedBy: 'infra-bot', InfraSpec: 'Ec2Instance/old' } });
    for (let n = 0; n < 300; n += 1) ec2.addInstance({ tags: { ManagedBy: 'someone-else' } });
    ec2.addInstance({ state: 'stopped', tags: { Name: 'untagged' } });
  });
  beforeEach(() => {
    for (const server of [sts, ec2]) {
      server.clearFaults();
      server.requests.length = 0;
    }
  });
  afterEach(() => {
    for (const built of opened.splice(0)) built.destroy();
  });
  afterAll(async () => {
    await Promise.all([sts.close(), ec2.close()]);
  });

  describe('callerIdentity', () => {
    it('signed GetCallerIdentity › account, ARN and user id', async () => {
      const identity = await callerIdentity(clients(sts.url).sts);

      expect(identity).toEqual({
        account: '123456789012',
        arn: 'arn:aws:sts::123456789012:assumed-role/infra-bot-app/i-0abc',
        userId: 'AROAEXAMPLEAPP:i-0abc',
      });
      expect(sts.requests[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAAPPOWN\//);
    });

    it('no endpoint option › AWS_ENDPOINT_URL_STS is honoured (the SDK reads it)', async () => {
      const saved = process.env.AWS_ENDPOINT_URL_STS;
      process.env.AWS_ENDPOINT_URL_STS = sts.url;
      try {
        const built = createAwsClients({ region: 'eu-west-1', credentials, maxAttempts: 1 });
        opened.push(built);

        expect((await callerIdentity(built.sts)).account).toBe('123456789012');
        expect(sts.requests).toHaveLength(1);
      } finally {
        if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_STS;
        else process.env.AWS_ENDPOINT_URL_STS = saved;
      }
    });

    it('500 once › retried by the SDK, then the identity', async () => {
      sts.failNext('server-error', 1);

      expect((await callerIdentity(clients(sts.url).sts)).account).toBe('123456789012');
      expect(sts.requests).toHaveLength(2);
    });

    it('throttled on every attempt › AwsThrottledError after maxAttempts, no secret in it', async () => {
      sts.failNext('throttle', 10);

      const err = await callerIdentity(clients(sts.url).sts).catch((e: unknown) => e);

      expect(err).toBeInstanceOf(AwsThrottledError);
      expect(err).toMatchObject({ code: 'aws_throttled', service: 'STS', awsCode: 'Throttling', status: 400 });
      expect((err as Error).message).toBe(
        'AWS STS GetCallerIdentity: throttled after 2 attempts (Throttling: Rate exceeded)',
      );
      expect(sts.requests).toHaveLength(2);
      expect(JSON.stringify({ ...(err as object), stack: (err as Error).stack })).not.toContain(SECRET);
    });

    it('nothing listening › AwsUnavailableError(ECONNREFUSED)', async () => {
      const err = await callerIdentity(clients(`http://127.0.0.1:${await freePort()}`).sts).catch((e: unknown) => e);

      expect(err).toBeInstanceOf(AwsUnavailableError);
      expect(err).toMatchObject({ code: 'aws_unavailable', awsCode: 'ECONNREFUSED' });
      expect((err as Error).message).toMatch(/^AWS STS GetCallerIdentity: cannot reach AWS \(ECONNREFUSED\)/);
    });

    it('hung endpoint › the request timeout ends it: AwsUnavailableError', async () => {
      sts.failNext('hang', 10);
      const started = Date.now();

      const err = await callerIdentity(clients(sts.url, { requestTimeoutMs: 200, maxAttempts: 1 }).sts).catch(
        (e: unknown) => e,
      );

      expect(err).toBeInstanceOf(AwsUnavailableError);
      expect((err as Error).message).toMatch(/no answer in time/);
      expect(Date.now() - started).toBeLessThan(5000);
    });

    it('deadline shorter than the retries › AwsUnavailableError at the deadline', async () => {
      sts.failNext('hang', 10);

      const err = await callerIdentity(clients(sts.url, { requestTimeoutMs: 5000 }).sts, { deadlineMs: 150 }).catch(
        (e: unknown) => e,
      );

      expect(err).toBeInstanceOf(AwsUnavailableError);
    });
  });

  describe('listManagedInstances', () => {
    it('pages through every ManagedBy=infra-bot instance, terminated ones left out', async () => {
      const instances = await listManagedInstances(clients(ec2.url).ec2);

      expect(instances).toHaveLength(2500);
      expect(instances[0]).toEqual({
        instanceId: 'i-00000000000000001',
        state: 'running',
        instanceType: 't3.micro',
        region: 'us-east-1',
        availabilityZone: 'us-east-1a',
        launchTime: '2030-01-01T00:00:00.000Z',
        tags: { ManagedBy: 'infra-bot', InfraSpec: 'Ec2Instance/box-0', Owner: 'bruce@acme.test' },
      });
      expect(ec2.requests).toHaveLength(3);
      const [first, second] = ec2.requests;
      expect(Object.fromEntries(first!.params)).toMatchObject({
        Action: 'DescribeInstances',
        'Filter.1.Name': 'tag:ManagedBy',
        'Filter.1.Value.1': 'infra-bot',
        'Filter.2.Name': 'instance-state-name',
        MaxResults: '1000',
      });
      expect(second!.params.get('NextToken')).toBeTruthy();
    });

    it('throttled on every attempt › AwsThrottledError (RequestLimitExceeded)', async () => {
      ec2.failNext('throttle', 10);

      const err = await listManagedInstances(clients(ec2.url).ec2).catch((e: unknown) => e);

      expect(err).toBeInstanceOf(AwsThrottledError);
      expect(err).toMatchObject({ service: 'EC2', operation: 'DescribeInstances', awsCode: 'RequestLimitExceeded' });
    });

    it('503 on the second page, once › retried, nothing lost', async () => {
      ec2.failNext('unavailable', 1, { action: 'DescribeInstances', after: 1 });

      const instances = await listManagedInstances(clients(ec2.url).ec2);

      expect(instances).toHaveLength(2500);
      expect(new Set(instances.map((i) => i.instanceId)).size).toBe(2500);
      expect(ec2.requests).toHaveLength(4);
    });
  });

  describe('toAwsError', () => {
    it.each([
      [{ name: 'AccessDenied', message: 'no', $metadata: { httpStatusCode: 403 } }, AwsRequestError],
      [{ name: 'ExpiredToken', message: 'expired', $metadata: { httpStatusCode: 400 } }, AwsRequestError],
      [{ name: 'ThrottlingException', message: 'slow', $metadata: { httpStatusCode: 400 } }, AwsThrottledError],
      [{ name: 'Anything', message: 'x', $metadata: { httpStatusCode: 429 } }, AwsThrottledError],
      [{ name: 'InternalError', message: 'x', $metadata: { httpStatusCode: 500 } }, AwsUnavailableError],
      [{ name: 'Error', code: 'ENOTFOUND', message: 'getaddrinfo' }, AwsUnavailableError],
      [{ name: 'TimeoutError', message: 'socket timed out' }, AwsUnavailableError],
    ])('%j › %p', (err, type) => {
      expect(toAwsError('EC2', 'DescribeInstances', err)).toBeInstanceOf(type);
    });
  });

  it.each([
    [{ region: 'useast1' }, 'region'],
    [{ maxAttempts: 0 }, 'maxAttempts'],
  ])('createAwsClients %j › refused', (options, message) => {
    expect(() => createAwsClients({ region: 'us-east-1', ...options })).toThrow(message);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
