// Repo content for end-to-end stories: a config with local state (no bucket) and no roles (no STS needed).
export const CONFIG = `specsDir: infra-specs
defaults: { region: us-east-1, instanceType: t3.micro }
policy:
  allowedRegions: [us-east-1]
  allowedInstanceTypes: [t3.micro, t3.small]
  maxTtl: 30d
  requireTtl: [Ec2Instance]
sso: { awsAccountId: "123456789012" }
s3: { namePrefix: acme }
`;

export const GROUP = `apiVersion: infra-bot/v1
kind: OktaGroup
metadata:
  name: security-engineering
  owner: lead@demoac.com
spec:
  description: Security engineers
`;

export const devbox = (name: string, instanceType = 't3.micro') => `apiVersion: infra-bot/v1
kind: Ec2Instance
metadata:
  name: ${name}
  owner: bruce.lee@demoac.com
  ttl: 3m
spec:
  image: ubuntu-24.04
  instanceType: ${instanceType}
`;

export const bucket = (name: string) => `apiVersion: infra-bot/v1
kind: S3Bucket
metadata:
  name: ${name}
  owner: data@demoac.com
spec:
  versioning: true
`;
