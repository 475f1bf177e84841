/**
 * The organisation's roles, as the governance policy names them (src/core/policy/policy-schema.ts
 * holds the same list for the policy file; a unit test keeps the two equal, because shared may
 * not import core).
 */
export const ROLE_IDS = ['rep', 'manager', 'sales-leadership', 'enablement', 'product-and-marketing', 'hr-and-legal', 'admin'] as const;
export type RoleId = (typeof ROLE_IDS)[number];
