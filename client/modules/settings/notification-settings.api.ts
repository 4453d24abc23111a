import { z } from "zod";
import { type NoticeKind, type NoticeMode, noticeKind, noticeMode } from "../../../shared/schemas/notification.schema.ts";
import { apiRequest } from "../../src/api.ts";

const PATH = "/api/me/notification-preferences";

/** How the signed-in user gets each kind of e-mail notice: every kind, always. */
export type NoticePreferences = Record<NoticeKind, NoticeMode>;

/** The answer of `GET` and `PUT /api/me/notification-preferences`. */
const preferencesResponse = z.object({ preferences: z.record(noticeKind, noticeMode) });

/** The signed-in user's choices (a kind never chosen comes back as `immediately`). */
export async function fetchNoticePreferences(): Promise<NoticePreferences> {
  const { preferences } = await apiRequest(PATH, preferencesResponse);
  return preferences;
}

/** Save the choices for the kinds given (any of them); resolves to all of the user's choices as saved. */
export async function saveNoticePreferences(preferences: Partial<NoticePreferences>): Promise<NoticePreferences> {
  const saved = await apiRequest(PATH, preferencesResponse, { method: "PUT", json: { preferences } });
  return saved.preferences;
}
