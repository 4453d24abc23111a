import { Match, Switch } from "solid-js";
import { t } from "../../src/i18n.ts";
import { usePageTitle } from "../../src/page-title.ts";
import { signInHref } from "../session/session.api.ts";
import { useSession } from "../session/session.context.tsx";

/** The start page: what Caseroom is for, and the way in. */
export function HomePage() {
  const session = useSession();
  usePageTitle(() => "home.title");

  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <h1 class="govuk-heading-xl">{t("home.title")}</h1>
        <p class="govuk-body-l">{t("home.description")}</p>
        <Switch>
          <Match when={session.state().status === "signed-in"}>
            <a href="/cases" class="govuk-button govuk-button--start" draggable="false">
              {t("home.findCase")}
              <StartIcon />
            </a>
          </Match>
          <Match when={session.state().status !== "loading"}>
            <a
              href={signInHref()}
              rel="external"
              class="govuk-button govuk-button--start"
              draggable="false"
            >
              {t("home.signIn")}
              <StartIcon />
            </a>
          </Match>
        </Switch>
      </div>
    </div>
  );
}

function StartIcon() {
  return (
    <svg
      class="govuk-button__start-icon"
      xmlns="http://www.w3.org/2000/svg"
      width="17.5"
      height="19"
      viewBox="0 0 33 40"
      aria-hidden="true"
    >
      <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
    </svg>
  );
}
