// What the Okta directory hands back: plain, small records (not SDK models), so 10,000 users stay cheap and the
// pure reports never depend on the SDK.

/** Okta user statuses; an org may add transitional ones, so any other string is kept as Okta sent it. */
export type OktaUserStatus =
  | 'STAGED'
  | 'PROVISIONED'
  | 'ACTIVE'
  | 'RECOVERY'
  | 'PASSWORD_EXPIRED'
  | 'LOCKED_OUT'
  | 'SUSPENDED'
  | 'DEPROVISIONED'
  | (string & {});

export interface OktaUserRecord {
  id: string;
  login: string;
  email: string;
  firstName: string;
  lastName: string;
  title?: string;
  department?: string;
  status: OktaUserStatus;
  /** ISO 8601, or null when the user never signed in. */
  lastLogin: string | null;
  /** ISO 8601, when Okta says. */
  created: string | null;
}

export interface OktaGroupRecord {
  id: string;
  name: string;
  description: string | null;
  /** `OKTA_GROUP` (managed in Okta), `APP_GROUP` (imported from an app or directory) or `BUILT_IN` (Everyone). */
  type: string;
}

interface SdkUserLike {
  id?: string;
  status?: unknown;
  lastLogin?: Date | string | null;
  created?: Date | string | null;
  profile?: {
    login?: string | null;
    email?: string | null;
    firstName?: string | null;
    lastName?: string | null;
    title?: string | null;
    department?: string | null;
  };
}

interface SdkGroupLike {
  id?: string;
  type?: unknown;
  profile?: { name?: string | null; description?: string | null };
}

const iso = (value: Date | string | null | undefined): string | null => {
  if (value === null || value === undefined || value === '') return null;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? null : new Date(time).toISOString();
};

export function toUserRecord(user: SdkUserLike): OktaUserRecord {
  const p = user.profile ?? {};
  return {
    id: user.id ?? '',
    login: p.login ?? '',
    email: p.email ?? '',
    firstName: p.firstName ?? '',
    lastName: p.lastName ?? '',
    ...(p.title ? { title: p.title } : {}),
    ...(p.department ? { department: p.department } : {}),
    status: typeof user.status === 'string' ? user.status : 'UNKNOWN',
    lastLogin: iso(user.lastLogin),
    created: iso(user.created),
  };
}

export function toGroupRecord(group: SdkGroupLike): OktaGroupRecord {
  return {
    id: group.id ?? '',
    name: group.profile?.name ?? '',
    description: group.profile?.description ?? null,
    type: typeof group.type === 'string' ? group.type : 'OKTA_GROUP',
  };
}
