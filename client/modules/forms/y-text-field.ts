import * as Y from "yjs";
import { textChange, transformIndex } from "../notes/textarea-binding.ts";

type Delta = Y.YTextEvent["delta"];

export type TextFieldBinding = {
  /** Stop listening to the input and the doc. */
  destroy(): void;
};

export type BindTextFieldOptions = {
  /** The Y.Map that holds the field (a part's `fields`, or one row of a rows field). */
  container: Y.Map<unknown>;
  /** The field's key in `container`. */
  key: string;
  /** Transaction origin of the changes made here, so they are not shown back. */
  origin: unknown;
  /** Whether the user may change the field now; input while not is undone. */
  editable: () => boolean;
};

/**
 * Keep an `<input>` or `<textarea>` and the Y.Text under `key` in `container` the same, as the
 * notes textarea does (DESIGN §3: two people can type in one field). What the user types goes in
 * as the smallest delete and insert (common prefix and suffix kept), so edits elsewhere in the
 * text survive; changes from elsewhere come in with the caret and selection kept in place.
 *
 * The Y.Text may not exist yet (a field nobody has answered) or be replaced (a field the server
 * pre-filled, arriving with the first sync): the binding follows the key. Text the user types
 * into a field with no Y.Text creates it.
 */
export function bindTextField(element: HTMLInputElement | HTMLTextAreaElement, options: BindTextFieldOptions): TextFieldBinding {
  const { container, key, origin } = options;
  let text: Y.Text | undefined;
  /** What the element showed when it last matched the doc. */
  let shown = "";
  let composing = false;
  /** Remote changes made while an input method composed, to move the composed change over. */
  let waiting: Delta[] = [];

  const valueInDoc = (): string => {
    const raw = container.get(key);
    if (raw instanceof Y.Text) return raw.toString();
    return typeof raw === "string" ? raw : "";
  };

  /** Put the doc's value into the element, moving the selection over `deltas` when known. */
  const show = (deltas: readonly Delta[] | undefined) => {
    const value = valueInDoc();
    if (value === element.value) {
      shown = value;
      return;
    }
    const focused = document.activeElement === element;
    let start = element.selectionStart ?? value.length;
    let end = element.selectionEnd ?? start;
    const direction = element.selectionDirection;
    const collapsed = start === end;
    for (const delta of deltas ?? []) {
      start = transformIndex(start, delta, true);
      end = collapsed ? start : transformIndex(end, delta, false);
    }
    const scrollTop = element.scrollTop;
    element.value = value;
    shown = value;
    element.scrollTop = scrollTop;
    if (focused) element.setSelectionRange(Math.min(start, value.length), Math.min(end, value.length), direction ?? undefined);
  };

  const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === origin) return;
    if (composing) {
      waiting.push(event.delta);
      return;
    }
    show([event.delta]);
  };

  /** Follow the Y.Text now under `key`. */
  const attach = () => {
    const raw = container.get(key);
    const next = raw instanceof Y.Text ? raw : undefined;
    if (next === text) return;
    text?.unobserve(observer);
    text = next;
    text?.observe(observer);
  };

  const onContainer = (event: Y.YMapEvent<unknown>) => {
    if (!event.keysChanged.has(key)) return;
    attach();
    if (!composing) show(undefined);
  };

  const applyLocal = () => {
    if (!options.editable()) {
      // Read only: whatever got in is put back as the doc has it.
      element.value = shown;
      return;
    }
    const change = textChange(shown, element.value, element.selectionEnd ?? undefined);
    if (!change) return;
    const doc = container.doc;
    const apply = () => {
      const current = container.get(key);
      if (current instanceof Y.Text) {
        let { index } = change;
        for (const delta of waiting) index = transformIndex(index, delta, true);
        if (change.remove > 0) current.delete(index, change.remove);
        if (change.insert) current.insert(index, change.insert);
      } else {
        // The first answer to this field: a Y.Text of its own, with the whole value.
        const created = new Y.Text();
        created.insert(0, element.value);
        container.set(key, created);
      }
    };
    if (doc) doc.transact(apply, origin);
    else apply();
    attach();
    if (waiting.length === 0) {
      shown = element.value;
    } else {
      waiting = [];
      show([]);
    }
  };

  const onInput = (event: Event) => {
    if (composing || (event as InputEvent).isComposing) return;
    applyLocal();
  };
  const onCompositionStart = () => {
    composing = true;
  };
  const onCompositionEnd = () => {
    composing = false;
    applyLocal();
  };

  attach();
  shown = valueInDoc();
  element.value = shown;
  container.observe(onContainer);
  element.addEventListener("input", onInput);
  element.addEventListener("compositionstart", onCompositionStart);
  element.addEventListener("compositionend", onCompositionEnd);

  return {
    destroy() {
      text?.unobserve(observer);
      container.unobserve(onContainer);
      element.removeEventListener("input", onInput);
      element.removeEventListener("compositionstart", onCompositionStart);
      element.removeEventListener("compositionend", onCompositionEnd);
    },
  };
}
