import { z } from "zod";

export const jurisdiction = z.enum(["magistrates", "crown"]);
export type Jurisdiction = z.infer<typeof jurisdiction>;

export const court = z.object({
  code: z.string().regex(/^[A-Z0-9]{3,8}$/),
  name: z.string().min(1),
  jurisdiction,
  /** HMCTS area the court belongs to. */
  area: z.string().min(1),
});
export type Court = z.infer<typeof court>;
