import { useLocation } from "@solidjs/router";
import { createEffect, createMemo, createSignal, createUniqueId, For, type JSX, Match, on, Show, Switch } from "solid-js";
import { ApiError, unexpectedError } from "../../src/api.ts";
import { formatDate, formatDateTime } from "../../src/date-format.ts";
import { t } from "../../src/i18n.ts";
import { usePageTitle } from "../../src/page-title.ts";
import type { CaseDetail } from "../cases/case.api.ts";
import { useCase } from "../cases/case-workspace.component.tsx";
import { classNames } from "../form-controls/class-names.ts";
import { describedBy, ErrorMessage } from "../form-controls/error-message.component.tsx";
import { ErrorSummary, type FieldError } from "../layout/error-summary.component.tsx";
import { SuccessBanner } from "../layout/notification-banner.component.tsx";
import { useCasePresence } from "../realtime/realtime.context.tsx";
import { onSocketEvent } from "../realtime/socket.ts";
import type { Me } from "../session/session.api.ts";
import { useSession } from "../session/session.context.tsx";
import {
  acknowledgeDirection,
  complyWithDirection,
  type Direction,
  directionOfEvent,
  type EarlierVersion,
  fetchDirections,
} from "./direction.api.ts";
import { DirectionStatusTag, organisationOfParty, partyLabel } from "./direction-labels.tsx";
import { directionWords } from "./direction-text.ts";
import { type DirectionsState, giveDirectionsPath } from "./directions-paths.ts";

/** As the server: a compliance note is limited. */
const MAX_NOTE = 2000;

/** Earliest due first; directions without a date after those with one; then in the order given. */
function byDueDate(a: Direction, b: Direction): number {
  if (a.dueOn !== b.dueOn) {
    if (a.dueOn === null) return 1;
    if (b.dueOn === null) return -1;
    return a.dueOn < b.dueOn ? -1 : 1;
  }
  return a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : 0;
}

/** Whether the user's party must comply with a direction for `party` (as the server decides). */
function isResponsible(me: Me, party: string, detail: CaseDetail): boolean {
  const represented = (defendantId?: string) =>
    me.role === "defence" &&
    detail.defendants.some(
      (d) => (defendantId === undefined || d.id === defendantId) && d.representedBy?.organisationId === me.organisation.id,
    );
  if (party === "all") return me.party !== "court";
  if (party === "prosecution") return me.role === "prosecutor";
  if (party === "defence") return represented();
  if (party.startsWith("defendant:")) return represented(party.slice("defendant:".length));
  return false;
}

/**
 * `/cases/:caseId/directions`: the court's directions in the case, earliest due first, each with
 * who must comply, its due date and status, its legal basis, who gave it and when, each party's
 * acknowledgement and its earlier versions. A party acknowledges a direction here and says it has
 * complied; the court has the way to give more. Directions given while the tab is open join the
 * list at once.
 */
export function CaseDirectionsPage() {
  const detail = useCase();
  const session = useSession();
  const location = useLocation<DirectionsState>();
  const presence = useCasePresence(() => detail().id);
  usePageTitle(() => ({ key: "directions.pageTitle", values: { urn: detail().urn } }));

  const [directions, setDirections] = createSignal<readonly Direction[]>();
  const [failure, setFailure] = createSignal<ApiError>();
  const [problem, setProblem] = createSignal<{ message?: string; errors?: readonly FieldError[] }>();

  // One request at a time; news that arrives while one is under way asks for another after it.
  let loading = false;
  let again = false;
  const load = async (caseId: string) => {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    try {
      do {
        again = false;
        const list = await fetchDirections(caseId);
        if (caseId === detail().id) setDirections(list);
      } while (again);
      setFailure(undefined);
    } catch (error: unknown) {
      setFailure(error instanceof ApiError ? error : unexpectedError());
    } finally {
      loading = false;
    }
  };
  createEffect(on(() => detail().id, (caseId) => void load(caseId)));

  const upsert = (direction: Direction) =>
    setDirections((current) => [...(current ?? []).filter((other) => other.id !== direction.id), direction]);

  onSocketEvent("direction:issued", (payload) => {
    if (payload.caseId !== detail().id) return;
    const direction = directionOfEvent(payload.direction);
    if (direction && !loading && directions() !== undefined) upsert(direction);
    else void load(payload.caseId);
  });

  const byId = createMemo(() => new Map((directions() ?? []).map((direction) => [direction.id, direction])));
  // The cards follow the ids, so a direction that changes keeps its card (an open form, focus).
  const sortedIds = createMemo(() => [...(directions() ?? [])].sort(byDueDate).map((direction) => direction.id));
  const isJudicial = () => {
    const role = session.me()?.role;
    return role === "judge" || role === "legal-adviser";
  };

  /** A user's name: the user's own, or as presence tells it; otherwise their id. */
  const nameOf = (userId: string) => {
    const me = session.me();
    if (me?.id === userId) return me.displayName;
    return presence()?.find((person) => person.userId === userId)?.name ?? userId;
  };

  return (
    <>
      <Show when={location.state?.directionsGiven}>
        {(count) => (
          <SuccessBanner title={t("directions.given.title")} heading={t("directions.given.heading", { count: count() })}>
            <p class="govuk-body">{t("directions.given.text")}</p>
          </SuccessBanner>
        )}
      </Show>
      <Show when={problem()}>{(shown) => <ErrorSummary message={shown().message} errors={shown().errors} />}</Show>
      <Show when={failure()}>
        {(error) => <ErrorSummary message={`${t("directions.unavailable")} ${error().message}`} />}
      </Show>
      <h2 class="govuk-heading-m">{t("directions.heading")}</h2>
      <Show when={isJudicial()}>
        <a href={giveDirectionsPath(detail().id)} class="govuk-button" draggable="false">
          {t("directions.giveLink")}
        </a>
      </Show>
      <Switch>
        <Match when={directions() === undefined && !failure()}>
          <p class="govuk-body" role="status">
            {t("directions.loading")}
          </p>
        </Match>
        <Match when={directions()?.length === 0}>
          <p class="govuk-body">{t("directions.none")}</p>
        </Match>
        <Match when={directions()}>
          <ol class="app-directions" aria-label={t("directions.timeline")}>
            <For each={sortedIds()}>
              {(id) => (
                <Show when={byId().get(id)}>
                  {(direction) => (
                    <li class="app-directions__item">
                      <DirectionCard
                        direction={direction()}
                        detail={detail()}
                        me={session.me()}
                        nameOf={nameOf}
                        onChanged={upsert}
                        onProblem={setProblem}
                      />
                    </li>
                  )}
                </Show>
              )}
            </For>
          </ol>
        </Match>
      </Switch>
    </>
  );
}

type CardProps = {
  direction: Direction;
  detail: CaseDetail;
  me: Me | undefined;
  nameOf: (userId: string) => string;
  onChanged: (direction: Direction) => void;
  onProblem: (problem: { message?: string; errors?: readonly FieldError[] } | undefined) => void;
};

/** One direction as a GOV.UK summary card. */
function DirectionCard(props: CardProps) {
  const titleId = createUniqueId();
  const d = () => props.direction;
  const [busy, setBusy] = createSignal(false);
  let heading: HTMLHeadingElement | undefined;
  /** After the user's own change the control they used is gone: the reader goes to the direction. */
  const changed = (direction: Direction) => {
    props.onChanged(direction);
    queueMicrotask(() => heading?.focus());
  };

  const canAcknowledge = () => {
    const me = props.me;
    return !!me && me.party !== "court" && !d().acknowledgements.some((a) => a.party === me.party);
  };
  const canComply = () => {
    const me = props.me;
    return !!me && isResponsible(me, d().responsibleParty, props.detail) && !d().compliance.some((c) => c.party === me.party);
  };

  const acknowledge = async () => {
    if (busy()) return;
    setBusy(true);
    props.onProblem(undefined);
    try {
      changed(await acknowledgeDirection(d().id));
    } catch (error: unknown) {
      props.onProblem({ message: (error instanceof ApiError ? error : unexpectedError()).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <article class="govuk-summary-card app-direction" aria-labelledby={titleId} data-direction-id={d().id}>
      <div class="govuk-summary-card__title-wrapper">
        <h3 class="govuk-summary-card__title" id={titleId} ref={heading} tabindex="-1">
          {directionWords(d())}
        </h3>
      </div>
      <div class="govuk-summary-card__content">
        <dl class="govuk-summary-list">
          <Row label={t("directions.rows.responsible")}>{partyLabel(d().responsibleParty, props.detail)}</Row>
          <Row label={t("directions.rows.due")}>
            {d().dueOn ? t("directions.dueOn", { date: formatDate(d().dueOn ?? "") }) : t("directions.noDueDate")}
          </Row>
          <Row label={t("directions.rows.status")}>
            <DirectionStatusTag status={d().status} />
          </Row>
          <Row label={t("directions.rows.legalBasis")}>{d().legalBasis ?? t("directions.noLegalBasis")}</Row>
          <Row label={t("directions.rows.issued")}>
            {t("directions.issued", { name: d().issuedByName ?? props.nameOf(d().issuedBy), dateTime: formatDateTime(d().issuedAt) })}
            <span class="app-secondary-text">{t("directions.version", { version: d().version })}</span>
          </Row>
          <Row label={t("directions.rows.acknowledged")}>
            <Show when={d().acknowledgements.length > 0} fallback={t("directions.notAcknowledged")}>
              <ul class="govuk-list app-direction__list">
                <For each={d().acknowledgements}>
                  {(a) => (
                    <li>
                      {t("directions.acknowledgedBy", {
                        organisation: organisationOfParty(a.party, props.detail),
                        dateTime: formatDateTime(a.acknowledgedAt),
                      })}
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </Row>
          <Row label={t("directions.rows.complied")}>
            <Show when={d().compliance.length > 0} fallback={t("directions.notComplied")}>
              <ul class="govuk-list app-direction__list">
                <For each={d().compliance}>
                  {(c) => (
                    <li>
                      {t("directions.compliedBy", {
                        organisation: organisationOfParty(c.party, props.detail),
                        dateTime: formatDateTime(c.compliedAt),
                      })}
                      <span class="app-secondary-text">{c.note}</span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </Row>
        </dl>
        <Show when={d().history.length > 0}>
          <VersionHistory direction={d()} detail={props.detail} nameOf={props.nameOf} />
        </Show>
        <Show when={canAcknowledge()}>
          <button
            type="button"
            class="govuk-button govuk-button--secondary app-direction__action"
            disabled={busy()}
            aria-disabled={busy() ? "true" : undefined}
            onClick={() => void acknowledge()}
          >
            {t("directions.acknowledge")}
            <span class="govuk-visually-hidden"> {t("directions.acknowledgeOf", { text: directionWords(d()) })}</span>
          </button>
        </Show>
        <Show when={canComply()}>
          <ComplyForm direction={d()} onChanged={changed} onProblem={props.onProblem} />
        </Show>
      </div>
    </article>
  );
}

function Row(props: { label: string; children: JSX.Element }) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">{props.label}</dt>
      <dd class="govuk-summary-list__value">{props.children}</dd>
    </div>
  );
}

/** The direction's versions, newest first, in a GOV.UK details component. */
function VersionHistory(props: { direction: Direction; detail: CaseDetail; nameOf: (userId: string) => string }) {
  const older = () => [...props.direction.history].reverse();
  const due = (dueOn: string | null) => (dueOn ? formatDate(dueOn) : t("directions.noDueDate"));
  return (
    <details class="govuk-details app-direction__history">
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">
          {t("directions.history.summary")}
          <span class="govuk-visually-hidden"> {t("directions.history.of", { text: directionWords(props.direction) })}</span>
        </span>
      </summary>
      <div class="govuk-details__text">
        <ol class="govuk-list app-direction__versions">
          <li>
            <p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">
              {t("directions.history.current", {
                version: props.direction.version,
                dateTime: formatDateTime(props.direction.issuedAt),
                name: props.direction.issuedByName ?? props.nameOf(props.direction.issuedBy),
              })}
            </p>
            <p class="govuk-body govuk-!-margin-bottom-1">{directionWords(props.direction)}</p>
            <p class="govuk-body-s app-secondary-text">
              {t("directions.history.due", { date: due(props.direction.dueOn) })}.{" "}
              {t("directions.history.responsible", { party: partyLabel(props.direction.responsibleParty, props.detail) })}
            </p>
          </li>
          <For each={older()}>
            {(version: EarlierVersion) => (
              <li>
                <p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">
                  {t("directions.history.item", {
                    version: version.version,
                    dateTime: formatDateTime(version.issuedAt),
                    name: version.issuedByName ?? props.nameOf(version.issuedBy),
                  })}
                </p>
                <p class="govuk-body govuk-!-margin-bottom-1">{directionWords(version)}</p>
                <p class="govuk-body-s app-secondary-text">
                  {t("directions.history.due", { date: due(version.dueOn) })}.{" "}
                  {t("directions.history.responsible", { party: partyLabel(version.responsibleParty, props.detail) })}
                </p>
              </li>
            )}
          </For>
        </ol>
      </div>
    </details>
  );
}

/** "Mark as complied with": what was done, for the party that must comply. */
function ComplyForm(props: {
  direction: Direction;
  onChanged: (direction: Direction) => void;
  onProblem: CardProps["onProblem"];
}) {
  const id = `comply-${props.direction.id}`;
  const [note, setNote] = createSignal("");
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    const text = note().trim();
    const message =
      text === ""
        ? t("directions.comply.errors.required")
        : text.length > MAX_NOTE
          ? t("directions.comply.errors.tooLong", { max: MAX_NOTE })
          : undefined;
    setError(message);
    if (message) {
      props.onProblem({ errors: [{ fieldId: id, message }] });
      return;
    }
    props.onProblem(undefined);
    setBusy(true);
    try {
      props.onChanged(await complyWithDirection(props.direction.id, text));
      setNote("");
    } catch (failure: unknown) {
      props.onProblem({ message: (failure instanceof ApiError ? failure : unexpectedError()).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <details class="govuk-details app-direction__comply">
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">
          {t("directions.comply.summary")}
          <span class="govuk-visually-hidden"> {t("directions.comply.of", { text: directionWords(props.direction) })}</span>
        </span>
      </summary>
      <div class="govuk-details__text">
        <form novalidate onSubmit={onSubmit}>
          <div class={classNames("govuk-form-group", !!error() && "govuk-form-group--error")}>
            <label class="govuk-label" for={id}>
              {t("directions.comply.label")}
            </label>
            <div id={`${id}-hint`} class="govuk-hint">
              {t("directions.comply.hint")}
            </div>
            <Show when={error()}>{(message) => <ErrorMessage id={`${id}-error`} message={message()} />}</Show>
            <textarea
              class={classNames("govuk-textarea", !!error() && "govuk-textarea--error")}
              id={id}
              name="note"
              rows="3"
              value={note()}
              aria-describedby={describedBy(id, { hasHint: true, hasError: !!error() })}
              onInput={(event) => setNote(event.currentTarget.value)}
            />
          </div>
          <button
            type="submit"
            class="govuk-button govuk-button--secondary"
            disabled={busy()}
            aria-disabled={busy() ? "true" : undefined}
          >
            {t("directions.comply.submit")}
          </button>
        </form>
      </div>
    </details>
  );
}
