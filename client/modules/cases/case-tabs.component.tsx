import { useLocation } from "@solidjs/router";
import { createSignal, createUniqueId, For, type ParentProps, Show } from "solid-js";
import { type AppMessageKey, t } from "../../src/i18n.ts";
import { SuccessBanner } from "../layout/notification-banner.component.tsx";
import { onSocketEvent } from "../realtime/socket.ts";
import { WhoIsHere } from "../realtime/who-is-here.component.tsx";
import { courtName, valueText } from "./case-labels.component.tsx";
import { type CaseWorkspaceState, casePath, useCase } from "./case-workspace.component.tsx";

/** The workspace's tabs: each is a page of its own, under the case's path. */
const TABS: readonly { section: string; label: AppMessageKey }[] = [
  { section: "", label: "cases.workspace.navigation.overview" },
  { section: "/documents", label: "cases.workspace.navigation.documents" },
  { section: "/notes", label: "cases.workspace.navigation.notes" },
  { section: "/forms", label: "cases.workspace.navigation.forms" },
  { section: "/directions", label: "cases.workspace.navigation.directions" },
];

/**
 * What the case workspace's tabs share: the court as a caption, the URN as the page's one
 * heading, and a sub navigation between the tabs (links, so each tab has its own address and
 * the back button works), with the current one marked `aria-current="page"`. Beside the heading,
 * who is in the case now; above it, material served while the user is here.
 */
export function CaseTabs(props: ParentProps) {
  const detail = useCase();
  const location = useLocation<CaseWorkspaceState>();
  const isCurrent = (section: string) =>
    location.pathname.replace(/\/$/, "") === casePath(detail().id, section);

  return (
    <>
      <Show when={location.state?.accessGranted}>
        <SuccessBanner
          title={t("cases.access.granted.title")}
          heading={t("cases.access.granted.heading")}
        />
      </Show>
      <NewMaterialBanner caseId={detail().id} />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l">
            {t("cases.workspace.caption", {
              court: courtName(detail().court),
              jurisdiction: valueText("jurisdictions", detail().jurisdiction),
            })}
          </span>
          <h1 class="govuk-heading-l">{detail().urn}</h1>
        </div>
        <div class="govuk-grid-column-one-third">
          <WhoIsHere caseId={detail().id} />
        </div>
      </div>
      <nav class="app-sub-navigation" aria-label={t("cases.workspace.navigation.label")}>
        <ul class="app-sub-navigation__list">
          <For each={TABS}>
            {(tab) => (
              <li class="app-sub-navigation__item">
                <a
                  class="app-sub-navigation__link govuk-link"
                  href={casePath(detail().id, tab.section)}
                  aria-current={isCurrent(tab.section) ? "page" : undefined}
                >
                  {t(tab.label)}
                </a>
              </li>
            )}
          </For>
        </ul>
      </nav>
      {props.children}
    </>
  );
}

/** The title of a document served to the case while the user is in it (the event's document is untyped). */
function servedTitle(document: unknown): string | undefined {
  if (typeof document !== "object" || document === null) return undefined;
  const title = (document as { title?: unknown }).title;
  return typeof title === "string" && title !== "" ? title : undefined;
}

/**
 * "New material served: <title>", when the prosecution serves a document on the case while the
 * user is in it. The live region is always there, so the banner is announced when it appears.
 */
function NewMaterialBanner(props: { caseId: string }) {
  const titleId = createUniqueId();
  const [titles, setTitles] = createSignal<readonly string[]>([]);
  onSocketEvent("document:served", (payload) => {
    if (payload.caseId !== props.caseId) return;
    const title = servedTitle(payload.document);
    if (title) setTitles((current) => [...current.filter((known) => known !== title), title]);
  });
  return (
    <div aria-live="polite">
      <Show when={titles().length > 0}>
        <section class="govuk-notification-banner" aria-labelledby={titleId}>
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title" id={titleId}>
              {t("documents.newMaterial.title")}
            </h2>
          </div>
          <div class="govuk-notification-banner__content">
            <For each={titles()}>
              {(title) => (
                <p class="govuk-notification-banner__heading">
                  {t("documents.newMaterial.heading", { title })}{" "}
                  <a
                    class="govuk-notification-banner__link"
                    href={casePath(props.caseId, "/documents")}
                  >
                    {t("documents.newMaterial.link")}
                  </a>
                </p>
              )}
            </For>
          </div>
        </section>
      </Show>
    </div>
  );
}
