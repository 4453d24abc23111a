// Must stay the first import: it configures zod before any schema is built.
import "./zod-config.ts";
import "govuk-frontend/dist/govuk/govuk-frontend.min.css";
import "./app.css";
import { render } from "solid-js/web";
import { App } from "./app.tsx";

// What GOV.UK's page template does with an inline script, which our CSP does not allow: tell
// GOV.UK Frontend's styles that scripts run here.
document.body.classList.add("govuk-template__body", "js-enabled", "govuk-frontend-supported");

const root = document.getElementById("app");
if (!root) throw new Error("index.html has no #app element");
render(() => <App />, root);
