import Router from "@koa/router";
import { parseDocName } from "../../../shared/protocol/doc-names.ts";
import { AppError } from "../../app-error.ts";
import { decideCollabAccess } from "../../realtime/collab-access.ts";
import type { Store } from "../../storage/store.ts";
import { actorOf } from "../actor.ts";

/**
 * Who created and last changed each item of a collaboration doc (form fields, annotations), as
 * the server attributed it — for "last changed by" and annotation authors. Same access as the doc.
 */
export function collabRoutes(options: { store: Store }): Router {
  const { store } = options;
  const router = new Router();
  router.get("/api/collab/attribution", async (ctx) => {
    const name = typeof ctx.query.doc === "string" ? ctx.query.doc : "";
    const parsed = parseDocName(name);
    if (!parsed) throw new AppError("request.invalid");
    if ((await decideCollabAccess(store, actorOf(ctx), parsed)) === "none") throw new AppError("route.not_found");
    const names = new Map<string, string>();
    const person = async (id: string) => {
      if (!names.has(id)) names.set(id, (await store.users.get(id))?.displayName ?? id);
      return { id, name: names.get(id) as string };
    };
    const rows = await store.collab.attribution(name);
    ctx.set("Cache-Control", "no-store");
    ctx.body = {
      items: await Promise.all(
        rows.map(async (r) => ({ key: r.key, createdBy: await person(r.firstUserId), createdAt: r.firstAt, changedBy: await person(r.lastUserId), changedAt: r.lastAt })),
      ),
    };
  });
  return router;
}
