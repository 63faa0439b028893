import type { AwsClients } from '../aws/aws-clients.js';

/**
 * STS and EC2 read clients (finite retries and timeouts), built on first use: the EC2 client is large and only the
 * identity commands need it. Endpoints follow `AWS_ENDPOINT_URL*`, which the SDK reads itself.
 */
export function lazyAwsClients(raw: Record<string, string | undefined>): () => Promise<AwsClients> {
  let clients: Promise<AwsClients> | undefined;
  return () =>
    (clients ??= import('../aws/aws-clients.js').then(({ createAwsClients }) =>
      createAwsClients({ region: raw.AWS_REGION ?? raw.AWS_DEFAULT_REGION ?? 'us-east-1' }),
    ));
}
