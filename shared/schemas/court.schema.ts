import { z } from "zod";

export const jurisdiction = z.enum(["magistrates", "crown"]);
export type Jurisdiction = z.infer<typeof jurisdiction>;

export const court = z.object({
  code: z.string().regex(/^[A-Z0-9]{3,8}$/),
  name: z.string().min(1),
  jurisdiction,
  /** HMCTS area the court belongs to. */
  area: z.string().min(1),
  /** The court's name in Welsh (Common Platform `welshName`), for courts in Wales. */
  welshName: z.string().min(1).nullable().optional(),
});
export type Court = z.infer<typeof court>;
