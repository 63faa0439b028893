import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { STSClient } from '@aws-sdk/client-sts';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StsCredentialsError, createStsCredentialsProvider } from '../../../src/aws/sts-credentials.js';

const ROLE = 'arn:aws:iam::123456789012:role/infra-bot-apply';
const DENIED_ROLE = 'arn:aws:iam::123456789012:role/not-allowed';
const CLIENT_SECRET = 'app-own-secret-key-for-signing';
const NOW = new Date('2026-03-01T12:00:00Z');

/** A minimal STS Query API endpoint: AssumeRole → AssumeRoleResponse XML, or AccessDenied for DENIED_ROLE. */
function stsXml(params: URLSearchParams): { status: number; body: string } {
  if (params.get('RoleArn') === DENIED_ROLE) {
    return {
      status: 403,
      body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/infra-bot is not authorized to perform: sts:AssumeRole on resource: ${DENIED_ROLE}</Message></Error>
  <RequestId>denied-request-id</RequestId>
</ErrorResponse>`,
    };
  }
  const expiration = new Date(NOW.getTime() + Number(params.get('DurationSeconds')) * 1000).toISOString();
  return {
    status: 200,
    body: `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/infra-bot-apply/${params.get('RoleSessionName')}</Arn>
      <AssumedRoleId>AROAEXAMPLE:${params.get('RoleSessionName')}</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIARUNKEY</AccessKeyId>
      <SecretAccessKey>run-secret-access-key</SecretAccessKey>
      <SessionToken>run-session-token</SessionToken>
      <Expiration>${expiration}</Expiration>
    </Credentials>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>ok-request-id</RequestId></ResponseMetadata>
</AssumeRoleResponse>`,
  };
}

describe('STS credentials provider against a local STS endpoint', () => {
  let server: Server;
  let sts: STSClient;
  let requests: { params: URLSearchParams; headers: IncomingHttpHeaders }[];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const params = new URLSearchParams(Buffer.concat(chunks).toString());
        requests.push({ params, headers: req.headers });
        const { status, body } = stsXml(params);
        res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': 'hdr-request-id' }).end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    sts = new STSClient({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'AKIAAPPOWN', secretAccessKey: CLIENT_SECRET },
      maxAttempts: 1,
    });
  });
  beforeEach(() => {
    requests = [];
  });
  afterAll(async () => {
    sts.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const provider = () => createStsCredentialsProvider({ sts: async () => sts, clock: { now: () => NOW } });

  it('AssumeRole › returns the session credentials with their expiration', async () => {
    const creds = await provider().forRun({
      roleArn: ROLE,
      sessionName: 'infra-bot acme/infra#42 s3-logs',
      durationSeconds: 3600,
      externalId: 'ext-123',
    });

    expect(creds).toEqual({
      accessKeyId: 'ASIARUNKEY',
      secretAccessKey: 'run-secret-access-key',
      sessionToken: 'run-session-token',
      expiration: new Date('2026-03-01T13:00:00Z'),
    });
    const [sent] = requests;
    expect(sent!.params.get('Action')).toBe('AssumeRole');
    expect(sent!.params.get('RoleArn')).toBe(ROLE);
    expect(sent!.params.get('RoleSessionName')).toBe('infra-bot-acme-infra-42-s3-logs');
    expect(sent!.params.get('DurationSeconds')).toBe('3600');
    expect(sent!.params.get('ExternalId')).toBe('ext-123');
    expect(sent!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAAPPOWN\//);
  });

  it('no externalId › none sent', async () => {
    await provider().forRun({ roleArn: ROLE, sessionName: 'run', durationSeconds: 900 });

    expect(requests[0]!.params.has('ExternalId')).toBe(false);
  });

  it('AccessDenied › typed error naming the role, never a credential', async () => {
    const err = await provider()
      .forRun({ roleArn: DENIED_ROLE, sessionName: 'run', durationSeconds: 900 })
      .catch((e: unknown) => e);

    expect(err).toBeInstanceOf(StsCredentialsError);
    const e = err as StsCredentialsError;
    expect(e.code).toBe('sts_assume_role_failed');
    expect(e.roleArn).toBe(DENIED_ROLE);
    expect(e.awsCode).toBe('AccessDenied');
    expect(e.message).toContain(`could not assume role ${DENIED_ROLE}: AccessDenied: User:`);
    const serialised = JSON.stringify({ ...e, message: e.message, stack: e.stack });
    expect(serialised).not.toContain(CLIENT_SECRET);
    expect(e.cause).toBeUndefined();
  });

  it('duration outside STS limits › refused without calling STS', async () => {
    const err = await provider()
      .forRun({ roleArn: ROLE, sessionName: 'run', durationSeconds: 60 })
      .catch((e: unknown) => e);

    expect(err).toMatchObject({ code: 'sts_invalid_request', roleArn: ROLE });
    expect(requests).toEqual([]);
  });

  it('credentials already expired by our clock › refused', async () => {
    const late = createStsCredentialsProvider({
      sts: async () => sts,
      clock: { now: () => new Date('2026-03-01T14:00:00Z') },
    });

    await expect(late.forRun({ roleArn: ROLE, sessionName: 'run', durationSeconds: 3600 })).rejects.toMatchObject({
      code: 'sts_assume_role_failed',
      message: expect.stringContaining('clock skew'),
    });
  });
});
