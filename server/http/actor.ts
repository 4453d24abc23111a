import type { Context } from "koa";
import type { ZodType } from "zod";
import type { Actor } from "../../shared/policy/access-policy.ts";
import { AppError } from "../app-error.ts";
import { actorOfUser, type SessionUser } from "../auth/session.service.ts";

/** The signed-in user as the access policy sees them (routes run after requireUserForApi). */
export function actorOf(ctx: Context): Actor {
  const user = ctx.state.user as SessionUser | undefined;
  if (!user) throw new AppError("auth.required");
  return actorOfUser(user);
}

/** Validate untrusted input with a shared schema; anything malformed is a 400 with no detail. */
export function parseInput<T>(schema: ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError("request.invalid");
  return result.data;
}
