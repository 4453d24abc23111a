import { useLocation } from "@solidjs/router";
import { createEffect, ErrorBoundary, on, type ParentProps, Show } from "solid-js";
import { t } from "../../src/i18n.ts";
import { RealtimeNotices, RealtimeProvider } from "../realtime/realtime.context.tsx";
import { signInHref } from "../session/session.api.ts";
import { useSession } from "../session/session.context.tsx";
import { Breadcrumbs, BreadcrumbsProvider } from "./breadcrumbs.context.tsx";
import { ErrorSummary } from "./error-summary.component.tsx";
import { GovukLogo } from "./govuk-logo.component.tsx";
import { LanguageSwitch } from "./language-switch.component.tsx";

const MAIN_CONTENT_ID = "main-content";
const GOVUK_HOMEPAGE = "https://www.gov.uk/";
const CROWN_COPYRIGHT =
  "https://www.nationalarchives.gov.uk/information-management/re-using-public-sector-information/uk-government-licensing-framework/crown-copyright/";

/** The GOV.UK page template around every page: skip link, header, phase banner, main, footer. */
export function PageLayout(props: ParentProps) {
  let main: HTMLElement | undefined;
  const location = useLocation();

  /** Move focus to the main content, as GOV.UK Frontend's skip link script does. */
  const focusMain = () => {
    if (!main) return;
    main.setAttribute("tabindex", "-1");
    main.classList.add("govuk-skip-link-focused-element");
    main.addEventListener(
      "blur",
      () => {
        main?.removeAttribute("tabindex");
        main?.classList.remove("govuk-skip-link-focused-element");
      },
      { once: true },
    );
    main.focus();
  };

  // After a client-side navigation, start the reader at the new page's content, as a full page
  // load would, instead of leaving focus on a link that may no longer exist.
  createEffect(on(() => location.pathname, focusMain, { defer: true }));

  const onSkipLink = (event: MouseEvent) => {
    // The router would treat "#main-content" as a navigation and only scroll.
    event.preventDefault();
    focusMain();
  };

  return (
    <RealtimeProvider>
      <BreadcrumbsProvider>
        <a href={`#${MAIN_CONTENT_ID}`} class="govuk-skip-link" onClick={onSkipLink}>
          {t("layout.skipLink")}
        </a>
        <header class="govuk-template__header">
          <div class="govuk-header">
            <div class="govuk-header__container govuk-width-container">
              <div class="govuk-header__logo">
                <a href={GOVUK_HOMEPAGE} class="govuk-header__homepage-link">
                  <GovukLogo
                    class="govuk-header__logotype"
                    label={t("layout.govukLogo")}
                    withLogotype={true}
                  />
                </a>
              </div>
            </div>
          </div>
          <ServiceNavigation />
        </header>
        <div class="govuk-width-container">
          <div class="govuk-phase-banner">
            <p class="govuk-phase-banner__content">
              <strong class="govuk-tag govuk-phase-banner__content__tag">
                {t("layout.phaseBanner.tag")}
              </strong>
              <span class="govuk-phase-banner__text">{t("layout.phaseBanner.text")}</span>
            </p>
          </div>
          <LanguageSwitch />
          <Breadcrumbs />
          <main class="govuk-main-wrapper" id={MAIN_CONTENT_ID} ref={main}>
            <SignOutError />
            <RealtimeNotices />
            {/* A page that fails to render still leaves the shell, and says so in its words. */}
            <ErrorBoundary fallback={<ErrorSummary message={t("errors:server.error")} />}>
              {props.children}
            </ErrorBoundary>
          </main>
        </div>
        <footer class="govuk-template__footer">
          <div class="govuk-footer">
            <div class="govuk-width-container">
              <GovukLogo class="govuk-footer__crown" withLogotype={false} />
              <div class="govuk-footer__meta">
                <div class="govuk-footer__meta-item govuk-footer__meta-item--grow" />
                <div class="govuk-footer__meta-item">
                  <a class="govuk-footer__link govuk-footer__copyright-logo" href={CROWN_COPYRIGHT}>
                    {t("layout.footer.copyright")}
                  </a>
                </div>
              </div>
            </div>
          </div>
        </footer>
      </BreadcrumbsProvider>
    </RealtimeProvider>
  );
}

/** GOV.UK service navigation: the service name, the sections, and who is signed in. */
function ServiceNavigation() {
  const session = useSession();
  const location = useLocation();
  const isInCases = () => location.pathname === "/cases" || location.pathname.startsWith("/cases/");
  const isInCourtList = () => location.pathname === "/court-list";
  /** Court staff and the judiciary sit at courts; they have a court list. */
  const hasCourts = () => (session.me()?.courts.length ?? 0) > 0;

  return (
    <section
      aria-label={t("layout.serviceNavigation")}
      class="govuk-service-navigation"
    >
      <div class="govuk-width-container govuk-service-navigation__inlining-container">
        <div class="govuk-service-navigation__container">
          <span class="govuk-service-navigation__service-name">
            <a href="/" class="govuk-service-navigation__link">
              {t("serviceName")}
            </a>
          </span>
          <Show when={session.me()}>
            <nav aria-label={t("layout.navigation")} class="govuk-service-navigation__wrapper">
              <ul class="govuk-service-navigation__list" id="navigation">
                <li
                  class="govuk-service-navigation__item"
                  classList={{ "govuk-service-navigation__item--active": isInCases() }}
                >
                  <a
                    class="govuk-service-navigation__link"
                    href="/cases"
                    aria-current={
                      isInCases() ? (location.pathname === "/cases" ? "page" : "true") : undefined
                    }
                  >
                    <Show when={isInCases()} fallback={t("navigation.cases")}>
                      <strong class="govuk-service-navigation__active-fallback">
                        {t("navigation.cases")}
                      </strong>
                    </Show>
                  </a>
                </li>
                <Show when={hasCourts()}>
                  <li
                    class="govuk-service-navigation__item"
                    classList={{ "govuk-service-navigation__item--active": isInCourtList() }}
                  >
                    <a
                      class="govuk-service-navigation__link"
                      href="/court-list"
                      aria-current={isInCourtList() ? "page" : undefined}
                    >
                      <Show when={isInCourtList()} fallback={t("navigation.courtList")}>
                        <strong class="govuk-service-navigation__active-fallback">
                          {t("navigation.courtList")}
                        </strong>
                      </Show>
                    </a>
                  </li>
                </Show>
              </ul>
            </nav>
          </Show>
        </div>
        <Account />
      </div>
    </section>
  );
}

/** The signed-in user's name, organisation and role with a sign-out button, or a sign-in link. */
function Account() {
  const session = useSession();
  return (
    <div class="app-account">
      <Show
        when={session.me()}
        fallback={
          <Show when={session.state().status !== "loading"}>
            <a
              class="govuk-service-navigation__link app-account__action"
              href={signInHref()}
              rel="external"
            >
              {t("account.signIn")}
            </a>
          </Show>
        }
      >
        {(me) => (
          <>
            <p class="app-account__details">
              <span class="govuk-visually-hidden">{t("account.signedInAs")} </span>
              <strong class="app-account__name">{me().displayName}</strong>{" "}
              <span class="app-account__organisation">
                {t("account.organisationAndRole", {
                  organisation: me().organisation.name,
                  role: t(`roles.${me().role}`),
                })}
              </span>
            </p>
            <a class="govuk-service-navigation__link app-account__action" href="/account/notifications">
              {t("settings.link")}
            </a>
            <button
              type="button"
              class="govuk-service-navigation__link app-account__action app-link-button"
              onClick={() => void session.signOut()}
            >
              {t("account.signOut")}
            </button>
          </>
        )}
      </Show>
    </div>
  );
}

function SignOutError() {
  const session = useSession();
  return (
    <Show when={session.signOutError()}>
      {(error) => (
        <ErrorSummary message={t("account.signOutFailed", { reason: error().message })} />
      )}
    </Show>
  );
}
