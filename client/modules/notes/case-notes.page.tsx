import { createMemo, For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { notesDocName } from "../../../shared/protocol/doc-names.ts";
import { t } from "../../src/i18n.ts";
import { usePageTitle } from "../../src/page-title.ts";
import { useCase } from "../cases/case-workspace.component.tsx";
import { useSession } from "../session/session.context.tsx";
import { ConnectionWarning, mostImportantClose } from "./connection-warning.component.tsx";
import { type CaseParty, casePartiesOf } from "./notes-parties.ts";
import { NotesPanel } from "./notes-panel.component.tsx";

function sharedLabel(party: CaseParty): string {
  switch (party.kind) {
    case "prosecution":
      return t("notes.shared.label.prosecution");
    case "court":
      return t("notes.shared.label.court");
    default:
      return t("notes.shared.label.defence", { organisation: party.organisationName });
  }
}

function defendantNames(party: CaseParty): string | undefined {
  if (party.kind !== "defence") return undefined;
  const names = party.defendants.map((d) => d.name);
  return t("notes.shared.defenceFor", { names: names.join(t("notes.namesSeparator")) });
}

function teamHint(party: string, organisation: string): string {
  if (party === "prosecution") return t("notes.team.hint.prosecution");
  if (party === "court") return t("notes.team.hint.court");
  return t("notes.team.hint.defence", { organisation });
}

/**
 * `/cases/:caseId/notes`: the notes each party shares with everyone in the case, one panel per
 * party (only the user's own is editable), and the notes of the user's own team.
 */
export function CaseNotesPage() {
  const detail = useCase();
  const session = useSession();
  usePageTitle(() => ({ key: "notes.pageTitle", values: { urn: detail().urn } }));

  const parties = createMemo(() => casePartiesOf(detail()));
  const myParty = () => session.me()?.party;
  const mine = () => parties().find((party) => party.party === myParty());
  const others = () => parties().filter((party) => party.party !== myParty());

  // Each panel's connection problem, shown once for the page.
  const [closes, setCloses] = createStore<Record<string, number | undefined>>({});
  const reporter = (docName: string) => (code: number | undefined) => setCloses(docName, code);
  const closeCode = () => mostImportantClose(Object.values(closes));

  const ownHint = (party: CaseParty) =>
    [t("notes.shared.ownHint"), defendantNames(party)].filter(Boolean).join(" ");

  return (
    <Show
      when={session.me()}
      fallback={
        <Show when={session.state().status === "loading"}>
          <p class="govuk-body" role="status">
            {t("notes.loading")}
          </p>
        </Show>
      }
    >
      {(me) => (
        <>
          <p class="govuk-body">{t("notes.intro")}</p>
          <ConnectionWarning code={closeCode()} />
          <Show when={mine()}>
            {(party) => (
              <Show when={notesDocName(detail().id, "shared", party().party)} keyed>
                {(docName) => (
                  <NotesPanel
                    docName={docName}
                    label={sharedLabel(party())}
                    hint={ownHint(party())}
                    editable={true}
                    userId={me().id}
                    onConnectionProblem={reporter(docName)}
                  />
                )}
              </Show>
            )}
          </Show>
          <Show when={notesDocName(detail().id, "team", me().party)} keyed>
            {(docName) => (
              <NotesPanel
                docName={docName}
                label={t("notes.team.label")}
                hint={teamHint(me().party, me().organisation.name)}
                editable={true}
                userId={me().id}
                onConnectionProblem={reporter(docName)}
              />
            )}
          </Show>
          <For each={others()}>
            {(party) => (
              <NotesPanel
                docName={notesDocName(detail().id, "shared", party.party)}
                label={sharedLabel(party)}
                hint={defendantNames(party)}
                editable={false}
                userId={me().id}
                onConnectionProblem={reporter(notesDocName(detail().id, "shared", party.party))}
              />
            )}
          </For>
        </>
      )}
    </Show>
  );
}
