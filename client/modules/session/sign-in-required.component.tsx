import { onMount } from "solid-js";
import { t } from "../../src/i18n.ts";
import { signInHref } from "./session.api.ts";
import { useSession } from "./session.context.tsx";

/**
 * What a page shows when the server says nobody is signed in (a 401 to its own request): the
 * way to sign in and come back. The page sets the title `cases.signInRequired.title`.
 */
export function SignInRequired(props: { returnTo: string }) {
  const session = useSession();
  // The session ended since the shell last asked: let the header catch up.
  onMount(() => {
    if (session.me()) session.refresh();
  });
  return (
    <>
      <h1 class="govuk-heading-l">{t("cases.signInRequired.title")}</h1>
      <p class="govuk-body">{t("cases.signInRequired.text")}</p>
      <p class="govuk-body">
        <a class="govuk-link" href={signInHref(props.returnTo)} rel="external">
          {t("cases.signInRequired.link")}
        </a>
      </p>
    </>
  );
}
