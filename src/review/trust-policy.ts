// An SSO role's trust policy must let in exactly one kind of caller: a SAML sign-in through our provider, for the
// AWS console audience. Anything broader (another principal, another action, no audience condition) is an error.
import type { SynthSettings } from '../specs/model.js';
import { SAML_AUDIENCE } from '../kinds/iam-sso-role/synth.js';
import { samlProviderArn } from '../kinds/iam-sso-role/saml-federation.js';
import type { IdentityStack } from './identity-stack.js';

const SAML_ACTION = 'sts:AssumeRoleWithSAML';

type Statement = Record<string, unknown>;
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Problems, as sentences; empty when the policy trusts exactly the SAML provider with the sign-in audience. */
export function checkTrustPolicy(
  policy: unknown,
  stack: IdentityStack,
  sso: NonNullable<SynthSettings['sso']>,
): string[] {
  const statements = list((policy as { Statement?: unknown } | undefined)?.Statement) as Statement[];
  const allows = statements.filter((s) => typeof s === 'object' && s !== null && s.Effect === 'Allow');
  if (allows.length === 0) return ['the trust policy is missing or allows nobody'];
  const trusted = samlProviderArn(sso);
  const providers = trustedProviders(stack, sso.samlProviderName, trusted);
  const problems = new Set<string>();
  for (const s of allows) {
    const principal = s.Principal as Record<string, unknown> | string | undefined;
    const federated = typeof principal === 'object' && principal !== null ? list(principal.Federated) : [];
    const others = typeof principal === 'object' && principal !== null ? Object.keys(principal) : [principal];
    if (others.some((k) => k !== 'Federated') || federated.length === 0) {
      problems.add('the trust policy lets in principals other than the SAML provider');
    } else if (!federated.every((p) => typeof p === 'string' && providers.has(p))) {
      problems.add(`the trust policy does not trust the SAML provider ${trusted}`);
    }
    if (s.NotAction !== undefined || list(s.Action).some((a) => a !== SAML_ACTION) || list(s.Action).length === 0) {
      problems.add(`the trust policy allows actions other than ${SAML_ACTION}`);
    }
    const equals = (s.Condition as Record<string, Record<string, unknown>> | undefined)?.StringEquals;
    const audience = list(equals?.['SAML:aud']);
    if (audience.length !== 1 || audience[0] !== SAML_AUDIENCE) {
      problems.add(`the trust policy does not require SAML:aud = ${SAML_AUDIENCE}`);
    }
  }
  return [...problems];
}

/** The provider's ARN as written (a literal) or as a reference to the stack's provider of that name. */
function trustedProviders(stack: IdentityStack, name: string, arn: string): Set<string> {
  const providers = new Set([arn]);
  for (const [id, resource] of stack.resources('aws_iam_saml_provider')) {
    if (resource.name === name) providers.add(`\${aws_iam_saml_provider.${id}.arn}`);
  }
  return providers;
}
