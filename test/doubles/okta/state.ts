// In-memory Okta org: users, groups, memberships, in creation order (the order Okta pages them in).

export interface DoubleUser {
  id: string;
  status: string;
  created: string;
  lastLogin: string | null;
  profile: {
    login: string;
    email: string;
    firstName: string;
    lastName: string;
    title?: string;
    department?: string;
  };
}

export interface DoubleGroup {
  id: string;
  type: 'OKTA_GROUP' | 'APP_GROUP' | 'BUILT_IN';
  created: string;
  profile: { name: string; description: string | null };
}

export interface NewUser {
  login: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  title?: string;
  department?: string;
  status?: string;
  lastLogin?: string | null;
  created?: string;
}

export interface SeedOptions {
  users: number;
  groups: number;
  /** Groups each user joins (default 3). */
  groupsPerUser?: number;
  /** "Now" for last-login dates (default 2030-01-01). */
  now?: string;
  /** Also create Okta's BUILT_IN Everyone group holding every user (default true). */
  everyone?: boolean;
}

const CREATED = '2024-01-01T00:00:00.000Z';
const DAY = 86_400_000;

export class OktaState {
  readonly users: DoubleUser[] = [];
  readonly groups: DoubleGroup[] = [];
  /** groupId → member user ids, in the order they joined. */
  readonly members = new Map<string, Set<string>>();
  readonly #byId = new Map<string, DoubleUser>();
  readonly #byLogin = new Map<string, DoubleUser>();
  #userIds = 0;
  #groupIds = 0;

  addUser(input: NewUser): DoubleUser {
    this.#userIds += 1;
    const user: DoubleUser = {
      id: `00u${this.#userIds.toString(36).padStart(17, '0')}`,
      status: input.status ?? 'ACTIVE',
      created: input.created ?? CREATED,
      lastLogin: input.lastLogin === undefined ? null : input.lastLogin,
      profile: {
        login: input.login,
        email: input.email ?? input.login,
        firstName: input.firstName ?? 'Test',
        lastName: input.lastName ?? 'User',
        ...(input.title ? { title: input.title } : {}),
        ...(input.department ? { department: input.department } : {}),
      },
    };
    this.users.push(user);
    this.#byId.set(user.id, user);
    this.#byLogin.set(user.profile.login.toLowerCase(), user);
    return user;
  }

  addGroup(name: string, options: { description?: string; type?: DoubleGroup['type'] } = {}): DoubleGroup {
    this.#groupIds += 1;
    const group: DoubleGroup = {
      id: `00g${this.#groupIds.toString(36).padStart(17, '0')}`,
      type: options.type ?? 'OKTA_GROUP',
      created: CREATED,
      profile: { name, description: options.description ?? null },
    };
    this.groups.push(group);
    this.members.set(group.id, new Set());
    return group;
  }

  addMember(groupId: string, userId: string): void {
    const members = this.members.get(groupId);
    if (!members) throw new Error(`Okta double: no group ${groupId}`);
    members.add(userId);
  }

  user(idOrLogin: string): DoubleUser | undefined {
    return this.#byId.get(idOrLogin) ?? this.#byLogin.get(idOrLogin.toLowerCase());
  }

  group(id: string): DoubleGroup | undefined {
    return this.groups.find((g) => g.id === id);
  }

  groupsOf(userId: string): DoubleGroup[] {
    return this.groups.filter((g) => this.members.get(g.id)?.has(userId));
  }

  /**
   * Deterministic bulk data: `user<i>@example.com` with a spread of statuses and last logins (some never), groups
   * `group-<j>`, each user in `groupsPerUser` of them.
   */
  seed(options: SeedOptions): void {
    const now = new Date(options.now ?? '2030-01-01T00:00:00.000Z').getTime();
    const perUser = Math.min(options.groupsPerUser ?? 3, options.groups);
    const everyone = options.everyone === false ? undefined : this.addGroup('Everyone', { type: 'BUILT_IN' });
    const groups = Array.from({ length: options.groups }, (_, j) =>
      this.addGroup(`group-${j}`, { description: `Seeded group ${j}` }),
    );
    let random = 42;
    const next = () => (random = (random * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    for (let i = 0; i < options.users; i += 1) {
      const roll = next();
      const status = roll < 0.04 ? 'DEPROVISIONED' : roll < 0.08 ? 'SUSPENDED' : roll < 0.1 ? 'STAGED' : 'ACTIVE';
      const daysAgo = Math.floor(next() * 200);
      const user = this.addUser({
        login: `user${i}@example.com`,
        firstName: `First${i}`,
        lastName: `Last${i}`,
        status,
        lastLogin: status === 'STAGED' || next() < 0.05 ? null : new Date(now - daysAgo * DAY).toISOString(),
      });
      if (everyone) this.addMember(everyone.id, user.id);
      for (let k = 0; k < perUser; k += 1) this.addMember(groups[(i * 7 + k * 13) % groups.length]!.id, user.id);
    }
  }
}
