// The objects a plan started from (`prior_state` of Terraform's JSON plan): what a layout migration imports elsewhere.

export interface StateObject {
  /** `okta_user.user_ada`, `module.x.aws_instance.y` (managed resources only). */
  address: string;
  type: string;
  /** The attributes in state (`id` among them). */
  values: Record<string, unknown>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The managed resources of `prior_state` as Terraform wrote them, root and child modules; none for an empty state. */
export function priorManagedResources(plan: unknown): Record<string, unknown>[] {
  const prior = isObject(plan) ? plan.prior_state : undefined;
  const values = isObject(prior) ? prior.values : undefined;
  const found: Record<string, unknown>[] = [];
  const walk = (module: unknown): void => {
    if (!isObject(module)) return;
    for (const resource of Array.isArray(module.resources) ? module.resources : []) {
      if (isObject(resource) && resource.mode === 'managed') found.push(resource);
    }
    if (Array.isArray(module.child_modules)) module.child_modules.forEach(walk);
  };
  walk(isObject(values) ? values.root_module : undefined);
  return found;
}

/** The objects in `prior_state` with their address, type and attributes (Terraform omits it for an empty state). */
export function priorStateObjects(plan: unknown): StateObject[] {
  return priorManagedResources(plan).flatMap((resource): StateObject[] => {
    const { address, type, values: attributes } = resource;
    if (typeof address !== 'string' || typeof type !== 'string' || !isObject(attributes)) return [];
    return [{ address, type, values: attributes }];
  });
}
