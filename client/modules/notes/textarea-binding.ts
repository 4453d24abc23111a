import type * as Y from "yjs";

/** One change to a text: at `index`, `remove` characters replaced by `insert`. */
export type TextChange = { index: number; remove: number; insert: string };

/**
 * The smallest single change from `before` to `after`: the common prefix and suffix are kept.
 * `caret` (where the caret is in `after`, if known) settles the ambiguous cases, such as typing
 * a letter next to the same letter: the change is taken to end at the caret.
 */
export function textChange(before: string, after: string, caret?: number): TextChange | undefined {
  if (before === after) return undefined;
  const shortest = Math.min(before.length, after.length);
  const suffixLimit = caret === undefined ? shortest : Math.min(shortest, Math.max(0, after.length - caret));
  let suffix = 0;
  while (suffix < suffixLimit && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix += 1;
  const prefixLimit = shortest - suffix;
  let prefix = 0;
  while (prefix < prefixLimit && before[prefix] === after[prefix]) prefix += 1;
  return {
    index: prefix,
    remove: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
}

type Delta = Y.YTextEvent["delta"];

/**
 * Where `index` is after a change described by `delta` (Yjs's retain/insert/delete list). An
 * insertion exactly at `index` pushes it on, unless `stayBefore` (for the start of a selection).
 */
export function transformIndex(index: number, delta: Delta, stayBefore = false): number {
  /** How far into the text before the change the ops have gone. */
  let old = 0;
  let result = index;
  for (const op of delta) {
    if (old > index) break;
    if (op.retain !== undefined) {
      old += op.retain;
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === "string" ? op.insert.length : 1;
      if (old < index || (old === index && !stayBefore)) result += length;
    } else if (op.delete !== undefined) {
      if (old < index) result -= Math.min(op.delete, index - old);
      old += op.delete;
    }
  }
  return result;
}

export type TextareaBinding = {
  /** Stop listening to both sides. */
  destroy(): void;
};

/**
 * Keep a `<textarea>` and a Y.Text the same. What the user types goes into the Y.Text as the
 * smallest delete and insert (so concurrent edits elsewhere in the text survive); changes from
 * elsewhere go into the textarea with the caret and selection kept where they were in the text.
 * While an input method composes a character, changes from elsewhere wait for it to finish.
 */
export function bindTextarea(
  textarea: HTMLTextAreaElement,
  text: Y.Text,
  options: { origin: unknown; onCaret?: (index: number | null) => void },
): TextareaBinding {
  /** What the textarea showed when it last matched the Y.Text. */
  let shown = text.toString();
  let composing = false;
  /** Remote changes made while composing, to move the composed change over. */
  let waiting: Delta[] = [];
  textarea.value = shown;

  const reportCaret = () => {
    if (document.activeElement === textarea) options.onCaret?.(textarea.selectionStart);
  };

  const applyLocal = () => {
    const change = textChange(shown, textarea.value, textarea.selectionEnd);
    if (!change) return;
    let { index } = change;
    for (const delta of waiting) index = transformIndex(index, delta, true);
    const doc = text.doc;
    const apply = () => {
      if (change.remove > 0) text.delete(index, change.remove);
      if (change.insert) text.insert(index, change.insert);
    };
    if (doc) doc.transact(apply, options.origin);
    else apply();
    if (waiting.length === 0) {
      shown = textarea.value;
    } else {
      waiting = [];
      showRemote([]);
    }
  };

  /** Put the Y.Text into the textarea, moving the selection over `deltas`. */
  const showRemote = (deltas: Delta[]) => {
    const value = text.toString();
    if (value === textarea.value) {
      shown = value;
      return;
    }
    const focused = document.activeElement === textarea;
    let start = textarea.selectionStart;
    let end = textarea.selectionEnd;
    const direction = textarea.selectionDirection;
    const collapsed = start === end;
    for (const delta of deltas) {
      start = transformIndex(start, delta, true);
      end = collapsed ? start : transformIndex(end, delta, false);
    }
    const scrollTop = textarea.scrollTop;
    textarea.value = value;
    shown = value;
    textarea.scrollTop = scrollTop;
    if (focused) textarea.setSelectionRange(Math.min(start, value.length), Math.min(end, value.length), direction ?? undefined);
  };

  const onInput = (event: Event) => {
    if (composing || (event as InputEvent).isComposing) return;
    applyLocal();
    reportCaret();
  };
  const onCompositionStart = () => {
    composing = true;
  };
  const onCompositionEnd = () => {
    composing = false;
    applyLocal();
    reportCaret();
  };
  const onBlur = () => options.onCaret?.(null);

  const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === options.origin) return;
    if (composing) {
      waiting.push(event.delta);
      return;
    }
    showRemote([event.delta]);
  };

  text.observe(observer);
  textarea.addEventListener("input", onInput);
  textarea.addEventListener("compositionstart", onCompositionStart);
  textarea.addEventListener("compositionend", onCompositionEnd);
  for (const name of ["select", "keyup", "mouseup", "focus"] as const) textarea.addEventListener(name, reportCaret);
  textarea.addEventListener("blur", onBlur);

  return {
    destroy() {
      text.unobserve(observer);
      textarea.removeEventListener("input", onInput);
      textarea.removeEventListener("compositionstart", onCompositionStart);
      textarea.removeEventListener("compositionend", onCompositionEnd);
      for (const name of ["select", "keyup", "mouseup", "focus"] as const) textarea.removeEventListener(name, reportCaret);
      textarea.removeEventListener("blur", onBlur);
    },
  };
}
