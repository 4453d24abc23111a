import { Route, Router } from "@solidjs/router";
import { CaseAccessPage } from "../modules/cases/case-access.page.tsx";
import { CaseOverviewPage } from "../modules/cases/case-overview.page.tsx";
import { CaseSearchPage } from "../modules/cases/case-search.page.tsx";
import { CaseWorkspace } from "../modules/cases/case-workspace.component.tsx";
import { NotFoundPage } from "../modules/errors/not-found.page.tsx";
import { HomePage } from "../modules/home/home.page.tsx";
import { PageLayout } from "../modules/layout/page-layout.component.tsx";
import { SessionProvider } from "../modules/session/session.context.tsx";

/** The client's routes, all inside the GOV.UK page layout. */
export function App() {
  return (
    <SessionProvider>
      <Router root={PageLayout}>
        <Route path="/" component={HomePage} />
        <Route path="/cases" component={CaseSearchPage} />
        <Route path="/cases/access" component={CaseAccessPage} />
        {/* The case workspace; its sections (overview, later documents, forms, directions) nest. */}
        <Route path="/cases/:caseId" component={CaseWorkspace}>
          <Route path="/" component={CaseOverviewPage} />
        </Route>
        <Route path="*" component={NotFoundPage} />
      </Router>
    </SessionProvider>
  );
}
