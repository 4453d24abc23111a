import { z } from "zod";
import { role } from "../../../shared/schemas/user.schema.ts";
import { apiFetch, apiRequest } from "../../src/api.ts";

/** `GET /api/me` (DESIGN §11): the signed-in user. */
export const me = z.object({
  id: z.string(),
  displayName: z.string(),
  email: z.string(),
  role,
  party: z.string(),
  organisation: z.object({ id: z.string(), name: z.string() }),
  courts: z.array(z.string()),
});
export type Me = z.infer<typeof me>;

export function fetchMe(): Promise<Me> {
  return apiRequest("/api/me", me);
}

/** End the session. Whatever the server answers on success (204, JSON or a redirect) will do. */
export async function postLogout(): Promise<void> {
  await apiFetch("/auth/logout", { method: "POST" });
}

/**
 * Where the sign-in link goes: the SAML login, coming back to `returnTo`, a local path. The
 * slashes of the path are left readable (`returnTo=/cases`), as they are safe in a query.
 */
export function signInHref(returnTo = "/cases"): string {
  return `/auth/saml/login?returnTo=${encodeURIComponent(returnTo).replaceAll("%2F", "/")}`;
}
