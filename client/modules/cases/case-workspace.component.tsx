import { useLocation, useParams } from "@solidjs/router";
import {
  type Accessor,
  createContext,
  createResource,
  Match,
  type ParentProps,
  Show,
  Switch,
  useContext,
} from "solid-js";
import { ApiError, unexpectedError } from "../../src/api.ts";
import { t } from "../../src/i18n.ts";
import { usePageTitle } from "../../src/page-title.ts";
import { useBreadcrumbs } from "../layout/breadcrumbs.context.tsx";
import { ErrorSummary } from "../layout/error-summary.component.tsx";
import { SuccessBanner } from "../layout/notification-banner.component.tsx";
import { SignInRequired } from "../session/sign-in-required.component.tsx";
import { type CaseDetail, fetchCase } from "./case.api.ts";
import { valueText } from "./case-labels.component.tsx";

/** Router state that pages pass when they send the user to a case. */
export type CaseWorkspaceState = { accessGranted?: boolean };

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

const CaseContext = createContext<Accessor<CaseDetail>>();

/** The case the workspace loaded, for its sections. */
export function useCase(): Accessor<CaseDetail> {
  const current = useContext(CaseContext);
  if (!current) throw new Error("useCase must be used inside the case workspace");
  return current;
}

/**
 * `/cases/:caseId`: the case workspace. It loads the case once and shows what every section
 * shares (breadcrumbs, the URN as the page's one heading, notices); its sections are nested
 * routes rendered below it. The overview is the only section so far; the IDPC documents, forms
 * and directions join it as sibling routes with a GOV.UK sub navigation here.
 */
export function CaseWorkspace(props: ParentProps) {
  const params = useParams<{ caseId: string }>();
  const location = useLocation<CaseWorkspaceState>();
  const [result] = createResource(() => params.caseId, loadCase);

  /** The current answer; undefined while a case is loading, including another case's. */
  const current = () => (result.loading ? undefined : result());
  const loaded = () => {
    const answer = current();
    return answer?.status === "loaded" ? answer.case : undefined;
  };

  useBreadcrumbs(() => {
    const detail = loaded();
    const cases = { text: t("navigation.cases"), href: "/cases" };
    return detail ? [cases, { text: detail.urn }] : [cases];
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
          <CaseContext.Provider value={detail}>
            <Show when={location.state?.accessGranted}>
              <SuccessBanner
                title={t("cases.access.granted.title")}
                heading={t("cases.access.granted.heading")}
              />
            </Show>
            <span class="govuk-caption-l">
              {t("cases.workspace.caption", {
                court: detail().court.name,
                jurisdiction: valueText("jurisdictions", detail().jurisdiction),
              })}
            </span>
            <h1 class="govuk-heading-l">{detail().urn}</h1>
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
