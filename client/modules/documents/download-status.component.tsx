import { Match, Show, Switch } from "solid-js";
import { formatFileSize } from "../../src/file-size.ts";
import { t } from "../../src/i18n.ts";
import { type Download, percentOf } from "./download.ts";

/**
 * Progress of a {@link Download}: a GOV.UK-styled `<progress>` with the percentage (or the bytes
 * received so far when the size is not known), and a status line that says when it starts, ends
 * or fails. Only that line is a live region, so a screen reader is not told every percent.
 */
export function DownloadStatus(props: { download: Download; waitingText: string }) {
  const state = () => props.download.state();
  const receiving = () => {
    const current = state();
    return current.phase === "receiving" ? current : undefined;
  };

  return (
    <div class="app-download-status">
      <p class="govuk-body app-status-line" role="status">
        <Switch>
          <Match when={state().phase === "waiting"}>{props.waitingText}</Match>
          <Match when={state().phase === "cancelled"}>{t("download.cancelled")}</Match>
          <Match when={doneName(state())}>{(name) => t("download.complete", { name: name() })}</Match>
        </Switch>
      </p>
      <Show when={failedMessage(state())}>
        {(message) => (
          <p class="govuk-error-message" role="alert">
            <span class="govuk-visually-hidden">{t("errorMessage.prefix")}</span>{" "}
            {t("download.failed", { reason: message() })}
          </p>
        )}
      </Show>
      <Show when={props.download.isRunning()}>
        <div class="app-download-status__progress">
          <Show
            when={receiving()}
            fallback={<progress class="app-progress" aria-label={t("download.progressLabel")} />}
          >
            {(current) => (
              <>
                <Show
                  when={percentOf(current()) !== undefined}
                  fallback={<progress class="app-progress" aria-label={t("download.progressLabel")} />}
                >
                  <progress
                    class="app-progress"
                    aria-label={t("download.progressLabel")}
                    max="100"
                    value={percentOf(current())}
                  />
                  <span class="govuk-body-s app-download-status__percent">
                    {t("download.percent", { percent: percentOf(current()) ?? 0 })}
                  </span>
                </Show>
                <span class="govuk-body-s app-secondary-text">
                  {current().total
                    ? t("download.receivedOf", {
                        received: formatFileSize(current().received),
                        total: formatFileSize(current().total ?? 0),
                      })
                    : t("download.received", { received: formatFileSize(current().received) })}
                </span>
              </>
            )}
          </Show>
          <button
            type="button"
            class="govuk-button govuk-button--secondary app-download-status__cancel"
            onClick={() => props.download.cancel()}
          >
            {t("download.cancel")}
          </button>
        </div>
      </Show>
    </div>
  );
}

function doneName(state: ReturnType<Download["state"]>): string | undefined {
  return state.phase === "done" ? state.name : undefined;
}

function failedMessage(state: ReturnType<Download["state"]>): string | undefined {
  return state.phase === "failed" ? state.message : undefined;
}
