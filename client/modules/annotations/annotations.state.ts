import { type Accessor, createSignal, onCleanup } from "solid-js";
import type * as Y from "yjs";
import { type CollabDoc, openCollabDoc } from "../realtime/collab-doc.ts";
import {
  ANNOTATIONS,
  type Annotation,
  type AnnotationData,
  addAnnotation,
  addComment,
  moveAnnotation,
  readAnnotations,
  type Scope,
  scopeDocName,
} from "./annotation.model.ts";

/** One notes doc the viewer reads annotations from. */
export type AnnotationSource = {
  docName: string;
  scope: Scope;
  /** `prosecution`, `court` or `defence:<organisationId>`. */
  party: string;
  /** Whether it is one of the signed-in user's own docs (private, own team, own shared). */
  own: boolean;
  collab: CollabDoc;
  map: Y.Map<unknown>;
};

export type ListedAnnotation = Annotation & { source: AnnotationSource };

export type AnnotationsState = {
  sources: readonly AnnotationSource[];
  /** Every annotation on the document, across the docs; reactive. */
  list: Accessor<ListedAnnotation[]>;
  add(scope: Scope, data: AnnotationData): void;
  /** Move one of the user's own annotations to another of their scopes. */
  move(annotation: ListedAnnotation, to: Scope): void;
  /** Append a reply to the thread of an annotation in one of the user's own docs. */
  reply(annotation: ListedAnnotation, text: string): boolean;
  /** The user's own doc for a scope. */
  ownSource(scope: Scope): AnnotationSource | undefined;
};

/**
 * Open, for as long as the calling component lives, the user's private doc, their party's team
 * and shared docs (writable), and the other parties' shared docs (read-only), and follow the
 * annotations of `documentId` in them.
 */
export function createAnnotationsState(options: {
  caseId: string;
  documentId: string;
  me: { id: string; party: string };
  /** Every party of the case, the user's own included. */
  parties: readonly string[];
}): AnnotationsState {
  const { caseId, documentId, me } = options;
  const open = (scope: Scope, party: string, own: boolean): AnnotationSource => {
    const docName = own ? scopeDocName(caseId, scope, me) : `case/${caseId}/notes/shared/${party}`;
    const collab = openCollabDoc(docName, { userId: me.id });
    return { docName, scope, party, own, collab, map: collab.doc.getMap<unknown>(ANNOTATIONS) };
  };
  const sources: AnnotationSource[] = [
    open("private", me.party, true),
    open("team", me.party, true),
    open("shared", me.party, true),
    ...options.parties.filter((party) => party !== me.party).map((party) => open("shared", party, false)),
  ];

  const read = (): ListedAnnotation[] =>
    sources
      .flatMap((source) => readAnnotations(source.map, documentId).map((annotation) => ({ ...annotation, source })))
      .sort((a, b) => a.page - b.page || a.createdAt.localeCompare(b.createdAt));
  const [list, setList] = createSignal<ListedAnnotation[]>(read(), { equals: false });
  const refresh = () => setList(read());
  for (const source of sources) source.map.observeDeep(refresh);

  onCleanup(() => {
    for (const source of sources) {
      source.map.unobserveDeep(refresh);
      source.collab.destroy();
    }
  });

  const ownSource = (scope: Scope) => sources.find((source) => source.own && source.scope === scope);

  return {
    sources,
    list,
    ownSource,
    add(scope, data) {
      const source = ownSource(scope);
      if (!source) return;
      addAnnotation(source.map, data);
    },
    reply(annotation, text) {
      if (!annotation.source.own) return false;
      return addComment(annotation.source.map, annotation.id, { text, at: new Date().toISOString() });
    },
    move(annotation, to) {
      const from = annotation.source;
      const target = ownSource(to);
      if (!from.own || !target || target === from) return;
      moveAnnotation(from.map, target.map, annotation.id);
    },
  };
}
