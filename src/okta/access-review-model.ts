// The access review as data: what buildAccessReview produces and the renderers (summary, full report, CSV) read.
import type { SpecKey } from '../specs/model.js';
import type { PartialAccessData } from './collect-access-data.js';

export interface ReviewUser {
  id: string;
  login: string;
  email: string;
  name: string;
  status: string;
  lastLogin: string | null;
  /** Names of the groups the user is in, as far as memberships were read (sorted). */
  groups: string[];
  /** `OktaUser/<name>` of the spec that manages this user, or null. */
  managedBy: SpecKey | null;
  /** Not SUSPENDED/DEPROVISIONED and no sign-in (or creation, when never signed in) within `inactiveDays`. */
  inactive: boolean;
  /** Whole days since the last sign-in, null when never. */
  daysSinceLogin: number | null;
  /** Fields where Okta differs from the user's spec (`status`, `groups`…). */
  drift: string[];
}

export interface Difference {
  field: string;
  spec: string;
  okta: string;
}

export interface DriftItem {
  spec: SpecKey;
  file: string;
  /** `missing`: the spec's object does not exist in Okta; `changed`: it exists and differs. */
  kind: 'missing' | 'changed';
  differences: Difference[];
}

export interface UnmanagedGroup {
  id: string;
  name: string;
  /** Members read, null when unknown. */
  members: number | null;
}

export interface RoleMember {
  login: string;
  status: string;
}

export interface RoleAccess {
  role: string;
  roleArn: string | null;
  /** OktaGroup spec name and its Okta display name. */
  group: string;
  groupName: string;
  /** False when the group does not exist in Okta (then nobody can assume the role). */
  groupInOkta: boolean;
  /** Logins whose OktaUser spec puts them in the group. */
  bySpec: string[];
  /** Members of the group in Okta now; null when unknown (its members, or the group itself, not read). */
  live: RoleMember[] | null;
  /** Live members no spec puts in the group, and spec members Okta does not have (yet). */
  onlyInOkta: string[];
  onlyInSpec: string[];
}

export interface AccessReview {
  generatedAt: string;
  inactiveDays: number;
  counts: {
    users: number;
    byStatus: Record<string, number>;
    groups: number;
    managedUsers: number;
    managedGroups: number;
    inactive: number;
    unmanagedUsers: number;
    unmanagedGroups: number;
    drift: number;
    roles: number;
  };
  /** Every user, by login. */
  users: ReviewUser[];
  /** Inactive users, longest silence first. */
  inactive: ReviewUser[];
  /** Users no spec manages: active ones first. */
  unmanagedUsers: ReviewUser[];
  /** OKTA_GROUP groups no spec manages (app-imported and built-in groups cannot be managed by specs). */
  unmanagedGroups: UnmanagedGroup[];
  drift: DriftItem[];
  roles: RoleAccess[];
  /** Things the review could not decide because the data is partial. */
  undetermined: string[];
  partial?: PartialAccessData;
  apiCalls?: number;
}
