import { useNavigate } from "@solidjs/router";
import { createSignal, For, Match, onCleanup, Show, Switch } from "solid-js";
import { createStore } from "solid-js/store";
import { sectionCode } from "../../../shared/schemas/document.schema.ts";
import { ApiError, unexpectedError } from "../../src/api.ts";
import { formatFileSize } from "../../src/file-size.ts";
import { t } from "../../src/i18n.ts";
import { usePageTitle } from "../../src/page-title.ts";
import {
  type CaseWorkspaceState,
  casePath,
  useCase,
  useCaseTrail,
} from "../cases/case-workspace.component.tsx";
import { classNames } from "../form-controls/class-names.ts";
import { describedBy, ErrorMessage } from "../form-controls/error-message.component.tsx";
import { TextInput } from "../form-controls/text-input.component.tsx";
import { ErrorSummary, type FieldError } from "../layout/error-summary.component.tsx";
import { useSession } from "../session/session.context.tsx";
import { MAX_UPLOAD_BYTES } from "./document.api.ts";
import { uploadDocument } from "./document.upload.ts";
import { sectionName } from "./document-labels.ts";
import {
  checkServe,
  emptyServeFields,
  SERVE_FIELD_IDS,
  type ServeErrors,
  type ServeFields,
  type VisibilityChoice,
} from "./serve-document.form.ts";

const SECTIONS: readonly string[] = sectionCode.options;

/** Where an upload is: sending the file (with its percentage), then the server checking it. */
type UploadState = { phase: "idle" } | { phase: "sending"; percent: number } | { phase: "checking" };

/** Server refusals that are about the file, shown against the file field. */
const FILE_ERRORS = new Set(["document.not_pdf", "document.too_large", "request.too_large"]);

/**
 * `/cases/:caseId/documents/serve`: the prosecution serves a PDF into a section of the IDPC, for
 * every party or only the defence of some defendants. The upload shows its progress; when the
 * server accepts it the user is back on the documents tab with a success banner.
 */
export function ServeDocumentPage() {
  const detail = useCase();
  const session = useSession();
  const navigate = useNavigate();
  const [fields, setFields] = createStore<ServeFields>(emptyServeFields());
  const [errors, setErrors] = createSignal<ServeErrors>({});
  const [summary, setSummary] = createSignal<readonly FieldError[]>([]);
  const [refusal, setRefusal] = createSignal<string>();
  const [upload, setUpload] = createSignal<UploadState>({ phase: "idle" });
  const documentsPath = () => casePath(detail().id, "/documents");

  let controller: AbortController | undefined;
  onCleanup(() => controller?.abort());

  useCaseTrail(() => [
    { text: t("cases.workspace.navigation.documents"), href: documentsPath() },
    { text: t("documents.serve.heading") },
  ]);
  usePageTitle(() => ({ key: "documents.serve.pageTitle", values: { urn: detail().urn } }), {
    hasErrors: () => summary().length > 0 || refusal() !== undefined,
  });

  const me = () => session.me();
  const isProsecutor = () => me()?.role === "prosecutor";
  const isBusy = () => upload().phase !== "idle";

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (isBusy()) return;
    const checked = checkServe(
      fields,
      SECTIONS,
      detail().defendants.map((defendant) => defendant.id),
    );
    setErrors(checked.errors);
    setSummary(checked.summary);
    setRefusal(undefined);
    if (!checked.request) return;

    const request = checked.request;
    controller = new AbortController();
    setUpload({ phase: "sending", percent: 0 });
    try {
      const served = await uploadDocument(detail().id, request, {
        signal: controller.signal,
        onProgress: (sent, total) => {
          if (upload().phase !== "sending") return;
          const size = total ?? request.file.size;
          setUpload({ phase: "sending", percent: size > 0 ? Math.min(100, Math.floor((sent / size) * 100)) : 0 });
        },
        onSent: () => setUpload({ phase: "checking" }),
      });
      const state: CaseWorkspaceState = { served: { title: served.title, version: served.version } };
      navigate(documentsPath(), { state });
    } catch (error: unknown) {
      if (controller?.signal.aborted) return;
      const failure = error instanceof ApiError ? error : unexpectedError();
      if (FILE_ERRORS.has(failure.code)) {
        setErrors({ file: failure.message });
        setSummary([{ fieldId: SERVE_FIELD_IDS.file, message: failure.message }]);
      } else if (failure.status === 403 && failure.code !== "request.csrf") {
        setRefusal(t("documents.serve.errors.forbidden"));
      } else {
        setRefusal(failure.message);
      }
    } finally {
      controller = undefined;
      setUpload({ phase: "idle" });
    }
  };

  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <Show when={summary().length > 0}>
          <ErrorSummary errors={summary()} />
        </Show>
        <Show when={refusal()}>{(message) => <ErrorSummary message={message()} />}</Show>
        <span class="govuk-caption-l">{detail().urn}</span>
        <h1 class="govuk-heading-l">{t("documents.serve.heading")}</h1>
        <Switch>
          <Match when={me() && !isProsecutor()}>
            <p class="govuk-body">{t("documents.serve.notProsecution")}</p>
            <p class="govuk-body">
              <a class="govuk-link" href={documentsPath()}>
                {t("documents.serve.backLink")}
              </a>
            </p>
          </Match>
          <Match when={me()}>
            <form
              method="post"
              action={casePath(detail().id, "/documents")}
              enctype="multipart/form-data"
              novalidate
              onSubmit={onSubmit}
            >
              <SectionSelect
                value={fields.section}
                error={errors().section}
                onChange={(value) => setFields("section", value)}
              />
              <TextInput
                id={SERVE_FIELD_IDS.title}
                label={t("documents.serve.title.label")}
                hint={t("documents.serve.title.hint")}
                error={errors().title}
                value={fields.title}
                onInput={(value) => setFields("title", value)}
                widthClass="govuk-!-width-full"
                autocomplete="off"
              />
              <VisibilityRadios
                fields={fields}
                errors={errors()}
                onVisibility={(value) => setFields("visibility", value)}
                onDefendant={(id, checked) =>
                  setFields("defendants", (current) =>
                    checked ? [...current.filter((other) => other !== id), id] : current.filter((other) => other !== id),
                  )
                }
              />
              <FileUpload error={errors().file} onChange={(file) => setFields("file", file)} />
              <UploadStatus state={upload()} />
              <div class="govuk-button-group">
                <button
                  type="submit"
                  class="govuk-button"
                  disabled={isBusy()}
                  aria-disabled={isBusy() ? "true" : undefined}
                >
                  {t("documents.serve.submit")}
                </button>
                <a class="govuk-link" href={documentsPath()}>
                  {t("documents.serve.cancel")}
                </a>
              </div>
            </form>
          </Match>
        </Switch>
      </div>
    </div>
  );
}

function SectionSelect(props: { value: string; error?: string; onChange: (value: string) => void }) {
  const id = SERVE_FIELD_IDS.section;
  return (
    <div class={classNames("govuk-form-group", !!props.error && "govuk-form-group--error")}>
      <label class="govuk-label" for={id}>
        {t("documents.serve.section.label")}
      </label>
      <Show when={props.error}>
        {(error) => <ErrorMessage id={`${id}-error`} message={error()} />}
      </Show>
      <select
        class={classNames("govuk-select", !!props.error && "govuk-select--error")}
        id={id}
        name={id}
        aria-describedby={describedBy(id, { hasHint: false, hasError: !!props.error })}
        onChange={(event) => props.onChange(event.currentTarget.value)}
      >
        <option value="" selected={props.value === ""}>
          {t("documents.serve.section.choose")}
        </option>
        <For each={SECTIONS}>
          {(code) => (
            <option value={code} selected={props.value === code}>
              {sectionName(code)}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}

function VisibilityRadios(props: {
  fields: ServeFields;
  errors: ServeErrors;
  onVisibility: (value: VisibilityChoice) => void;
  onDefendant: (id: string, checked: boolean) => void;
}) {
  const detail = useCase();
  const id = SERVE_FIELD_IDS.visibility;
  const conditionalId = "visibility-some-conditional";
  const isSome = () => props.fields.visibility === "some";
  return (
    <div class={classNames("govuk-form-group", !!props.errors.visibility && "govuk-form-group--error")}>
      <fieldset
        class="govuk-fieldset"
        aria-describedby={describedBy(id, { hasHint: true, hasError: !!props.errors.visibility })}
      >
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
          {t("documents.serve.visibility.legend")}
        </legend>
        <div id={`${id}-hint`} class="govuk-hint">
          {t("documents.serve.visibility.hint")}
        </div>
        <Show when={props.errors.visibility}>
          {(error) => <ErrorMessage id={`${id}-error`} message={error()} />}
        </Show>
        <div class="govuk-radios" data-module="govuk-radios">
          <div class="govuk-radios__item">
            <input
              class="govuk-radios__input"
              id={id}
              name="visibility"
              type="radio"
              value="all"
              checked={props.fields.visibility === "all"}
              onChange={() => props.onVisibility("all")}
            />
            <label class="govuk-label govuk-radios__label" for={id}>
              {t("documents.serve.visibility.all")}
            </label>
          </div>
          <div class="govuk-radios__item">
            <input
              class="govuk-radios__input"
              id={`${id}-some`}
              name="visibility"
              type="radio"
              value="some"
              checked={isSome()}
              aria-controls={conditionalId}
              onChange={() => props.onVisibility("some")}
            />
            <label class="govuk-label govuk-radios__label" for={`${id}-some`}>
              {t("documents.serve.visibility.some")}
            </label>
          </div>
          <div
            class={classNames(
              "govuk-radios__conditional",
              !isSome() && "govuk-radios__conditional--hidden",
            )}
            id={conditionalId}
          >
            <DefendantCheckboxes
              defendants={detail().defendants}
              selected={props.fields.defendants}
              error={props.errors.defendants}
              onChange={props.onDefendant}
            />
          </div>
        </div>
      </fieldset>
    </div>
  );
}

function DefendantCheckboxes(props: {
  defendants: readonly { id: string; name: string }[];
  selected: readonly string[];
  error?: string;
  onChange: (id: string, checked: boolean) => void;
}) {
  const id = SERVE_FIELD_IDS.defendants;
  const inputId = (index: number) => (index === 0 ? id : `${id}-${index + 1}`);
  return (
    <div class={classNames("govuk-form-group", !!props.error && "govuk-form-group--error")}>
      <fieldset
        class="govuk-fieldset"
        aria-describedby={describedBy(id, { hasHint: true, hasError: !!props.error })}
      >
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
          {t("documents.serve.visibility.defendantsLegend")}
        </legend>
        <div id={`${id}-hint`} class="govuk-hint">
          {t("documents.serve.visibility.defendantsHint")}
        </div>
        <Show when={props.error}>
          {(error) => <ErrorMessage id={`${id}-error`} message={error()} />}
        </Show>
        <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          <For each={props.defendants}>
            {(defendant, index) => (
              <div class="govuk-checkboxes__item">
                <input
                  class="govuk-checkboxes__input"
                  id={inputId(index())}
                  name="defendants"
                  type="checkbox"
                  value={defendant.id}
                  checked={props.selected.includes(defendant.id)}
                  onChange={(event) => props.onChange(defendant.id, event.currentTarget.checked)}
                />
                <label class="govuk-label govuk-checkboxes__label" for={inputId(index())}>
                  {defendant.name}
                </label>
              </div>
            )}
          </For>
        </div>
      </fieldset>
    </div>
  );
}

function FileUpload(props: { error?: string; onChange: (file: File | undefined) => void }) {
  const id = SERVE_FIELD_IDS.file;
  return (
    <div class={classNames("govuk-form-group", !!props.error && "govuk-form-group--error")}>
      <label class="govuk-label" for={id}>
        {t("documents.serve.file.label")}
      </label>
      <div id={`${id}-hint`} class="govuk-hint">
        {t("documents.serve.file.hint", { max: formatFileSize(MAX_UPLOAD_BYTES) })}
      </div>
      <Show when={props.error}>
        {(error) => <ErrorMessage id={`${id}-error`} message={error()} />}
      </Show>
      <input
        class={classNames("govuk-file-upload", !!props.error && "govuk-file-upload--error")}
        id={id}
        name={id}
        type="file"
        accept="application/pdf"
        aria-describedby={describedBy(id, { hasHint: true, hasError: !!props.error })}
        onChange={(event) => props.onChange(event.currentTarget.files?.[0] ?? undefined)}
      />
    </div>
  );
}

function UploadStatus(props: { state: UploadState }) {
  const percent = () => (props.state.phase === "sending" ? props.state.percent : undefined);
  return (
    <div class="app-upload-status">
      <p class="govuk-body app-status-line" role="status">
        <Show when={props.state.phase === "checking"}>{t("documents.serve.checking")}</Show>
      </p>
      <Show when={percent() !== undefined}>
        <div class="app-download-status__progress">
          <progress
            class="app-progress"
            aria-label={t("documents.serve.progressLabel")}
            max="100"
            value={percent()}
          />
          <span class="govuk-body-s app-download-status__percent">
            {t("documents.serve.uploading", { percent: percent() ?? 0 })}
          </span>
        </div>
      </Show>
    </div>
  );
}
