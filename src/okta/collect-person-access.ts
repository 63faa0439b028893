// What `/infra access <email>` reads from Okta: the user (by login, else by a unique email) and their groups.
import type { OktaDirectory } from './okta-client.js';
import type { OktaGroupRecord, OktaUserRecord } from './records.js';

export interface PersonData {
  user: OktaUserRecord | undefined;
  groups: OktaGroupRecord[];
}

/** Throws the directory's typed errors (unavailable, rate-limited, ambiguous email) for the caller to reply with. */
export async function collectPersonAccess(directory: OktaDirectory, email: string): Promise<PersonData> {
  const user = await directory.findUserByLoginOrEmail(email);
  const groups: OktaGroupRecord[] = [];
  if (user) for await (const group of directory.listUserGroups(user.id)) groups.push(group);
  return { user, groups };
}
