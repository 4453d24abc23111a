import { Route, Router } from "@solidjs/router";
import { lazy } from "solid-js";
import { CaseAccessPage } from "../modules/cases/case-access.page.tsx";
import { CaseOverviewPage } from "../modules/cases/case-overview.page.tsx";
import { CaseSearchPage } from "../modules/cases/case-search.page.tsx";
import { CaseTabs } from "../modules/cases/case-tabs.component.tsx";
import { CaseWorkspace } from "../modules/cases/case-workspace.component.tsx";
import { CourtListPage } from "../modules/cases/court-list.page.tsx";
import { EditCasePage } from "../modules/cases/edit-case.page.tsx";
import { CreateCasePage } from "../modules/cases/create-case.page.tsx";
import { CaseDirectionsPage } from "../modules/directions/case-directions.page.tsx";
import { DirectionNews } from "../modules/directions/direction-news.component.tsx";
import { GiveDirectionsPage } from "../modules/directions/give-directions.page.tsx";
import { CaseDocumentsPage } from "../modules/documents/case-documents.page.tsx";
import { ServeDocumentPage } from "../modules/documents/serve-document.page.tsx";
import { NotFoundPage } from "../modules/errors/not-found.page.tsx";
import { CaseNotesPage } from "../modules/notes/case-notes.page.tsx";
import { CaseFormsPage } from "../modules/forms/case-forms.page.tsx";
import { FormEditorPage } from "../modules/forms/form-editor.page.tsx";
import { HomePage } from "../modules/home/home.page.tsx";
import { ImportPage } from "../modules/imports/import.page.tsx";
import { PageLayout } from "../modules/layout/page-layout.component.tsx";
import { SessionProvider } from "../modules/session/session.context.tsx";
import { NotificationSettingsPage } from "../modules/settings/notification-settings.page.tsx";

// pdf.js is large: it loads only when a document is opened.
const DocumentViewerPage = lazy(async () => {
  const module = await import("../modules/documents/viewer/document-viewer.page.tsx");
  return { default: module.DocumentViewerPage };
});

/** The client's routes, all inside the GOV.UK page layout. */
export function App() {
  return (
    <SessionProvider>
      {/* News of a direction given in any of the user's cases shows on every page. */}
      <Router root={(props) => <PageLayout><DirectionNews />{props.children}</PageLayout>}>
        <Route path="/" component={HomePage} />
        <Route path="/cases" component={CaseSearchPage} />
        <Route path="/cases/access" component={CaseAccessPage} />
        <Route path="/cases/new" component={CreateCasePage} />
        <Route path="/court-list" component={CourtListPage} />
        <Route path="/imports" component={ImportPage} />
        <Route path="/account/notifications" component={NotificationSettingsPage} />
        {/* The case workspace: its tabs (overview, documents, notes, later forms and directions) share a
            heading and sub navigation; a document and the serve form have their own heading. */}
        <Route path="/cases/:caseId" component={CaseWorkspace}>
          <Route path="/" component={CaseTabs}>
            <Route path="/" component={CaseOverviewPage} />
            <Route path="/documents" component={CaseDocumentsPage} />
            <Route path="/notes" component={CaseNotesPage} />
            <Route path="/forms" component={CaseFormsPage} />
            <Route path="/directions" component={CaseDirectionsPage} />
          </Route>
          <Route path="/edit" component={EditCasePage} />
          <Route path="/directions/new" component={GiveDirectionsPage} />
          <Route path="/forms/:formId" component={FormEditorPage} />
          <Route path="/documents/serve" component={ServeDocumentPage} />
          <Route path="/documents/:documentId" component={DocumentViewerPage} />
        </Route>
        <Route path="*" component={NotFoundPage} />
      </Router>
    </SessionProvider>
  );
}
