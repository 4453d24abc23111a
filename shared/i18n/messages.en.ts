/**
 * English message catalogue. Every word a user reads comes from here (DESIGN §7).
 * Namespaces: `app` (client shell and pages), `errors` (API error messages by code),
 * `idp` (development IdP pages). Welsh (`messages.cy.ts`) must have the same keys.
 */
export const en = {
  app: {
    serviceName: "Caseroom",
    /** Document title of every page: "<Page> – Caseroom". */
    pageTitle: "{{page}} – {{serviceName}}",
    layout: {
      skipLink: "Skip to main content",
      govukLogo: "GOV.UK",
      serviceNavigation: "Service information",
      navigation: "Menu",
      phaseBanner: {
        tag: "Beta",
        text: "This is a new service. Your feedback will help us to improve it.",
      },
      footer: {
        copyright: "© Crown copyright",
      },
    },
    navigation: {
      cases: "Cases",
    },
    account: {
      signedInAs: "Signed in as",
      organisationAndRole: "{{organisation}} ({{role}})",
      signIn: "Sign in",
      signOut: "Sign out",
      signOutFailed: "You could not be signed out. {{reason}}",
    },
    roles: {
      prosecutor: "Prosecutor",
      defence: "Defence",
      "legal-adviser": "Legal adviser",
      judge: "Judge",
      "court-staff": "Court staff",
    },
    jurisdictions: {
      magistrates: "Magistrates' court",
      crown: "Crown Court",
    },
    caseStatuses: {
      active: "Active",
      "sent-to-crown-court": "Sent to Crown Court",
      concluded: "Concluded",
    },
    errorSummary: {
      title: "There is a problem",
    },
    api: {
      networkError: "Caseroom cannot be reached. Check your connection and try again.",
    },
    home: {
      title: "Work on a criminal case",
      description:
        "Use Caseroom to read the initial details of the prosecution case, prepare case management forms with the other parties and receive the court's directions, in the magistrates' court and the Crown Court. It is for the Crown Prosecution Service, defence solicitors and advocates, and court staff.",
      signIn: "Sign in",
      findCase: "Find a case",
    },
    cases: {
      list: {
        title: "Cases",
        loading: "Loading cases",
        count_one: "{{count}} case",
        count_other: "{{count}} cases",
        empty: "No cases",
        emptyDetail: "There are no cases you can see yet.",
        columns: {
          urn: "URN",
          defendants: "Defendants",
          court: "Court",
          jurisdiction: "Jurisdiction",
          nextHearing: "Next hearing",
          status: "Status",
        },
        defendantName: "{{firstName}} {{lastName}}",
        dateOfBirth: "Date of birth: {{date}}",
        noHearing: "None listed",
      },
      signInRequired: {
        title: "You need to sign in",
        text: "You need to sign in to see your cases.",
        link: "Sign in",
      },
    },
    notFound: {
      title: "Page not found",
      typedAddress: "If you typed the web address, check it is correct.",
      pastedAddress: "If you pasted the web address, check you copied the entire address.",
      startPage: "Go to the Caseroom start page",
    },
  },
  errors: {
    "request.invalid": "Check the details you entered and try again.",
    "request.too_large": "The request is too large.",
    "request.unsupported_type": "That type of content is not accepted.",
    "request.csrf": "This request cannot be accepted. Reload the page and try again.",
    "request.rate_limited": "Too many attempts. Wait a minute and try again.",
    "route.not_found": "Page not found.",
    "case.not_found": "We could not find a case with those details that you can see.",
    "association.not_found": "That association could not be found.",
    "association.conflict": "Another organisation already represents this defendant. If this is wrong, contact the court.",
    "auth.required": "Sign in to continue.",
    "auth.forbidden": "You do not have permission to do that.",
    "auth.saml_invalid": "Your sign-in could not be completed. Sign in again.",
    "auth.no_access": "Your account does not give you access to Caseroom. Ask your organisation's administrator to give you a Caseroom role.",
    "store.unavailable": "The service is not ready. Try again shortly.",
    "server.error": "Sorry, there is a problem with the service. Try again later.",
  },
  idp: {
    title: "Development sign-in",
    warning: "Development only. These are fictional demo users; anyone can sign in as them.",
    intro: "Choose the demo user to sign in as. Caseroom receives a SAML response signed with the development IdP's test key.",
    userCaption: "{{role}}, {{organisation}}",
    signInAs: "Sign in as {{name}}",
    continueTitle: "Signing you in",
    continueText: "If you are not taken to Caseroom automatically, select continue.",
    continue: "Continue",
    invalidRequest: "This sign-in request is not valid. Start again from Caseroom.",
  },
  auth: {
    problemTitle: "Sorry, you could not be signed in",
    noAccessTitle: "You do not have access to Caseroom",
    tryAgain: "Sign in again",
  },
} as const;

export type Messages = typeof en;
