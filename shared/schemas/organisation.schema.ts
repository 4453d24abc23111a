import { z } from "zod";

export const organisationKind = z.enum(["prosecution", "defence", "court"]);
export type OrganisationKind = z.infer<typeof organisationKind>;

export const organisation = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
  name: z.string().min(1),
  kind: organisationKind,
});
export type Organisation = z.infer<typeof organisation>;
