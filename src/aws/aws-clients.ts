// The AWS read clients, built once per process: STS for the caller identity, EC2 per region for the inventory. Every
// call is finite: `maxAttempts` attempts (the SDK's standard retries, throttling included), a connection and a
// request timeout per attempt (the handler's default is none), and a per-call deadline in the callers (abortSignal).
// Credentials come from the default chain unless given; endpoints from `endpoint`, else from AWS_ENDPOINT_URL_STS /
// AWS_ENDPOINT_URL_EC2 / AWS_ENDPOINT_URL, which the SDK reads itself.
import { EC2Client } from '@aws-sdk/client-ec2';
import { STSClient } from '@aws-sdk/client-sts';

export interface AwsClientsOptions {
  region: string;
  /** One endpoint for every service (a local double); absent: the SDK's own resolution, env variables included. */
  endpoint?: string;
  /** Static credentials (tests); absent: the default credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Attempts per call, first included (default 3). */
  maxAttempts?: number;
  /** One attempt, response included (default 10 s). */
  requestTimeoutMs?: number;
  /** Establishing the connection (default 3 s). */
  connectTimeoutMs?: number;
}

export interface AwsClients {
  region: string;
  sts: STSClient;
  /** EC2 in the default region. */
  ec2: EC2Client;
  /** EC2 in another region, built on first use and kept. */
  ec2In(region: string): EC2Client;
  destroy(): void;
}

const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;

export function createAwsClients(options: AwsClientsOptions): AwsClients {
  const { maxAttempts = 3, requestTimeoutMs = 10_000, connectTimeoutMs = 3_000 } = options;
  if (!REGION.test(options.region)) throw new RangeError(`AWS region must look like us-east-1, got ${options.region}`);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 10) {
    throw new RangeError('AWS maxAttempts must be a whole number from 1 to 10');
  }
  const config = (region: string) => ({
    region,
    maxAttempts,
    requestHandler: {
      requestTimeout: requestTimeoutMs,
      connectionTimeout: connectTimeoutMs,
      throwOnRequestTimeout: true,
    },
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  const sts = new STSClient(config(options.region));
  const ec2ByRegion = new Map<string, EC2Client>();
  const ec2In = (region: string): EC2Client => {
    if (!REGION.test(region)) throw new RangeError(`AWS region must look like us-east-1, got ${region}`);
    let client = ec2ByRegion.get(region);
    if (!client) {
      client = new EC2Client(config(region));
      ec2ByRegion.set(region, client);
    }
    return client;
  };
  return {
    region: options.region,
    sts,
    ec2: ec2In(options.region),
    ec2In,
    destroy() {
      sts.destroy();
      for (const client of ec2ByRegion.values()) client.destroy();
      ec2ByRegion.clear();
    },
  };
}
