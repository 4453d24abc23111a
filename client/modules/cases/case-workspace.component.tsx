import { useLocation, useParams } from "@solidjs/router";
import {
  type Accessor,
  createContext,
  createRenderEffect,
  createResource,
  createSignal,
  Match,
  onCleanup,
  type ParentProps,
  Switch,
  useContext,
} from "solid-js";
import { ApiError, unexpectedError } from "../../src/api.ts";
import { t } from "../../src/i18n.ts";
import { usePageTitle } from "../../src/page-title.ts";
import { type Breadcrumb, useBreadcrumbs } from "../layout/breadcrumbs.context.tsx";
import { ErrorSummary } from "../layout/error-summary.component.tsx";
import { PresentationBanner } from "../presentation/presentation-banner.component.tsx";
import { useCasePresenceReporting } from "../realtime/realtime.context.tsx";
import { onSocketEvent } from "../realtime/socket.ts";
import { SignInRequired } from "../session/sign-in-required.component.tsx";
import { type CaseDetail, fetchCase } from "./case.api.ts";

/** Router state that pages pass when they send the user to a case. */
export type CaseWorkspaceState = {
  accessGranted?: boolean;
  /** A document the user just served, for the documents tab's success banner. */
  served?: { title: string; version: number };
};

type CaseResult =
  | { status: "loaded"; case: CaseDetail }
  | { status: "not-found" }
  | { status: "signed-out" }
  | { status: "failed"; error: ApiError };

async function loadCase(caseId: string): Promise<CaseResult> {
  try {
    return { status: "loaded", case: await fetchCase(caseId) };
  } catch (error: unknown) {
    if (!(error instanceof ApiError)) return { status: "failed", error: unexpectedError() };
    if (error.status === 401) return { status: "signed-out" };
    // Unknown and not visible are the same answer (DESIGN §1), and so the same page.
    if (error.status === 404) return { status: "not-found" };
    return { status: "failed", error };
  }
}

type TrailRegistration = { owner: symbol; items: readonly Breadcrumb[] };

type CaseWorkspaceContext = {
  detail: Accessor<CaseDetail>;
  setTrail: (registration: TrailRegistration) => void;
  clearTrail: (owner: symbol) => void;
};

const CaseContext = createContext<CaseWorkspaceContext>();

function useWorkspace(): CaseWorkspaceContext {
  const current = useContext(CaseContext);
  if (!current) throw new Error("useCase must be used inside the case workspace");
  return current;
}

/** The case the workspace loaded, for its sections. */
export function useCase(): Accessor<CaseDetail> {
  return useWorkspace().detail;
}

/** The path of a case's page: its overview, or a section under it (`/documents`). */
export function casePath(caseId: string, section = ""): string {
  return `/cases/${encodeURIComponent(caseId)}${section}`;
}

/**
 * Breadcrumbs below the case, for a page deeper than the workspace's tabs (a document, the serve
 * form): the workspace shows "Cases › <URN>" and then these, while the calling page is shown.
 */
export function useCaseTrail(items: () => readonly Breadcrumb[]): void {
  const workspace = useWorkspace();
  const owner = Symbol("case-trail");
  createRenderEffect(() => workspace.setTrail({ owner, items: items() }));
  onCleanup(() => workspace.clearTrail(owner));
}

/**
 * `/cases/:caseId`: the case workspace. It loads the case once, for all the pages nested below
 * it, and sets their breadcrumbs. Its tabs (overview, IDPC documents, later forms and
 * directions) share the heading and sub navigation of {@link CaseTabs}; deeper pages (a document,
 * the serve form) have their own heading and add to the breadcrumbs with {@link useCaseTrail}.
 */
export function CaseWorkspace(props: ParentProps) {
  const params = useParams<{ caseId: string }>();
  const location = useLocation<CaseWorkspaceState>();
  const [result, { mutate }] = createResource(() => params.caseId, loadCase);
  // Someone changed the case (intake edits, a hearing listed): load it again in the background,
  // keeping the page as it is until the new answer is in.
  onSocketEvent("case:updated", (payload) => {
    if (payload.caseId !== params.caseId) return;
    void loadCase(payload.caseId).then((answer) => {
      if (answer.status === "loaded" && params.caseId === payload.caseId) mutate(answer);
    });
  });
  const [trail, setTrail] = createSignal<TrailRegistration>();

  /** The current answer; undefined while a case is loading, including another case's. */
  const current = () => (result.loading ? undefined : result());
  const loaded = () => {
    const answer = current();
    return answer?.status === "loaded" ? answer.case : undefined;
  };

  useBreadcrumbs(() => {
    const detail = loaded();
    const cases = { text: t("navigation.cases"), href: "/cases" };
    if (!detail) return [cases];
    const deeper = trail()?.items ?? [];
    if (deeper.length === 0) return [cases, { text: detail.urn }];
    return [cases, { text: detail.urn, href: casePath(detail.id) }, ...deeper];
  });

  // A section sets the title of a loaded case; the other states are the workspace's own.
  usePageTitle(() => {
    switch (current()?.status) {
      case undefined:
        return "cases.workspace.loadingTitle";
      case "failed":
        return "cases.workspace.unavailableTitle";
      case "not-found":
        return "cases.notFound.title";
      case "signed-out":
        return "cases.signInRequired.title";
      default:
        return undefined;
    }
  });

  return (
    <Switch
      fallback={
        <p class="govuk-body" role="status">
          {t("cases.workspace.loading")}
        </p>
      }
    >
      <Match when={current()?.status === "not-found"}>
        <CaseNotFound />
      </Match>
      <Match when={current()?.status === "signed-out"}>
        <SignInRequired returnTo={location.pathname} />
      </Match>
      <Match when={failure(current())}>
        {(error) => (
          <>
            <ErrorSummary message={error().message} />
            <h1 class="govuk-heading-l">{t("cases.workspace.unavailableTitle")}</h1>
          </>
        )}
      </Match>
      <Match when={loaded()}>
        {(detail) => (
          <CaseContext.Provider
            value={{
              detail,
              setTrail,
              // The next page may have set its own before this one is disposed: leave those alone.
              clearTrail: (owner) => {
                if (trail()?.owner === owner) setTrail(undefined);
              },
            }}
          >
            <CasePresence caseId={detail().id} />
            <PresentationBanner caseId={detail().id} />
            {props.children}
          </CaseContext.Provider>
        )}
      </Match>
    </Switch>
  );
}

function failure(result: CaseResult | undefined): ApiError | undefined {
  return result?.status === "failed" ? result.error : undefined;
}

/** Tells the other people in the case, while it is open, that the user is here and where. */
function CasePresence(props: { caseId: string }) {
  useCasePresenceReporting(() => props.caseId);
  return null;
}

/** The same page whether the case does not exist or the user may not see it. */
function CaseNotFound() {
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <h1 class="govuk-heading-l">{t("cases.notFound.title")}</h1>
        <p class="govuk-body">{t("cases.notFound.text")}</p>
        <p class="govuk-body">
          <a class="govuk-link" href="/cases">
            {t("cases.notFound.link")}
          </a>
        </p>
      </div>
    </div>
  );
}
