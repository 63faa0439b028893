import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { createAwsClients, type AwsClients } from '../../../src/aws/aws-clients.js';
import { callerIdentity } from '../../../src/aws/caller-identity.js';
import { renderWhoami } from '../../../src/aws/render-whoami.js';
import { repoConfigSchema } from '../../../src/config/repo-config-schema.js';
import { startStsDouble, type StsDouble } from '../../doubles/aws/sts-server.js';

const SECRET = 'whoami-secret-access-key';
const config = repoConfigSchema.parse({
  terraform: {
    stateBucket: 'acme-tfstate',
    roleArn: 'arn:aws:iam::123456789012:role/infra-bot-apply',
    planRoleArn: 'arn:aws:iam::123456789012:role/infra-bot-plan',
  },
  approvals: { slackChannel: 'C0123456789', approverOktaGroup: 'infra-approvers' },
  sso: { awsAccountId: '123456789012' },
});

describe('whoami', () => {
  let sts: StsDouble;
  let aws: AwsClients;

  beforeAll(async () => {
    sts = await startStsDouble();
    aws = createAwsClients({
      region: 'us-east-1',
      endpoint: sts.url,
      credentials: { accessKeyId: 'AKIAWHOAMI', secretAccessKey: SECRET },
    });
  });
  afterAll(async () => {
    aws.destroy();
    await sts.close();
  });

  it('renderWhoami › identity from STS, roles, Okta org, installation, config in force (snapshot), no secret', async () => {
    const identity = await callerIdentity(aws.sts);

    const text = renderWhoami({
      identity,
      runnerRoleArn: config.terraform.roleArn,
      planRoleArn: config.terraform.planRoleArn,
      oktaOrgUrl: 'https://acme.okta.com',
      installationId: 99,
      repository: 'acme/infra',
      config,
    });

    // The table is snapshotted; the config block must be exactly the config in force, whatever fields it grows.
    const [table, details] = text.split('<details>');
    expect(table).toMatchSnapshot();
    const yaml = /```yaml\n([\s\S]*?)\n```/.exec(details!)![1]!;
    expect(parse(yaml)).toEqual(config);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('AKIAWHOAMI');
  });

  it('renderWhoami › AWS unreachable › says so, the rest still shown', () => {
    const text = renderWhoami({
      identity: { error: 'AWS STS GetCallerIdentity: cannot reach AWS (ECONNREFUSED)' },
      config,
    });

    expect(text).toContain('| AWS | unreachable: AWS STS GetCallerIdentity: cannot reach AWS (ECONNREFUSED) |');
    expect(text).toContain('| Okta org | not configured |');
    expect(text).toContain('| Apply role (terraform.roleArn) | not set |');
  });
});
