/** Staff roles, from most to least powerful. The customer-portal role arrives with the portal. */
export const roles = ['admin', 'ar_manager', 'collector', 'viewer'] as const;
export type Role = (typeof roles)[number];

export function isRole(text: string): text is Role {
  return (roles as readonly string[]).includes(text);
}

/** Viewers read; every other role may change something (what exactly is decided per action). */
export function canMutate(role: Role): boolean {
  return role !== 'viewer';
}

/** Who is acting: the tenant whose data this is, the role, and a label for the audit trail. */
export interface Actor {
  readonly tenantId: string;
  readonly role: Role;
  /** "api_key:<prefix>", "cli", "system:demo" ... */
  readonly label: string;
}
