import { useLocation } from "@solidjs/router";
import { createEffect, createSignal, createUniqueId, For, on, Show } from "solid-js";
import { t } from "../../src/i18n.ts";
import { fetchCase } from "../cases/case.api.ts";
import { onSocketEvent } from "../realtime/socket.ts";
import { useSession } from "../session/session.context.tsx";
import { directionOfEvent } from "./direction.api.ts";
import { reportDirectionReceived, receiptOf } from "./direction-receipts.ts";
import { directionWords } from "./direction-text.ts";
import { directionsPath } from "./directions-paths.ts";

/** A direction the court gave in one of the user's cases while they were signed in (or away). */
type News = { directionId: string; version: number; caseId: string; urn: string; text: string };

/**
 * On every page, while someone is signed in: each `direction:issued` is reported back as
 * received (`direction:received`, the server's receipt), and a direction the user has not had
 * before is announced: "New direction in <URN>: <text>", with a link to that case's directions.
 * The news of a case goes when the user opens its directions, or hides it.
 */
export function DirectionNews() {
  const session = useSession();
  const location = useLocation();
  const titleId = createUniqueId();
  const [news, setNews] = createSignal<readonly News[]>([]);
  /** `<id>@<version>` already announced or known to this tab. */
  let seen = new Set<string>();
  const urns = new Map<string, Promise<string>>();

  const urnOf = (caseId: string): Promise<string> => {
    let urn = urns.get(caseId);
    if (!urn) {
      urn = fetchCase(caseId).then(
        (detail) => detail.urn,
        () => caseId,
      );
      urns.set(caseId, urn);
    }
    return urn;
  };

  const urnOfNews = (caseId: string) => news().find((item) => item.caseId === caseId)?.urn ?? caseId;

  onSocketEvent("direction:issued", (payload) => {
    // The receipt is recorded whatever this tab shows.
    const receipt = receiptOf(payload.direction);
    if (receipt) reportDirectionReceived(receipt);

    const direction = directionOfEvent(payload.direction);
    const me = session.me();
    if (!direction || !me) return;
    const key = `${direction.id}@${direction.version}`;
    if (seen.has(key)) return;
    seen.add(key);
    // The same event says a direction was acknowledged or complied with: only what is new to
    // this user is news, and never what they gave themselves.
    if (direction.issuedBy === me.id || direction.receipts.some((r) => r.userId === me.id)) return;
    void urnOf(payload.caseId).then((urn) => {
      if (session.me()?.id !== me.id) return;
      const item: News = { directionId: direction.id, version: direction.version, caseId: payload.caseId, urn, text: directionWords(direction) };
      setNews((current) => [...current.filter((other) => other.directionId !== item.directionId), item]);
    });
  });

  // Opening a case's directions is reading its news.
  createEffect(
    on(
      () => location.pathname,
      (pathname) => setNews((current) => current.filter((item) => pathname.replace(/\/$/, "") !== directionsPath(item.caseId))),
      { defer: true },
    ),
  );
  // Another user (or nobody) signed in: nothing of the last one's stays.
  createEffect(
    on(
      () => session.me()?.id,
      () => {
        setNews([]);
        seen = new Set();
        urns.clear();
      },
      { defer: true },
    ),
  );

  return (
    <div aria-live="polite">
      <Show when={session.me() && news().length > 0}>
        <section class="govuk-notification-banner app-direction-news" aria-labelledby={titleId}>
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title" id={titleId}>
              {t("directions.news.title")}
            </h2>
          </div>
          <div class="govuk-notification-banner__content">
            {/* By case; strings and the same items each time, so only what is new is announced. */}
            <For each={[...new Set(news().map((item) => item.caseId))]}>
              {(caseId) => (
                <>
                  <For each={news().filter((item) => item.caseId === caseId)}>
                    {(item) => (
                      <p class="govuk-notification-banner__heading">
                        {t(item.version > 1 ? "directions.news.varied" : "directions.news.heading", { urn: item.urn, text: item.text })}
                      </p>
                    )}
                  </For>
                  <p class="govuk-body">
                    <a class="govuk-notification-banner__link" href={directionsPath(caseId)}>
                      {t("directions.news.link")}
                      <span class="govuk-visually-hidden"> {t("directions.news.linkOf", { urn: urnOfNews(caseId) })}</span>
                    </a>
                  </p>
                </>
              )}
            </For>
            <p class="govuk-body">
              <button type="button" class="app-link-button govuk-link" onClick={() => setNews([])}>
                {t("directions.news.dismiss")}
              </button>
            </p>
          </div>
        </section>
      </Show>
    </div>
  );
}
