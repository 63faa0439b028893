// Who an identity apply onboarded or offboarded, and what to tell them (pure). A user whose okta_user was created by
// the apply is new: they get a welcome naming their groups and the AWS roles those groups can assume. A user whose
// okta_user was updated while their spec says SUSPENDED or DEPROVISIONED was offboarded: the channel is told.
import type { RepoConfig } from '../../config/repo-config-schema.js';
import type { ResourceChangeSummary } from '../../plan/summarize-plan.js';
import { ownerOf } from '../../review/resource-owner.js';
import { escapeMrkdwn, joinWords, mrkdwnCode } from '../../slack/mrkdwn.js';
import type { IntentSpec, IntentSpecOf } from '../../specs/model.js';
import { iamRoleArn } from '../../kinds/iam-sso-role/saml-federation.js';

export interface Welcome {
  email: string;
  /** Addressed to the person (a direct message); `channelText` when Slack does not know their email. */
  text: string;
  channelText: string;
}

export interface OnboardingNotices {
  welcomes: Welcome[];
  offboardings: string[];
}

type Change = Pick<ResourceChangeSummary, 'address' | 'type' | 'action' | 'attributes'>;

export function onboardingNotices(input: {
  changes: readonly Change[];
  /** The stack the changes were applied to. */
  stack: string;
  specs: readonly IntentSpec[];
  sso?: RepoConfig['sso'];
  /** `owner/repo#pr`, for the notices. */
  source: string;
}): OnboardingNotices {
  const users = new Map(
    input.specs
      .filter((s): s is IntentSpecOf<'OktaUser'> => s.kind === 'OktaUser')
      .map((s) => [`OktaUser/${s.metadata.name}`, s]),
  );
  const welcomes: Welcome[] = [];
  const offboardings: string[] = [];
  for (const change of input.changes) {
    if (change.type !== 'okta_user') continue;
    const owner = ownerOf(input.stack, change.address);
    const spec = owner && 'spec' in owner ? users.get(owner.spec) : undefined;
    if (!spec) continue;
    const { email, firstName, lastName, status } = spec.spec;
    if (change.action === 'create' && status === 'ACTIVE') {
      const access = describeAccess(spec, input.specs, input.sso);
      welcomes.push({
        email,
        text: `👋 Welcome, ${escapeMrkdwn(firstName)}! Your Okta account ${mrkdwnCode(spec.spec.login)} is ready. ${access}`,
        channelText: `👋 Welcome ${escapeMrkdwn(`${firstName} ${lastName}`)} (${mrkdwnCode(email)}), onboarded by ${escapeMrkdwn(input.source)}: ${access}`,
      });
    } else if (
      change.action === 'update' &&
      status !== 'ACTIVE' &&
      change.attributes.some((a) => a.path === 'status')
    ) {
      offboardings.push(
        `🔒 ${escapeMrkdwn(`${firstName} ${lastName}`)} (${mrkdwnCode(email)}, ${mrkdwnCode(`OktaUser/${spec.metadata.name}`)}) is now ${status} in Okta (${escapeMrkdwn(input.source)}): sign-in and the AWS roles through Okta end.`,
      );
    }
  }
  return { welcomes, offboardings };
}

function describeAccess(user: IntentSpecOf<'OktaUser'>, specs: readonly IntentSpec[], sso: RepoConfig['sso']): string {
  const groups = new Map(
    specs
      .filter((s): s is IntentSpecOf<'OktaGroup'> => s.kind === 'OktaGroup')
      .map((g) => [g.metadata.name, g.spec.displayName]),
  );
  const names = user.spec.groups.map((g) => mrkdwnCode(groups.get(g) ?? g));
  const roles = specs
    .filter(
      (s): s is IntentSpecOf<'IamSsoRole'> => s.kind === 'IamSsoRole' && user.spec.groups.includes(s.spec.oktaGroup),
    )
    .map((r) => mrkdwnCode(sso ? iamRoleArn(sso, r.metadata.name) : r.metadata.name));
  const groupText = names.length ? `Groups: ${joinWords(names)}.` : 'No groups yet.';
  const roleText = roles.length
    ? `AWS roles you can assume through Okta single sign-on: ${joinWords(roles)}.`
    : 'No AWS roles yet.';
  return `${groupText} ${roleText}`;
}
