import { Route, Router } from "@solidjs/router";
import { CaseListPage } from "../modules/cases/case-list.page.tsx";
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
        <Route path="/cases" component={CaseListPage} />
        <Route path="*" component={NotFoundPage} />
      </Router>
    </SessionProvider>
  );
}
