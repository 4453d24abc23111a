import { useLocation } from "@solidjs/router";
import { For, type ParentProps, Show } from "solid-js";
import { type AppMessageKey, t } from "../../src/i18n.ts";
import { SuccessBanner } from "../layout/notification-banner.component.tsx";
import { valueText } from "./case-labels.component.tsx";
import { type CaseWorkspaceState, casePath, useCase } from "./case-workspace.component.tsx";

/** The workspace's tabs: each is a page of its own, under the case's path. */
const TABS: readonly { section: string; label: AppMessageKey }[] = [
  { section: "", label: "cases.workspace.navigation.overview" },
  { section: "/documents", label: "cases.workspace.navigation.documents" },
];

/**
 * What the case workspace's tabs share: the court as a caption, the URN as the page's one
 * heading, and a sub navigation between the tabs (links, so each tab has its own address and
 * the back button works), with the current one marked `aria-current="page"`.
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
      <span class="govuk-caption-l">
        {t("cases.workspace.caption", {
          court: detail().court.name,
          jurisdiction: valueText("jurisdictions", detail().jurisdiction),
        })}
      </span>
      <h1 class="govuk-heading-l">{detail().urn}</h1>
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
