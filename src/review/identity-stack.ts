// Reading back the synthesized identity stack (cdk.tf.json) for the chain checks: resources by type and id, and
// Terraform string literals turned back into the text Terraform will use.

export type TfResource = Record<string, unknown>;

export interface IdentityStack {
  resources(type: string): [string, TfResource][];
  resource(type: string, id: string): TfResource | undefined;
}

export function readIdentityStack(json: string): IdentityStack {
  const parsed = JSON.parse(json) as { resource?: Record<string, Record<string, TfResource>> };
  const all = parsed.resource ?? {};
  return {
    resources: (type) => Object.entries(all[type] ?? {}),
    resource: (type, id) => all[type]?.[id],
  };
}

/** The literal Terraform reads from a template holding only escapes (synth/escape.ts): `$${` → `${`, `${""}` → ``. */
export const terraformLiteral = (template: string): string =>
  template.replace(/\$\{""\}|\$\$\{|%%\{/g, (m) => (m === '${""}' ? '' : m.slice(1)));

/** JSON held in a string attribute; undefined when absent or not JSON. */
export function jsonAttribute(resource: TfResource | undefined, attribute: string): unknown {
  const value = resource?.[attribute];
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(terraformLiteral(value)) as unknown;
  } catch {
    return undefined;
  }
}
