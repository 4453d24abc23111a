import { z } from "zod";

export const role = z.enum(["prosecutor", "defence", "legal-adviser", "judge", "court-staff"]);
export type Role = z.infer<typeof role>;

export const user = z.object({
  /** The SAML NameID: the user's stable identity. */
  id: z.string().min(3).max(256),
  email: z.string().email(),
  displayName: z.string().min(1).max(200),
  role,
  organisationId: z.string().min(1),
  /** Court codes; only for court roles. */
  courts: z.array(z.string()).default([]),
});
export type User = z.infer<typeof user>;
