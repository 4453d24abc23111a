import {
  type Accessor,
  createContext,
  createResource,
  createSignal,
  type ParentProps,
  useContext,
} from "solid-js";
import { ApiError, unexpectedError } from "../../src/api.ts";
import { clearLocalData } from "../realtime/local-data.ts";
import { expectSignOut } from "../realtime/socket.ts";
import { fetchMe, type Me, postLogout } from "./session.api.ts";

/**
 * Who is signed in, as `GET /api/me` last said. When the server could not say (`unavailable`)
 * the shell offers to sign in, and pages that need a session find out from their own requests.
 */
export type SessionState =
  | { status: "loading" }
  | { status: "signed-in"; me: Me }
  | { status: "signed-out" }
  | { status: "unavailable"; error: ApiError };

export type Session = {
  state: Accessor<SessionState>;
  /** The signed-in user, or undefined. */
  me: Accessor<Me | undefined>;
  /** Why signing out failed, until the next attempt. */
  signOutError: Accessor<ApiError | undefined>;
  /** Ask the server again, e.g. after a 401 elsewhere. */
  refresh: () => void;
  /**
   * End the session on the server, delete the notes kept on this device, then reload the start
   * page so no case data stays in memory or storage.
   */
  signOut: () => Promise<void>;
};

const SessionContext = createContext<Session>();

type Settled = Exclude<SessionState, { status: "loading" }>;

async function loadSession(): Promise<Settled> {
  try {
    return { status: "signed-in", me: await fetchMe() };
  } catch (error: unknown) {
    if (!(error instanceof ApiError)) {
      // A bug, not an answer. The shell must still render, so treat it as no answer.
      return { status: "unavailable", error: unexpectedError() };
    }
    return error.status === 401 ? { status: "signed-out" } : { status: "unavailable", error };
  }
}

export function SessionProvider(props: ParentProps) {
  const [resource, { refetch }] = createResource(loadSession);
  const [signOutError, setSignOutError] = createSignal<ApiError>();

  const state = (): SessionState => {
    // `latest` keeps the previous answer on screen while a refresh is in flight.
    return resource.latest ?? { status: "loading" };
  };

  const session: Session = {
    state,
    me: () => {
      const current = state();
      return current.status === "signed-in" ? current.me : undefined;
    },
    signOutError,
    refresh: () => void refetch(),
    signOut: async () => {
      setSignOutError(undefined);
      // The server tells this tab's socket it signed out: that is no surprise here.
      expectSignOut(true);
      try {
        await postLogout();
      } catch (error: unknown) {
        // Already signed out (401) is what was asked for.
        if (!(error instanceof ApiError) || error.status !== 401) {
          setSignOutError(error instanceof ApiError ? error : unexpectedError());
          expectSignOut(false);
          return;
        }
      }
      await clearLocalData().catch(() => undefined);
      window.location.assign("/");
    },
  };

  return <SessionContext.Provider value={session}>{props.children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession must be used inside <SessionProvider>");
  return session;
}
