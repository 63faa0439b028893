// The objects a plan started from (`prior_state` of Terraform's JSON plan): what a layout migration imports elsewhere.

export interface StateObject {
  /** `okta_user.user_ada` (root module, managed resources only). */
  address: string;
  type: string;
  /** The attributes in state (`id` among them). */
  values: Record<string, unknown>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Managed resources of the root module in `prior_state`; none when the state was empty (Terraform omits it). */
export function priorStateObjects(plan: unknown): StateObject[] {
  const prior = isObject(plan) ? plan.prior_state : undefined;
  const values = isObject(prior) ? prior.values : undefined;
  const root = isObject(values) ? values.root_module : undefined;
  const resources = isObject(root) && Array.isArray(root.resources) ? root.resources : [];
  return resources.flatMap((resource: unknown): StateObject[] => {
    if (!isObject(resource) || resource.mode !== 'managed') return [];
    const { address, type, values: attributes } = resource;
    if (typeof address !== 'string' || typeof type !== 'string' || !isObject(attributes)) return [];
    return [{ address, type, values: attributes }];
  });
}
