import { useLocation } from "@solidjs/router";
import { Show } from "solid-js";
import { CLOSE_CODE } from "../../../shared/protocol/collab-protocol.ts";
import { type AppMessageKey, t } from "../../src/i18n.ts";
import { signInHref } from "../session/session.api.ts";

/** The server's close codes, most important first, each with what the user is told. */
const MESSAGES: readonly (readonly [number | "other", AppMessageKey])[] = [
  [CLOSE_CODE.signedOut, "collab.closed.signedOut"],
  [CLOSE_CODE.accessRevoked, "collab.closed.accessRevoked"],
  [CLOSE_CODE.storeUnavailable, "collab.closed.storeUnavailable"],
  [CLOSE_CODE.restarting, "collab.closed.restarting"],
  ["other", "collab.closed.problem"],
];

/** The one code to speak of when several docs' connections were closed. */
export function mostImportantClose(codes: readonly (number | undefined)[]): number | undefined {
  const closed = codes.filter((code): code is number => code !== undefined);
  if (closed.length === 0) return undefined;
  for (const [code] of MESSAGES) if (code !== "other" && closed.includes(code)) return code;
  return closed[0];
}

function messageKey(code: number): AppMessageKey {
  return (MESSAGES.find(([known]) => known === code) ?? MESSAGES[MESSAGES.length - 1])?.[1] ?? "collab.closed.problem";
}

/**
 * Why the server closed the connection of the docs on the page (signed out, access revoked,
 * restarting, store unavailable…), once for all of them, as GOV.UK warning text. In a polite live
 * region, so it is read out when it appears.
 */
export function ConnectionWarning(props: { code: number | undefined }) {
  const location = useLocation();
  return (
    <div aria-live="polite">
      <Show when={props.code}>
        {(code) => (
          <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong class="govuk-warning-text__text">
              <span class="govuk-visually-hidden">{t("collab.warning")}</span>
              {t(messageKey(code()))}
              <Show when={code() === CLOSE_CODE.signedOut}>
                {" "}
                <a class="govuk-link" href={signInHref(location.pathname)} rel="external">
                  {t("collab.signInAgain")}
                </a>
              </Show>
            </strong>
          </div>
        )}
      </Show>
    </div>
  );
}
