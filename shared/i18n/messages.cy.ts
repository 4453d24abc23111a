/**
 * Welsh message catalogue: the same keys as `messages.en.ts`, with Welsh's six plural forms where
 * English has two. Terms follow the glossary in the README.
 */
import { appCoreCy } from "./cy/app-core.cy.ts";
import { appDirectionsCy } from "./cy/app-directions.cy.ts";
import { appWorkspaceCy } from "./cy/app-workspace.cy.ts";
import { namespacesCy } from "./cy/namespaces.cy.ts";
import { formsCy } from "./forms.cy.ts";
import { importsCy } from "./imports.cy.ts";
import { settingsCy } from "./settings.cy.ts";
import { problemsCy } from "./problems.cy.ts";
import { emailCy } from "./email.cy.ts";
import type { Messages } from "./messages.en.ts";
import type { WelshTranslation } from "./translation.ts";

export const cy = {
  app: { ...appCoreCy, ...appWorkspaceCy, ...appDirectionsCy, imports: importsCy, settings: settingsCy },
  errors: namespacesCy.errors,
  forms: formsCy,
  problems: problemsCy,
  email: emailCy,
  directions: namespacesCy.directions,
  notesExport: {
    title: "Nodiadau ar {{title}}",
    entry: "[{{n}}] Tudalen {{page}} – {{scope}} – {{kind}}",
    scopes: { private: "dim ond fi", team: "fy nhîm", shared: "wedi'i rannu â phawb" },
    none: "Nid oes nodiadau ar y ddogfen hon y gallwch eu gweld.",
  },
  sections: namespacesCy.sections,
  bundle: namespacesCy.bundle,
  idp: namespacesCy.idp,
  auth: namespacesCy.auth,
} satisfies WelshTranslation<Messages>;
