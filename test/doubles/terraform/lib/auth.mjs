// Provider authentication as the real providers do it at configure time.
import { fail } from './cli.mjs';

/** Providers authenticate when configured: AWS needs keys, Okta an org and a token (as the real providers do). */
export function requireProviderAuth(ctx, config, types) {
  if (ctx.env.TF_DOUBLE_SKIP_PROVIDER_AUTH === '1') return;
  const block = (local) => [config?.providerBlocks?.[local] ?? []].flat()[0] ?? {};
  const env = ctx.env;
  if (types.some((t) => t.startsWith('aws_'))) {
    const p = block('aws');
    if (!((env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) || (p.access_key && p.secret_key))) {
      fail(
        'No valid credential sources found',
        '  with provider["registry.terraform.io/hashicorp/aws"],\n  on cdk.tf.json line 1, in provider "aws":\n\n' +
          'Please see https://registry.terraform.io/providers/hashicorp/aws/latest/docs#authentication-and-configuration\n' +
          'for more information about providing credentials.',
      );
    }
  }
  if (types.some((t) => t.startsWith('okta_'))) {
    const p = block('okta');
    const org = env.OKTA_ORG_NAME || p.org_name;
    const token = env.OKTA_API_TOKEN || env.OKTA_ACCESS_TOKEN || env.OKTA_PRIVATE_KEY || p.api_token || p.private_key;
    if (!org || !token) {
      fail(
        'Invalid provider configuration',
        'The okta provider needs org_name (or OKTA_ORG_NAME) and api_token, access_token or private_key\n(or OKTA_API_TOKEN, OKTA_ACCESS_TOKEN, OKTA_PRIVATE_KEY).',
      );
    }
  }
}
