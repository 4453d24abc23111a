import { useLocation, useNavigate } from "@solidjs/router";
import {
  type Accessor,
  createContext,
  createEffect,
  createSignal,
  createUniqueId,
  on,
  onCleanup,
  type ParentProps,
  Show,
  useContext,
} from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import {
  type PresenceLocation,
  type PresencePerson,
  REVOKE_REASON,
} from "../../../shared/protocol/socket-events.ts";
import { t } from "../../src/i18n.ts";
import { signInHref } from "../session/session.api.ts";
import { useSession } from "../session/session.context.tsx";
import { clearLocalCaseData } from "./local-data.ts";
import {
  connectSocket,
  disconnectSocket,
  isSigningOut,
  onSocketEvent,
  sendPresence,
  socketConnected,
} from "./socket.ts";

/** A message about access the realtime channel brought, shown at the top of the page. */
type AccessNotice =
  | { kind: "signed-out"; returnTo: string }
  /** Shown on `path`, where the user was sent when their access to a case ended. */
  | { kind: "access-ended"; path: string };

type Realtime = {
  /** Who is in `caseId` now, as the server last said (undefined until it says). */
  presence: (caseId: string) => readonly PresencePerson[] | undefined;
  notice: Accessor<AccessNotice | undefined>;
};

const RealtimeContext = createContext<Realtime>();

/** The path of a case's pages, for "is the user on this case". */
function isOnCase(pathname: string, caseId: string): boolean {
  const base = `/cases/${encodeURIComponent(caseId)}`;
  return pathname === base || pathname.startsWith(`${base}/`);
}

/**
 * The session's realtime channel (Socket.IO, DESIGN §2): connected while someone is signed in;
 * keeps each case's presence; reacts to access changes. Inside the router, as it navigates.
 */
export function RealtimeProvider(props: ParentProps) {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [presence, setPresence] = createStore<Record<string, PresencePerson[]>>({});
  const [notice, setNotice] = createSignal<AccessNotice>();

  createEffect(
    on(
      () => session.me()?.id,
      (userId) => {
        if (userId) connectSocket(userId);
        else disconnectSocket();
      },
    ),
  );
  onCleanup(disconnectSocket);

  // Without a connection, who is where is no longer known.
  createEffect(
    on(socketConnected, (connected) => {
      if (!connected) setPresence(reconcile({}));
    }),
  );

  onSocketEvent("presence", (payload) => {
    setPresence(payload.caseId, reconcile(payload.people, { key: "userId" }));
  });

  onSocketEvent("access:revoked", (payload) => {
    if (payload.reason === REVOKE_REASON.signedOut) {
      if (isSigningOut()) return;
      setNotice({ kind: "signed-out", returnTo: location.pathname });
      disconnectSocket();
      session.refresh();
      return;
    }
    const caseId = payload.caseId;
    if (!caseId) return;
    setPresence(caseId, []);
    if (isOnCase(location.pathname, caseId)) {
      setNotice({ kind: "access-ended", path: "/cases" });
      navigate("/cases");
    }
    // Leave the case's pages first, so its docs are closed, then delete what this device keeps.
    queueMicrotask(() => void clearLocalCaseData(caseId));
  });

  // An access-ended notice belongs to the page the user was sent to: it goes when they move on.
  createEffect(
    on(
      () => location.pathname,
      (pathname) => {
        const current = notice();
        if (current?.kind === "access-ended" && current.path !== pathname) setNotice(undefined);
      },
      { defer: true },
    ),
  );
  // Signed in again (in another tab): the signed-out notice is out of date.
  createEffect(
    on(
      () => session.me()?.id,
      (userId, previous) => {
        if (userId && !previous && notice()?.kind === "signed-out") setNotice(undefined);
      },
      { defer: true },
    ),
  );

  return (
    <RealtimeContext.Provider value={{ presence: (caseId) => presence[caseId], notice }}>
      {props.children}
    </RealtimeContext.Provider>
  );
}

function useRealtime(): Realtime {
  const realtime = useContext(RealtimeContext);
  if (!realtime) throw new Error("useRealtime must be used inside <RealtimeProvider>");
  return realtime;
}

/** Who is in the case now (undefined until the server has said); reactive. */
export function useCasePresence(caseId: () => string): Accessor<readonly PresencePerson[] | undefined> {
  const realtime = useRealtime();
  return () => realtime.presence(caseId());
}

/** Where in a case a path is, as presence says it (null: not in this case at all). */
export function presenceLocationOf(caseId: string, pathname: string): PresenceLocation | null {
  const base = `/cases/${encodeURIComponent(caseId)}`;
  const rest = pathname.startsWith(base) ? pathname.slice(base.length).replace(/\/$/, "") : null;
  if (rest === null) return null;
  if (rest === "") return { view: "overview" };
  if (rest === "/documents" || rest === "/documents/serve") return { view: "documents" };
  const document = /^\/documents\/([^/]+)$/.exec(rest);
  if (document?.[1]) return { view: "document", id: decodeURIComponent(document[1]).slice(0, 100) };
  if (rest === "/notes") return { view: "notes" };
  if (rest.startsWith("/directions")) return { view: "directions" };
  const form = /^\/forms\/([^/]+)$/.exec(rest);
  if (form?.[1]) return { view: "form", id: decodeURIComponent(form[1]).slice(0, 100) };
  if (rest.startsWith("/forms")) return { view: "forms" };
  return { view: "overview" };
}

/**
 * Tell the server, while the calling component lives, that the user is in `caseId` and where
 * (from the address): again after each reconnect, as the server forgets a connection's presence.
 */
export function useCasePresenceReporting(caseId: () => string): void {
  const location = useLocation();
  let reported: string | undefined;
  createEffect(() => {
    const id = caseId();
    const where = presenceLocationOf(id, location.pathname);
    if (!socketConnected()) return;
    if (reported !== undefined && reported !== id) sendPresence({ caseId: reported, location: null });
    reported = id;
    sendPresence({ caseId: id, location: where });
  });
  onCleanup(() => {
    // The protocol has no "left": nowhere in particular is the closest.
    if (reported !== undefined) sendPresence({ caseId: reported, location: null });
  });
}

/** The realtime channel's notices (signed out, access ended), at the top of the main content. */
export function RealtimeNotices() {
  const realtime = useRealtime();
  const titleId = createUniqueId();
  const signedOut = () => {
    const notice = realtime.notice();
    return notice?.kind === "signed-out" ? notice : undefined;
  };
  return (
    <Show when={realtime.notice()}>
      <div class="govuk-notification-banner" role="alert" aria-labelledby={titleId}>
        <div class="govuk-notification-banner__header">
          <h2 class="govuk-notification-banner__title" id={titleId}>
            {t("realtime.notice.title")}
          </h2>
        </div>
        <div class="govuk-notification-banner__content">
          <Show
            when={signedOut()}
            fallback={
              <p class="govuk-notification-banner__heading">{t("realtime.accessEnded.heading")}</p>
            }
          >
            {(notice) => (
              <p class="govuk-notification-banner__heading">
                {t("realtime.signedOut.heading")}{" "}
                <a
                  class="govuk-notification-banner__link"
                  href={signInHref(notice().returnTo)}
                  rel="external"
                >
                  {t("realtime.signedOut.link")}
                </a>
              </p>
            )}
          </Show>
        </div>
      </div>
    </Show>
  );
}
