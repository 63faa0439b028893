// Short-lived credentials for one Terraform run, through STS AssumeRole.
import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentials } from '../plan/runner.js';

export interface AssumeRoleForRun {
  roleArn: string;
  /** Free text (e.g. `infra-bot-acme-infra-42-s3-logs`); sanitised to STS's charset and length. */
  sessionName: string;
  durationSeconds: number;
  externalId?: string;
}

export interface StsCredentialsProvider {
  forRun(req: AssumeRoleForRun): Promise<AwsCredentials>;
}

export type StsErrorCode = 'sts_assume_role_failed' | 'sts_invalid_request';

/** Names the role and what STS said; never carries the credentials or the raw response. */
export class StsCredentialsError extends Error {
  readonly code: StsErrorCode;
  readonly roleArn: string;
  readonly awsCode?: string;
  readonly requestId?: string;

  constructor(code: StsErrorCode, roleArn: string, message: string, aws?: { awsCode?: string; requestId?: string }) {
    super(message);
    this.name = 'StsCredentialsError';
    this.code = code;
    this.roleArn = roleArn;
    if (aws?.awsCode) this.awsCode = aws.awsCode;
    if (aws?.requestId) this.requestId = aws.requestId;
  }
}

/** STS accepts durations of 15 min to 12 h (role chaining: at most 1 h, which STS enforces). */
const MIN_DURATION = 900;
const MAX_DURATION = 43_200;

/** RoleSessionName: `[\w+=,.@-]`, 2 to 64 characters. */
export function sanitizeSessionName(name: string): string {
  const cleaned = name.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
  if (cleaned.length >= 2) return cleaned;
  return cleaned ? `infra-bot-${cleaned}` : 'infra-bot';
}

export function createStsCredentialsProvider(deps: {
  /** Built on first use: the STS package costs a worker ~15 MB before any job assumes a role. */
  sts: () => Promise<STSClient>;
  clock: { now(): Date };
}): StsCredentialsProvider {
  async function forRun(req: AssumeRoleForRun): Promise<AwsCredentials> {
    const { roleArn, durationSeconds } = req;
    if (!Number.isInteger(durationSeconds) || durationSeconds < MIN_DURATION || durationSeconds > MAX_DURATION) {
      throw new StsCredentialsError(
        'sts_invalid_request',
        roleArn,
        `cannot assume role ${roleArn}: durationSeconds must be an integer from ${MIN_DURATION} to ${MAX_DURATION}, got ${durationSeconds}`,
      );
    }
    let response;
    try {
      const [sts, { AssumeRoleCommand }] = await Promise.all([deps.sts(), import('@aws-sdk/client-sts')]);
      response = await sts.send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: sanitizeSessionName(req.sessionName),
          DurationSeconds: durationSeconds,
          ...(req.externalId ? { ExternalId: req.externalId } : {}),
        }),
      );
    } catch (err) {
      // Copy only what identifies the failure: the SDK error may hold the raw HTTP response.
      const e = err as { name?: string; message?: string; $metadata?: { requestId?: string } };
      throw new StsCredentialsError(
        'sts_assume_role_failed',
        roleArn,
        `could not assume role ${roleArn}: ${e.name ?? 'Error'}: ${e.message ?? String(err)}`,
        { awsCode: e.name, requestId: e.$metadata?.requestId },
      );
    }
    const c = response.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
      throw new StsCredentialsError(
        'sts_assume_role_failed',
        roleArn,
        `could not assume role ${roleArn}: STS returned incomplete credentials`,
        { requestId: response.$metadata.requestId },
      );
    }
    if (c.Expiration.getTime() <= deps.clock.now().getTime()) {
      throw new StsCredentialsError(
        'sts_assume_role_failed',
        roleArn,
        `could not assume role ${roleArn}: STS returned credentials that expired at ${c.Expiration.toISOString()} (clock skew?)`,
        { requestId: response.$metadata.requestId },
      );
    }
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
  }
  return { forRun };
}
