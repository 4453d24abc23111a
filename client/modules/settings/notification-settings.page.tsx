import { createEffect, createResource, createSignal, For, Match, on, Show, Switch } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import { type NoticeMode, noticeKind, noticeMode } from "../../../shared/schemas/notification.schema.ts";
import { ApiError, unexpectedError } from "../../src/api.ts";
import { t } from "../../src/i18n.ts";
import { usePageTitle } from "../../src/page-title.ts";
import { Radios } from "../form-controls/radios.component.tsx";
import { ErrorSummary } from "../layout/error-summary.component.tsx";
import { SuccessBanner } from "../layout/notification-banner.component.tsx";
import { useSession } from "../session/session.context.tsx";
import { SignInRequired } from "../session/sign-in-required.component.tsx";
import { fetchNoticePreferences, type NoticePreferences, saveNoticePreferences } from "./notification-settings.api.ts";

export const NOTIFICATION_SETTINGS_PATH = "/account/notifications";

type Loaded = { status: "loaded"; preferences: NoticePreferences } | { status: "signed-out" } | { status: "failed"; error: ApiError };

async function loadPreferences(): Promise<Loaded> {
  try {
    return { status: "loaded", preferences: await fetchNoticePreferences() };
  } catch (error: unknown) {
    if (!(error instanceof ApiError)) return { status: "failed", error: unexpectedError() };
    return error.status === 401 ? { status: "signed-out" } : { status: "failed", error };
  }
}

const MODE_OPTIONS = () => noticeMode.options.map((mode) => ({ value: mode, text: t(`settings.modes.${mode}`) }));

const isMode = (value: string): value is NoticeMode => noticeMode.safeParse(value).success;

/**
 * `/account/notifications`: the signed-in user chooses, for each kind of e-mail notice, whether
 * it comes straight away, in the daily summary, or not at all.
 */
export function NotificationSettingsPage() {
  const session = useSession();
  // Keyed by who is signed in, so a refresh of the same session does not reload (and undo) the choices.
  const [loaded] = createResource(() => session.me()?.id, loadPreferences);
  const [choices, setChoices] = createStore<Partial<NoticePreferences>>({});
  const [failure, setFailure] = createSignal<string>();
  const [isSaving, setSaving] = createSignal(false);
  const [isSignedOutNow, setSignedOutNow] = createSignal(false);
  /** Whether the choices on screen are the ones just saved: the success banner shows while they are. */
  const [isSaved, setSaved] = createSignal(false);
  /** Counts the saves that succeeded: each one moves the focus to the banner. */
  const [saves, setSaves] = createSignal(0);

  createEffect(() => {
    const current = loaded();
    if (current?.status === "loaded") setChoices(reconcile({ ...current.preferences }));
  });

  const isSignedOut = () =>
    isSignedOutNow() || session.state().status === "signed-out" || loaded()?.status === "signed-out";
  const isReady = () => loaded()?.status === "loaded";
  const loadFailure = () => {
    const current = loaded();
    return current?.status === "failed" ? current.error.message : undefined;
  };

  usePageTitle(() => (isSignedOut() ? "cases.signInRequired.title" : "settings.title"), {
    hasErrors: () => failure() !== undefined || loadFailure() !== undefined,
  });

  // The banner says the save worked: take the reader there, as GOV.UK Frontend does for a
  // success banner with role="alert" (focusable only while it has the focus).
  let bannerArea: HTMLDivElement | undefined;
  createEffect(
    on(
      saves,
      () => {
        const banner = bannerArea?.querySelector<HTMLElement>(".govuk-notification-banner");
        if (!banner) return;
        banner.setAttribute("tabindex", "-1");
        banner.addEventListener("blur", () => banner.removeAttribute("tabindex"), { once: true });
        banner.focus();
      },
      { defer: true },
    ),
  );

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (isSaving()) return;
    setFailure(undefined);
    setSaved(false);
    setSaving(true);
    try {
      const saved = await saveNoticePreferences({ ...choices });
      setChoices(reconcile({ ...saved }));
      setSaved(true);
      setSaves((count) => count + 1);
    } catch (error: unknown) {
      if (error instanceof ApiError && error.status === 401) setSignedOutNow(true);
      else setFailure(error instanceof ApiError ? error.message : unexpectedError().message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Switch>
      <Match when={isSignedOut()}>
        <SignInRequired returnTo={NOTIFICATION_SETTINGS_PATH} />
      </Match>
      <Match when={session.me()}>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <div ref={bannerArea}>
              <Show when={isSaved()}>
                <SuccessBanner title={t("settings.saved.title")} heading={t("settings.saved.heading")} />
              </Show>
            </div>
            <Show when={failure() ?? loadFailure()}>{(message) => <ErrorSummary message={message()} />}</Show>
            <h1 class="govuk-heading-l">{t("settings.title")}</h1>
            <p class="govuk-body">{t("settings.intro")}</p>
            <p class="govuk-body">{t("settings.privacy")}</p>
            <Show
              when={isReady()}
              fallback={
                <p class="govuk-body" role="status">
                  {loaded.loading ? t("settings.loading") : ""}
                </p>
              }
            >
              <form method="post" novalidate onSubmit={onSubmit}>
                <For each={noticeKind.options}>
                  {(kind) => (
                    <Radios
                      id={`notices-${kind}`}
                      legend={t(`settings.kinds.${kind}`)}
                      value={choices[kind] ?? "immediately"}
                      options={MODE_OPTIONS()}
                      onChange={(value) => {
                        if (!isMode(value)) return;
                        setChoices(kind, value);
                        setSaved(false);
                      }}
                    />
                  )}
                </For>
                <button
                  type="submit"
                  class="govuk-button"
                  disabled={isSaving()}
                  aria-disabled={isSaving() ? "true" : undefined}
                >
                  {t("settings.save")}
                </button>
              </form>
            </Show>
          </div>
        </div>
      </Match>
    </Switch>
  );
}
