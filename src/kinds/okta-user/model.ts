// The OktaUser body after defaults: what synthesis and review read.

export interface OktaUserSpec {
  email: string;
  firstName: string;
  lastName: string;
  login: string;
  title?: string;
  department?: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'DEPROVISIONED';
  /** OktaGroup spec names. */
  groups: string[];
  customAttributes: Record<string, string | number | boolean | string[]>;
}
