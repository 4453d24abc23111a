import {
  type Accessor,
  createContext,
  createRenderEffect,
  createSignal,
  For,
  onCleanup,
  type ParentProps,
  Show,
  useContext,
} from "solid-js";
import { t } from "../../src/i18n.ts";

/** A step back up the service; the last one, without `href`, is the current page. */
export type Breadcrumb = { text: string; href?: string };

type Registration = { owner: symbol; items: readonly Breadcrumb[] };

type BreadcrumbsSlot = {
  items: Accessor<readonly Breadcrumb[]>;
  set: (registration: Registration) => void;
  clear: (owner: symbol) => void;
};

const BreadcrumbsContext = createContext<BreadcrumbsSlot>();

/** Holds the current page's breadcrumbs, which the layout shows before `<main>` (GOV.UK). */
export function BreadcrumbsProvider(props: ParentProps) {
  const [registration, setRegistration] = createSignal<Registration>();
  const slot: BreadcrumbsSlot = {
    items: () => registration()?.items ?? [],
    set: setRegistration,
    // The next page may have set its own before this one is disposed: leave those alone.
    clear: (owner) => {
      if (registration()?.owner === owner) setRegistration(undefined);
    },
  };
  return <BreadcrumbsContext.Provider value={slot}>{props.children}</BreadcrumbsContext.Provider>;
}

/** Show these breadcrumbs while the calling page is shown. */
export function useBreadcrumbs(items: () => readonly Breadcrumb[]): void {
  const slot = useContext(BreadcrumbsContext);
  if (!slot) return;
  const owner = Symbol("breadcrumbs");
  createRenderEffect(() => slot.set({ owner, items: items() }));
  onCleanup(() => slot.clear(owner));
}

/** GOV.UK breadcrumbs for the current page, if it set any. */
export function Breadcrumbs() {
  const slot = useContext(BreadcrumbsContext);
  const items = () => slot?.items() ?? [];
  return (
    <Show when={items().length > 0}>
      <nav class="govuk-breadcrumbs" aria-label={t("layout.breadcrumbs")}>
        <ol class="govuk-breadcrumbs__list">
          <For each={items()}>
            {(item) => (
              <Show
                when={item.href}
                fallback={
                  <li class="govuk-breadcrumbs__list-item" aria-current="page">
                    {item.text}
                  </li>
                }
              >
                {(href) => (
                  <li class="govuk-breadcrumbs__list-item">
                    <a class="govuk-breadcrumbs__link" href={href()}>
                      {item.text}
                    </a>
                  </li>
                )}
              </Show>
            )}
          </For>
        </ol>
      </nav>
    </Show>
  );
}
