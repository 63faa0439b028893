// Which Okta object each spec manages. Pure. Users match by login (what the provider keys on), else by an email
// only one Okta user has; groups match by display name, an OKTA_GROUP preferred over an app-imported namesake.
import type { IntentSpecOf, SpecKey } from '../specs/model.js';
import { specKey } from '../specs/model.js';
import type { OktaGroupRecord, OktaUserRecord } from './records.js';

export interface SpecMatch {
  /** OktaUser spec name → Okta user. */
  userOfSpec: Map<string, OktaUserRecord>;
  /** Okta user id → `OktaUser/<name>`. */
  specOfUser: Map<string, SpecKey>;
  /** OktaGroup spec name → Okta group. */
  groupOfSpec: Map<string, OktaGroupRecord>;
  /** Okta group id → `OktaGroup/<name>`. */
  specOfGroup: Map<string, SpecKey>;
}

export function matchSpecs(
  users: readonly OktaUserRecord[],
  groups: readonly OktaGroupRecord[],
  userSpecs: readonly IntentSpecOf<'OktaUser'>[],
  groupSpecs: readonly IntentSpecOf<'OktaGroup'>[],
): SpecMatch {
  const byLogin = new Map<string, OktaUserRecord>();
  const byEmail = new Map<string, OktaUserRecord[]>();
  for (const user of users) {
    byLogin.set(user.login.toLowerCase(), user);
    const email = user.email.toLowerCase();
    const same = byEmail.get(email);
    if (same) same.push(user);
    else byEmail.set(email, [user]);
  }
  const match: SpecMatch = {
    userOfSpec: new Map(),
    specOfUser: new Map(),
    groupOfSpec: new Map(),
    specOfGroup: new Map(),
  };
  for (const spec of userSpecs) {
    const sameEmail = byEmail.get(spec.spec.email.toLowerCase()) ?? [];
    const user = byLogin.get(spec.spec.login.toLowerCase()) ?? (sameEmail.length === 1 ? sameEmail[0] : undefined);
    if (!user || match.specOfUser.has(user.id)) continue;
    match.userOfSpec.set(spec.metadata.name, user);
    match.specOfUser.set(user.id, specKey(spec));
  }
  const rank = (g: OktaGroupRecord) => (g.type === 'OKTA_GROUP' ? 0 : 1);
  const ordered = [...groups].sort((a, b) => rank(a) - rank(b));
  for (const spec of groupSpecs) {
    const name = spec.spec.displayName;
    const group =
      ordered.find((g) => g.name === name && !match.specOfGroup.has(g.id)) ??
      ordered.find((g) => g.name.toLowerCase() === name.toLowerCase() && !match.specOfGroup.has(g.id));
    if (!group) continue;
    match.groupOfSpec.set(spec.metadata.name, group);
    match.specOfGroup.set(group.id, specKey(spec));
  }
  return match;
}
