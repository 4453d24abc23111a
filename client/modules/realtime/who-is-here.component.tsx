import {
  createEffect,
  createResource,
  createSignal,
  createUniqueId,
  For,
  on,
  onCleanup,
  Show,
} from "solid-js";
import type { PresenceLocation, PresencePerson } from "../../../shared/protocol/socket-events.ts";
import { hasMessage, t } from "../../src/i18n.ts";
import { fetchDocuments } from "../documents/document.api.ts";
import { useSession } from "../session/session.context.tsx";
import { useCasePresence } from "./realtime.context.tsx";

/** How long changes gather before one announcement, so a busy case is not read out constantly. */
const ANNOUNCE_AFTER_MS = 2000;

function roleText(role: string): string {
  const key = `roles.${role}`;
  return hasMessage(key) ? t(key) : role;
}

/** Document id → title, for "viewing <title>"; loaded only when someone is viewing a document. */
async function documentTitles(caseId: string): Promise<ReadonlyMap<string, string>> {
  try {
    const sections = await fetchDocuments(caseId);
    return new Map(sections.flatMap((section) => section.documents.map((d) => [d.id, d.title] as const)));
  } catch {
    return new Map();
  }
}

/**
 * "Who is here": the other people in the case now, with their organisation and role and, for
 * people of the user's own party, what they are looking at. A named region; arrivals and
 * departures are announced politely, gathered together (moves within the case are not).
 */
export function WhoIsHere(props: { caseId: string }) {
  const session = useSession();
  const headingId = createUniqueId();
  const presence = useCasePresence(() => props.caseId);
  const others = () => (presence() ?? []).filter((person) => person.userId !== session.me()?.id);

  const needsTitles = () => (others().some((p) => p.location?.view === "document") ? props.caseId : undefined);
  const [titles] = createResource(needsTitles, documentTitles);

  const whereText = (location: PresenceLocation): string => {
    switch (location.view) {
      case "document": {
        const title = location.id ? titles()?.get(location.id) : undefined;
        return title ? t("presence.viewing.document", { title }) : t("presence.viewing.aDocument");
      }
      case "overview":
        return t("presence.viewing.overview");
      case "documents":
        return t("presence.viewing.documents");
      case "forms":
        return t("presence.viewing.forms");
      case "form":
        return t("presence.viewing.form");
      case "directions":
        return t("presence.viewing.directions");
      case "notes":
        return t("presence.viewing.notes");
      default:
        return "";
    }
  };

  // Announcements: who arrived and who left since the last one.
  const [announcement, setAnnouncement] = createSignal("");
  let announced = new Map<string, string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let known = false;
  createEffect(
    on(
      () => others().map((p) => `${p.userId}\u0000${p.name}`).join("\u0001"),
      () => {
        if (presence() === undefined) return;
        if (!known) {
          // Who was already there when the user arrived is in the list; it is not news.
          known = true;
          announced = new Map(others().map((p) => [p.userId, p.name] as const));
          return;
        }
        clearTimeout(timer);
        timer = setTimeout(() => {
          const current = new Map(others().map((p) => [p.userId, p.name] as const));
          const arrived = [...current].filter(([id]) => !announced.has(id)).map(([, name]) => name);
          const left = [...announced].filter(([id]) => !current.has(id)).map(([, name]) => name);
          announced = current;
          const parts = [
            ...(arrived.length > 0 ? [t("presence.arrived", { names: arrived.join(t("presence.namesSeparator")) })] : []),
            ...(left.length > 0 ? [t("presence.left", { names: left.join(t("presence.namesSeparator")) })] : []),
          ];
          if (parts.length > 0) setAnnouncement(parts.join(" "));
        }, ANNOUNCE_AFTER_MS);
      },
    ),
  );
  onCleanup(() => clearTimeout(timer));

  return (
    <section class="app-who-is-here" aria-labelledby={headingId}>
      <h2 class="govuk-heading-s app-who-is-here__heading" id={headingId}>
        {t("presence.heading")}
      </h2>
      <Show
        when={others().length > 0}
        fallback={<p class="govuk-body-s app-who-is-here__empty">{t("presence.nobodyElse")}</p>}
      >
        <ul class="govuk-list app-who-is-here__list">
          <For each={others()}>{(person) => <Person person={person} where={whereText} />}</For>
        </ul>
      </Show>
      <div class="govuk-visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement()}
      </div>
    </section>
  );
}

function Person(props: { person: PresencePerson; where: (location: PresenceLocation) => string }) {
  return (
    <li class="app-who-is-here__person">
      <strong class="app-who-is-here__name">{props.person.name}</strong>
      <span class="app-secondary-text app-secondary-text--regular">
        {t("presence.organisationAndRole", {
          organisation: props.person.organisation,
          role: roleText(props.person.role),
        })}
      </span>
      <Show when={props.person.location}>
        {(location) => (
          <span class="app-secondary-text app-secondary-text--regular">{props.where(location())}</span>
        )}
      </Show>
    </li>
  );
}
