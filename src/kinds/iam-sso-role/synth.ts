// IamSsoRole → an IAM role that members of its Okta group assume through the Okta SAML provider, with its managed
// policy attachments and optional inline policy. The Okta side (app assignment) is in saml-federation.ts.
import { createHash } from 'node:crypto';
import type { Construct } from 'constructs';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import type { IntentSpecOf } from '../../specs/model.js';
import type { SynthContext } from '../../synth/context.js';
import { engine } from '../../synth/engine.js';
import { escapeTf } from '../../synth/escape.js';
import { byCodePoint } from '../../synth/by-code-point.js';
import { awsTags } from '../../synth/tags.js';

export const SAML_AUDIENCE = 'https://signin.aws.amazon.com/saml';

/** `samlProviderArn` is a CDKTF reference, so IAM only sees the role once the provider exists. */
export function addIamSsoRole(
  scope: Construct,
  spec: IntentSpecOf<'IamSsoRole'>,
  ctx: SynthContext,
  samlProviderArn: string,
): IamRole {
  const { IamRole, IamRolePolicy, IamRolePolicyAttachment } = engine().aws;
  const { name } = spec.metadata;
  const id = `role_${name}`;
  const role = new IamRole(scope, id, {
    name: escapeTf(name),
    // Only a reference and constants in this JSON: nothing user-written, so nothing to escape.
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: samlProviderArn },
          Action: 'sts:AssumeRoleWithSAML',
          Condition: { StringEquals: { 'SAML:aud': SAML_AUDIENCE } },
        },
      ],
    }),
    maxSessionDuration: spec.spec.maxSessionDurationSeconds,
    tags: awsTags(spec, ctx.expiresAt(spec)),
  });
  for (const [arn, suffix] of attachmentIds(spec.spec.managedPolicyArns)) {
    new IamRolePolicyAttachment(scope, `${id}_policy_${suffix}`, { role: role.name, policyArn: escapeTf(arn) });
  }
  if (spec.spec.inlinePolicy) {
    new IamRolePolicy(scope, `${id}_inline`, {
      name: 'infra-bot-inline',
      role: role.id,
      // Escaping the JSON text escapes every user string in it: `${aws:username}` stays an IAM policy variable.
      policy: escapeTf(JSON.stringify(spec.spec.inlinePolicy)),
    });
  }
  return role;
}

/**
 * Construct-id suffix per policy ARN, stable when ARNs are added, removed or reordered: the policy name, plus a hash
 * of the ARN where two ARNs share a name (an AWS-managed and a customer-managed `ReadOnlyAccess`, say).
 */
function attachmentIds(arns: readonly string[]): [string, string][] {
  const unique = [...new Set(arns)].sort(byCodePoint);
  const slug = (arn: string) => (arn.split('/').pop() ?? arn).replace(/[^A-Za-z0-9_-]/g, '-');
  const counts = new Map<string, number>();
  for (const arn of unique) counts.set(slug(arn), (counts.get(slug(arn)) ?? 0) + 1);
  return unique.map((arn) => {
    const base = slug(arn);
    if (counts.get(base) === 1) return [arn, base];
    return [arn, `${base}_${createHash('sha256').update(arn).digest('hex').slice(0, 8)}`];
  });
}
