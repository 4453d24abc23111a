import { useLocation, useNavigate } from "@solidjs/router";
import { createEffect, createResource, createUniqueId, on, Show } from "solid-js";
import { t } from "../../src/i18n.ts";
import { fetchDocuments } from "../documents/document.api.ts";
import { viewerPath } from "../documents/document-labels.ts";
import { useSession } from "../session/session.context.tsx";
import { type ActivePresentation, activePresentation, follow, isFollowing } from "./presentation.state.ts";

/** A document's title from the case's list (which holds only what the user may see). */
async function titleOf(key: { caseId: string; documentId: string }): Promise<string | undefined> {
  try {
    const sections = await fetchDocuments(key.caseId);
    for (const section of sections) {
      const found = section.documents.find((document) => document.id === key.documentId);
      if (found) return found.title;
    }
  } catch {
    // The banner says "a document" instead.
  }
  return undefined;
}

/**
 * Someone else presents a document in the case: a GOV.UK notification banner on every page of the
 * case, with "Follow" (open the document, and keep its page and zoom in step with the presenter's)
 * and, while following, "Stop following". Scrolling or going elsewhere does not stop following:
 * the presenter's next move brings the follower back.
 */
export function PresentationBanner(props: { caseId: string }) {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const titleId = createUniqueId();

  /** The presentation, unless the user is the one presenting. */
  const someoneElse = (): ActivePresentation | undefined => {
    const current = activePresentation(props.caseId);
    return current && current.presenter.userId !== session.me()?.id ? current : undefined;
  };
  const [title] = createResource(
    () => {
      const current = someoneElse();
      return current ? { caseId: props.caseId, documentId: current.documentId } : undefined;
    },
    titleOf,
  );
  const following = () => someoneElse() !== undefined && isFollowing(props.caseId);

  const onDocument = (current: ActivePresentation) => location.pathname === viewerPath(props.caseId, current.documentId);
  const bringToDocument = (current: ActivePresentation) => {
    if (!onDocument(current)) navigate(viewerPath(props.caseId, current.documentId));
  };

  // While following, each move of the presenter (page, zoom, another document) brings the user to
  // the presented document; the viewer itself keeps its page and zoom in step.
  createEffect(
    on(
      () => {
        const current = someoneElse();
        return current && following() ? { ...current } : undefined;
      },
      (current) => {
        if (current) bringToDocument(current);
      },
      { defer: true },
    ),
  );

  const heading = (current: ActivePresentation) => {
    const documentTitle = title.loading ? undefined : title();
    return documentTitle
      ? t("presentation.banner.heading", { name: current.presenter.name, title: documentTitle })
      : t("presentation.banner.headingUntitled", { name: current.presenter.name });
  };

  return (
    <>
      <p class="govuk-visually-hidden" role="status">
        {someoneElse() ? heading(someoneElse() as ActivePresentation) : ""}
      </p>
      <Show when={someoneElse()}>
        {(current) => (
          <section class="govuk-notification-banner app-presentation-banner" aria-labelledby={titleId}>
            <div class="govuk-notification-banner__header">
              <h2 class="govuk-notification-banner__title" id={titleId}>
                {t("presentation.banner.title")}
              </h2>
            </div>
            <div class="govuk-notification-banner__content">
              <p class="govuk-notification-banner__heading">{heading(current())}</p>
              <Show when={following()}>
                <p class="govuk-body">{t("presentation.banner.following")}</p>
              </Show>
              <div class="govuk-button-group govuk-!-margin-bottom-0">
                <Show
                  when={following()}
                  fallback={
                    <button
                      type="button"
                      class="govuk-button govuk-!-margin-bottom-0"
                      onClick={() => follow(props.caseId, true)}
                    >
                      {t("presentation.banner.follow")}
                    </button>
                  }
                >
                  <button
                    type="button"
                    class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                    onClick={() => follow(props.caseId, false)}
                  >
                    {t("presentation.banner.stopFollowing")}
                  </button>
                </Show>
              </div>
            </div>
          </section>
        )}
      </Show>
    </>
  );
}
