import { type Accessor, createEffect, createSignal, on, onCleanup } from "solid-js";
import { z } from "zod";
import { apiRequest } from "../../src/api.ts";
import type { AnnotationsState, ListedAnnotation } from "./annotations.state.ts";

const attributionList = z.object({
  items: z.array(
    z.object({
      key: z.string(),
      createdBy: z.object({ id: z.string(), name: z.string() }),
      createdAt: z.string(),
    }),
  ),
});

/** Who created an annotation and when, as the server recorded it. */
export type AnnotationAuthor = { name: string; at: string };

/** How long annotations must stay unchanged before their authors are asked for again. */
const DEBOUNCE_MS = 400;
/** An annotation the server has not attributed yet (still on its way) is asked about again, this many times. */
const RETRIES = 3;
const RETRY_MS = 1500;

/** The server's record of who created each item of a collaboration doc. */
export async function fetchAttribution(docName: string, signal?: AbortSignal): Promise<Map<string, AnnotationAuthor>> {
  const { items } = await apiRequest(`/api/collab/attribution?doc=${encodeURIComponent(docName)}`, attributionList, { signal });
  return new Map(items.map((item) => [item.key, { name: item.createdBy.name, at: item.createdAt }]));
}

/**
 * The authors of the team and shared annotations (a private one is the user's own): each doc's
 * attribution is fetched when the panel opens, and again, debounced, when its annotations change
 * and some are not attributed yet. Reactive; a failed fetch leaves the party as the author.
 */
export function createAnnotationAttribution(state: AnnotationsState): Accessor<(annotation: ListedAnnotation) => AnnotationAuthor | undefined> {
  const [byDoc, setByDoc] = createSignal<ReadonlyMap<string, ReadonlyMap<string, AnnotationAuthor>>>(new Map());
  const controller = new AbortController();
  const fetched = new Set<string>();
  const inFlight = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let retries = 0;
  onCleanup(() => {
    clearTimeout(timer);
    controller.abort();
  });

  const missing = (docName: string) =>
    state
      .list()
      .some((annotation) => annotation.source.docName === docName && !byDoc().get(docName)?.has(annotation.id));

  const refresh = async () => {
    const docs = state.sources
      .filter((source) => source.scope !== "private")
      .map((source) => source.docName)
      .filter((docName) => !inFlight.has(docName) && (!fetched.has(docName) || missing(docName)));
    await Promise.all(
      docs.map(async (docName) => {
        inFlight.add(docName);
        try {
          const authors = await fetchAttribution(docName, controller.signal);
          fetched.add(docName);
          const next = new Map(byDoc());
          next.set(docName, authors);
          setByDoc(next);
        } catch {
          // Not known now: the party stays the author shown.
        } finally {
          inFlight.delete(docName);
        }
      }),
    );
    if (controller.signal.aborted) return;
    // Annotations made a moment ago may reach the server's record after this answer.
    const stillMissing = state.sources.some((source) => source.scope !== "private" && missing(source.docName));
    if (stillMissing && retries < RETRIES) {
      retries += 1;
      schedule(RETRY_MS);
    }
  };
  const schedule = (delay: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), delay);
  };

  void refresh();
  createEffect(
    on(
      state.list,
      () => {
        retries = 0;
        schedule(DEBOUNCE_MS);
      },
      { defer: true },
    ),
  );

  return () => {
    const all = byDoc();
    return (annotation) => (annotation.source.scope === "private" ? undefined : all.get(annotation.source.docName)?.get(annotation.id));
  };
}
