import { type Accessor, createEffect, createMemo, createSignal, onCleanup } from "solid-js";
import * as Y from "yjs";
import { type CanonicalValue, canonicalPart, completeness, FIELDS_MAP } from "../../../shared/forms/form-content.ts";
import type { FormPartDefinition } from "../../../shared/forms/form-definition.schema.ts";
import { type CollabDoc, type CollabStatus, openCollabDoc } from "../realtime/collab-doc.ts";

/** What another person's awareness state holds on a form part (the server sets `user`). */
type AwarenessState = { user?: { id?: unknown; name?: unknown }; field?: unknown };

/** One part of a form, open as its collaboration doc, with what the page shows of it. */
export type PartState = {
  key: string;
  docName: string;
  definition: FormPartDefinition;
  collab: CollabDoc;
  /** The part's Y.Map of answers. */
  fields: Y.Map<unknown>;
  /** Changes on every change to the doc, so reads of it can be tracked. */
  version: Accessor<number>;
  /** The part's answers as the sign-off covers them. */
  content: Accessor<Record<string, CanonicalValue>>;
  completeness: Accessor<{ answered: number; required: number }>;
  /** The doc has been in step with the server at least once on this page. */
  everSynced: Accessor<boolean>;
  /** The user may change answers now. */
  editable: Accessor<boolean>;
  /** "Read only" for a part the user may not write, else the doc's own status. */
  status: Accessor<CollabStatus>;
  /** Other people with a field of this part focused: field id → their names. */
  editors: Accessor<ReadonlyMap<string, readonly string[]>>;
  /** Tell the others which field the user is in (null: none). */
  focusField(fieldId: string | null): void;
  /** The field's inputs are gone (another part shown, a row removed): the user is no longer in it. */
  leaveField(fieldId: string): void;
  /** Make a change to the doc as this page's own. */
  change(apply: () => void): void;
};

export type PartStateOptions = {
  key: string;
  docName: string;
  definition: FormPartDefinition;
  userId: string;
  /** The server says the user's party writes this part. */
  canWrite: Accessor<boolean>;
  /** The form is finalised: nobody changes it any more. */
  finalised: Accessor<boolean>;
};

/**
 * Open a part's doc for the life of the calling component. Answers can be changed once the doc
 * has synced with the server (so a field is never created over one the server already has), while
 * the server lets the user write, and until the form is finalised.
 */
export function createPartState(options: PartStateOptions): PartState {
  const collab = openCollabDoc(options.docName, { userId: options.userId });
  const fields = collab.doc.getMap<unknown>(FIELDS_MAP);
  const [version, setVersion] = createSignal(0);
  const onUpdate = () => setVersion((v) => v + 1);
  collab.doc.on("update", onUpdate);

  const [everSynced, setEverSynced] = createSignal(false);
  createEffect(() => {
    if (collab.synced()) setEverSynced(true);
  });

  const content = createMemo(() => {
    version();
    return canonicalPart(collab.doc, options.definition);
  });
  const partCompleteness = createMemo(() => completeness(content(), options.definition), undefined, {
    equals: (a, b) => a.answered === b.answered && a.required === b.required,
  });

  const writable = () => options.canWrite() && !options.finalised();
  // Memos: the form's summary is polled, and these must change only when their value does.
  const editable = createMemo(() => writable() && !collab.readOnly() && everSynced());
  const status = createMemo((): CollabStatus => (writable() ? collab.status() : "read-only"));

  const [editors, setEditors] = createSignal<ReadonlyMap<string, readonly string[]>>(new Map());
  const onAwareness = () => {
    const byField = new Map<string, Set<string>>();
    for (const [clientId, raw] of collab.awareness.getStates()) {
      if (clientId === collab.doc.clientID) continue;
      const state = raw as AwarenessState;
      if (typeof state.field !== "string" || typeof state.user?.name !== "string") continue;
      if (state.user.id === options.userId) continue;
      const names = byField.get(state.field) ?? new Set<string>();
      names.add(state.user.name);
      byField.set(state.field, names);
    }
    setEditors(new Map([...byField].map(([field, names]) => [field, [...names].sort()])));
  };
  collab.awareness.on("change", onAwareness);

  let focused: string | null = null;
  const focusField = (fieldId: string | null) => {
    const next = fieldId !== null && editable() ? fieldId : null;
    if (next === focused) return;
    focused = next;
    collab.awareness.setLocalStateField("field", next);
  };
  // A part that stops being editable stops saying the user is in it.
  createEffect(() => {
    if (!editable()) focusField(null);
  });

  onCleanup(() => {
    collab.awareness.off("change", onAwareness);
    collab.doc.off("update", onUpdate);
    collab.destroy();
  });

  return {
    key: options.key,
    docName: options.docName,
    definition: options.definition,
    collab,
    fields,
    version,
    content,
    completeness: partCompleteness,
    everSynced,
    editable,
    status,
    editors,
    focusField,
    leaveField(fieldId) {
      if (focused === fieldId) focusField(null);
    },
    change(apply) {
      if (!editable()) return;
      collab.doc.transact(apply, collab);
    },
  };
}

/** The value under `key` of a Y.Map, read so that a change to the doc is tracked. */
export function readValue(state: PartState, container: Y.Map<unknown>, key: string): unknown {
  state.version();
  return container.get(key);
}

/** Whether a value counts as an answer (as `completeness` counts it). */
export function isAnswered(value: CanonicalValue | undefined): boolean {
  if (value === null || value === undefined) return false;
  return Array.isArray(value) ? value.length > 0 : String(value).trim() !== "";
}

/** A rows field's rows, each a Y.Map. */
export function rowsOf(state: PartState, rowsId: string): Y.Map<unknown>[] {
  const rows = readValue(state, state.fields, rowsId);
  if (!(rows instanceof Y.Array)) return [];
  return rows.toArray().filter((row): row is Y.Map<unknown> => row instanceof Y.Map);
}
