// The id `terraform import` (and an `import` block) takes for an existing object of each resource type we
// synthesise, from its attributes in state. Mostly the object's `id`; the exceptions are the providers' documented
// import formats (each resource's "Import" section in the AWS and Okta provider docs).

type Attributes = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

const IMPORT_ID: Record<string, (values: Attributes) => string | undefined> = {
  // State id is generated (`<role>-<timestamp>`); import takes `<role name>/<policy arn>`.
  aws_iam_role_policy_attachment: (v) => {
    const [role, policy] = [text(v.role), text(v.policy_arn)];
    return role && policy ? `${role}/${policy}` : undefined;
  },
  // `<role name>:<policy name>`, which is also its state id.
  aws_iam_role_policy: (v) =>
    text(v.id) ?? (text(v.role) && text(v.name) ? `${String(v.role)}:${String(v.name)}` : undefined),
  // Not importable: the provider has no importer for it (`Importer: nil` in okta/terraform-provider-okta
  // okta/services/idaas/resource_okta_user_group_memberships.go). Its new stack creates it instead, which adds the
  // user to groups they are already in: Okta's add-user-to-group is idempotent, so nothing changes in Okta.
  okta_user_group_memberships: () => undefined,
  // The app's id (its importer sets app_id from the import id), which is also its state id.
  okta_app_group_assignments: (v) => text(v.app_id) ?? text(v.id),
};

/** The import id of an object of `type`; undefined when the type cannot be imported or its state lacks the parts. */
export function importIdOf(type: string, values: Attributes): string | undefined {
  const special = IMPORT_ID[type];
  return special ? special(values) : text(values.id);
}
