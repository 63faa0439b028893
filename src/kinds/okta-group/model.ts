// The OktaGroup body after defaults.

export interface OktaGroupSpec {
  displayName: string;
  description?: string;
}
