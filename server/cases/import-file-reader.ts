/**
 * Reading an import file's text for its positions: the line where each element of a JSON array
 * starts, and the records of a CSV with the line each starts on. Problems name these lines, so an
 * operator can find the case or hearing in their editor.
 */

/**
 * The 1-based line on which each element of the array under top-level key `key` starts. Assumes
 * text that JSON.parse accepted; the scan skips strings, so braces inside them do not count.
 */
export function arrayElementLines(text: string, key: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  /** The depth of the array's elements while inside it; -1 before it, -2 after it. */
  let arrayDepth = -1;
  let isAwaitingElement = false;
  let lastString = "";
  const elementStarts = () => {
    if (depth === arrayDepth && isAwaitingElement) {
      lines.push(line);
      isAwaitingElement = false;
    }
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\n") line++;
    else if (ch === '"') {
      elementStarts();
      const start = i + 1;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
      lastString = text.slice(start, i);
    } else if (ch === "{" || ch === "[") {
      elementStarts();
      depth++;
      if (ch === "[" && depth === 2 && arrayDepth === -1 && lastString === key) {
        arrayDepth = 2;
        isAwaitingElement = true;
      }
    } else if (ch === "}" || ch === "]") {
      if (ch === "]" && depth === arrayDepth) arrayDepth = -2;
      depth--;
    } else if (ch === ",") {
      if (depth === arrayDepth) isAwaitingElement = true;
    } else if (ch !== " " && ch !== "\t" && ch !== "\r" && ch !== ":") elementStarts();
  }
  return lines;
}

/** A CSV record: its fields and the 1-based line it starts on. */
export type CsvRecord = { line: number; fields: string[] };

/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes (a quote inside doubled,
 * line breaks allowed inside), records ending in CRLF or LF. Blank lines are skipped. Returns
 * undefined when a quoted field is never closed.
 */
export function parseCsv(text: string): CsvRecord[] | undefined {
  const records: CsvRecord[] = [];
  let line = 1;
  let fields: string[] = [];
  let field = "";
  let recordLine = 1;
  let isRecordEmpty = true;
  const endRecord = () => {
    fields.push(field);
    if (!(isRecordEmpty && fields.length === 1 && field === "")) records.push({ line: recordLine, fields });
    fields = [];
    field = "";
    isRecordEmpty = true;
  };
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (isRecordEmpty) recordLine = line;
    if (ch === '"' && field === "") {
      isRecordEmpty = false;
      let closed = false;
      for (i++; i < body.length; i++) {
        const c = body[i];
        if (c === '"') {
          if (body[i + 1] === '"') {
            field += '"';
            i++;
          } else {
            closed = true;
            break;
          }
        } else {
          if (c === "\n") line++;
          field += c;
        }
      }
      if (!closed) return undefined;
    } else if (ch === ",") {
      isRecordEmpty = false;
      fields.push(field);
      field = "";
    } else if (ch === "\n") {
      endRecord();
      line++;
    } else if (ch === "\r" && body[i + 1] === "\n") {
      // The LF ends the record.
    } else {
      isRecordEmpty = false;
      field += ch;
    }
  }
  if (!isRecordEmpty || field !== "") endRecord();
  return records;
}
