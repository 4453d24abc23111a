import { createUniqueId, type JSX } from "solid-js";

/**
 * GOV.UK success notification banner, at the top of the page's content, for the outcome of
 * what the user just did. `role="alert"` has it read out when it appears.
 */
export function SuccessBanner(props: { title: string; heading: string; children?: JSX.Element }) {
  const titleId = createUniqueId();
  return (
    <div
      class="govuk-notification-banner govuk-notification-banner--success"
      role="alert"
      aria-labelledby={titleId}
    >
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id={titleId}>
          {props.title}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <h3 class="govuk-notification-banner__heading">{props.heading}</h3>
        {props.children}
      </div>
    </div>
  );
}
