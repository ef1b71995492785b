// What an API token may do. `admin` (inventories and tokens) includes the other two.
export const SCOPES = ['read', 'analyze', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** Whether a token holding `granted` may act where `required` is needed. */
export function grants(granted: ReadonlySet<Scope>, required: Scope): boolean {
  return granted.has(required) || granted.has('admin');
}
