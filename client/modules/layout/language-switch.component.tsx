import { useLocation } from "@solidjs/router";
import { Show } from "solid-js";
import { language, t } from "../../src/i18n.ts";

/**
 * "English | Cymraeg" (the HMCTS language toggle): the current language as text, the other as a
 * link named in its own language. The link is a page load through `/language/:language`, which
 * remembers the choice and comes back to this page.
 */
export function LanguageSwitch() {
  const location = useLocation();
  const href = (to: "en" | "cy") => `/language/${to}?returnTo=${encodeURIComponent(`${location.pathname}${location.search}`)}`;
  const isWelsh = () => language() === "cy";
  return (
    <nav class="app-language-switch" aria-label={t("layout.language.label")}>
      <ul class="app-language-switch__list">
        <li class="app-language-switch__item">
          <Show when={isWelsh()} fallback={<span aria-current="true">{t("layout.language.english")}</span>}>
            <a class="govuk-link" href={href("en")} lang="en" hreflang="en" rel="external">
              <span class="govuk-visually-hidden">{t("layout.language.toEnglish")}</span>
              <span aria-hidden="true">{t("layout.language.english")}</span>
            </a>
          </Show>
        </li>
        <li class="app-language-switch__item">
          <Show when={!isWelsh()} fallback={<span aria-current="true">{t("layout.language.welsh")}</span>}>
            <a class="govuk-link" href={href("cy")} lang="cy" hreflang="cy" rel="external">
              <span class="govuk-visually-hidden">{t("layout.language.toWelsh")}</span>
              <span aria-hidden="true">{t("layout.language.welsh")}</span>
            </a>
          </Show>
        </li>
      </ul>
    </nav>
  );
}
