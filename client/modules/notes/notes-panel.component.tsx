import {
  createEffect,
  createSignal,
  createUniqueId,
  Match,
  on,
  onCleanup,
  onMount,
  Show,
  Switch,
} from "solid-js";
import { type AppMessageKey, t } from "../../src/i18n.ts";
import { type CollabStatus, isTerminalClose, openCollabDoc } from "../realtime/collab-doc.ts";
import { bindTextarea } from "./textarea-binding.ts";

/** The Y.Text of a notes doc. */
const TEXT = "text";
/** How long a status must hold before it is announced, so typing is not read out key by key. */
const ANNOUNCE_AFTER_MS = 1500;

const STATUS_TEXT: Readonly<Record<CollabStatus, AppMessageKey>> = {
  connecting: "notes.status.connecting",
  saving: "notes.status.saving",
  saved: "notes.status.saved",
  offline: "notes.status.offline",
  "read-only": "notes.status.readOnly",
};

type AwarenessState = { user?: { id?: unknown; name?: unknown }; cursor?: unknown };

export type NotesPanelProps = {
  docName: string;
  /** The label of the textarea, also the panel's heading. */
  label: string;
  hint?: string;
  /** Whether the user's party may write this doc (the server has the last word). */
  editable: boolean;
  userId: string | undefined;
  /** Told the close code while the server's closing of this doc's connection matters, then undefined. */
  onConnectionProblem?: (code: number | undefined) => void;
};

/**
 * One notes doc as a GOV.UK textarea bound to its Y.Text, with whether it is saved, and who else
 * is editing it.
 */
export function NotesPanel(props: NotesPanelProps) {
  const id = createUniqueId();
  const hintId = `${id}-hint`;
  const statusId = `${id}-status`;
  // One doc for the life of the panel; the page keys panels on the doc name.
  const collab = openCollabDoc(props.docName, { userId: props.userId });
  const text = collab.doc.getText(TEXT);
  let textarea: HTMLTextAreaElement | undefined;
  const [othersEditing, setOthersEditing] = createSignal<string[]>([]);

  const isReadOnly = () => !props.editable || collab.readOnly();
  const status = (): CollabStatus => (props.editable ? collab.status() : "read-only");
  /** Why the server closed the connection, while that still matters. */
  const closeCode = () => {
    const code = collab.lastClose();
    // A connection that came back says nothing more; one that cannot come back keeps its message.
    return !isTerminalClose(code) && collab.connected() ? undefined : code;
  };
  createEffect(() => props.onConnectionProblem?.(closeCode()));

  onMount(() => {
    if (!textarea) return;
    const binding = bindTextarea(textarea, text, {
      origin: collab,
      onCaret: (index) => {
        if (isReadOnly()) return;
        collab.awareness.setLocalStateField("cursor", index === null ? null : { index });
      },
    });
    onCleanup(() => binding.destroy());
  });

  const onAwareness = () => {
    const names = new Set<string>();
    for (const [clientId, raw] of collab.awareness.getStates()) {
      if (clientId === collab.doc.clientID) continue;
      const state = raw as AwarenessState;
      if (state.cursor === null || state.cursor === undefined) continue;
      if (state.user?.id === props.userId || typeof state.user?.name !== "string") continue;
      names.add(state.user.name);
    }
    setOthersEditing([...names].sort());
  };
  collab.awareness.on("change", onAwareness);

  // The status for screen readers: only once it has held a moment, and only when it changes.
  const [announced, setAnnounced] = createSignal("");
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(status, (current) => {
      clearTimeout(timer);
      timer = setTimeout(() => setAnnounced(t(STATUS_TEXT[current])), ANNOUNCE_AFTER_MS);
    }),
  );

  onCleanup(() => {
    props.onConnectionProblem?.(undefined);
    clearTimeout(timer);
    collab.awareness.off("change", onAwareness);
    collab.destroy();
  });

  return (
    <div
      class="govuk-form-group app-notes-panel"
      data-doc={props.docName}
      data-synced={collab.synced() ? "true" : "false"}
    >
      <h2 class="govuk-label-wrapper">
        <label class="govuk-label govuk-label--m" for={id}>
          {props.label}
        </label>
      </h2>
      <Show when={props.hint}>
        {(hint) => (
          <div class="govuk-hint" id={hintId}>
            {hint()}
          </div>
        )}
      </Show>
      <textarea
        class="govuk-textarea app-notes-panel__textarea"
        classList={{ "app-notes-panel__textarea--read-only": isReadOnly() }}
        id={id}
        name={id}
        rows="8"
        spellcheck={true}
        readOnly={isReadOnly()}
        aria-describedby={props.hint ? `${hintId} ${statusId}` : statusId}
        ref={textarea}
      />
      <p class="govuk-body-s app-collab-status" id={statusId} data-status={status()}>
        <Switch>
          <Match when={status() === "saved"}>
            <strong class="govuk-tag govuk-tag--green">{t("notes.status.saved")}</strong>
          </Match>
          <Match when={status() === "read-only"}>
            <strong class="govuk-tag govuk-tag--grey">{t("notes.status.readOnly")}</strong>
          </Match>
          <Match when={true}>{t(STATUS_TEXT[status()])}</Match>
        </Switch>
      </p>
      <div class="govuk-visually-hidden" aria-live="polite" aria-atomic="true">
        {announced()}
      </div>
      <Show when={othersEditing().length > 0}>
        <p class="govuk-body-s app-secondary-text app-notes-panel__editing">
          {t("notes.editing", { count: othersEditing().length, names: othersEditing().join(t("notes.namesSeparator")) })}
        </p>
      </Show>
    </div>
  );
}
