// `/infra whoami`'s AWS half: who the app's credentials are, through STS GetCallerIdentity.
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { toAwsError } from './aws-errors.js';

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

/** Throws AwsUnavailableError / AwsThrottledError / AwsRequestError; `deadlineMs` bounds the call, retries included. */
export async function callerIdentity(sts: STSClient, options: { deadlineMs?: number } = {}): Promise<CallerIdentity> {
  const { deadlineMs = 15_000 } = options;
  try {
    const out = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: AbortSignal.timeout(deadlineMs) });
    return { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
  } catch (err) {
    throw toAwsError('STS', 'GetCallerIdentity', err);
  }
}
