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
    /** Document title of a page showing validation errors (GOV.UK "Validation" pattern). */
    pageTitleWithErrors: "Error: {{page}} – {{serviceName}}",
    layout: {
      skipLink: "Skip to main content",
      govukLogo: "GOV.UK",
      serviceNavigation: "Service information",
      navigation: "Menu",
      breadcrumbs: "Breadcrumb",
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
    hearingTypes: {
      "first-hearing": "First hearing",
      "plea-and-trial-preparation": "Plea and trial preparation hearing",
      "case-management": "Case management hearing",
      "bail-application": "Bail application",
      trial: "Trial",
      sentence: "Sentence",
    },
    custodyStatuses: {
      custody: "In custody",
      bail: "On bail",
      "at-large": "At large",
    },
    pleas: {
      "not-guilty": "Not guilty",
      guilty: "Guilty",
      none: "No plea entered",
    },
    modesOfTrial: {
      summary: "Summary only",
      "either-way": "Either way",
      indictable: "Indictable only",
    },
    time: {
      am: "{{time}}am",
      pm: "{{time}}pm",
      midday: "midday",
      midnight: "midnight",
    },
    dateInput: {
      day: "Day",
      month: "Month",
      year: "Year",
      errors: {
        mustIncludeDay: "{{field}} must include a day",
        mustIncludeMonth: "{{field}} must include a month",
        mustIncludeYear: "{{field}} must include a year",
        mustIncludeDayAndMonth: "{{field}} must include a day and month",
        mustIncludeDayAndYear: "{{field}} must include a day and year",
        mustIncludeMonthAndYear: "{{field}} must include a month and year",
        yearFourDigits: "Year must include 4 numbers",
        notReal: "{{field}} must be a real date",
        notPast: "{{field}} must be in the past",
      },
    },
    textInput: {
      errors: {
        tooLong: "{{field}} must be {{max}} characters or less",
      },
    },
    errorMessage: {
      /** Visually hidden before every inline error message (GOV.UK error message). */
      prefix: "Error:",
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
        count_one: "{{count}} case",
        count_other: "{{count}} cases",
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
        hearingDateTime: "{{date}} at {{time}}",
        noHearing: "None listed",
      },
      search: {
        title: "Find a case",
        urn: {
          label: "URN",
          hint: "11 letters and numbers, for example 97KB1234526",
        },
        surname: {
          label: "Defendant's surname",
          hint: "You can enter just the start of it",
        },
        dateOfBirth: {
          legend: "Defendant's date of birth",
          hint: "For example, 27 3 1990",
          /** The date's name at the start of an error message. */
          field: "Date of birth",
        },
        court: {
          label: "Court code",
          hint: "For example, KBMC01",
        },
        hearingFrom: {
          legend: "Hearing date from",
          hint: "For example, 2 3 2026",
          field: "Hearing date from",
        },
        hearingTo: {
          legend: "Hearing date to",
          hint: "For example, 30 4 2026",
          field: "Hearing date to",
        },
        q: {
          label: "Search",
          hint: "The start of a URN, or of a defendant's first name or surname",
        },
        submit: "Search",
        clear: "Clear search",
        errors: {
          urnFormat: "URN must be 11 letters and numbers, like 97KB1234526",
          hearingRange: "Hearing date to must be the same as or after hearing date from",
        },
        getAccess: {
          text: "If you represent a defendant and cannot find their case here, get access to it with the URN and the defendant's details.",
          link: "Get access to a case",
        },
        loading: "Loading cases",
        yourCases: "Your cases",
        results: "Search results",
        matchCount_one: "{{count}} case matches your search",
        matchCount_other: "{{count}} cases match your search",
        noMatch: {
          title: "No cases match your search",
          hint: "Check the details you entered are correct, or search with fewer details.",
        },
        noCases: {
          title: "You have no cases yet",
          text: "Cases you can work on will be listed here.",
        },
      },
      access: {
        title: "Get access to a case",
        intro:
          "Your organisation gets access to a defendant's case by giving the case URN and the defendant's surname and date of birth. All of them must match the court's records.",
        exclusive:
          "Once your organisation has access, no other organisation can get access to that defendant until the court ends your access.",
        whereToFind: "You can find these details on the charge sheet or the court list.",
        urn: {
          label: "URN",
          hint: "11 letters and numbers, for example 97KB1234526",
        },
        surname: {
          label: "Defendant's surname",
        },
        dateOfBirth: {
          legend: "Defendant's date of birth",
          hint: "For example, 27 3 1990",
          field: "Date of birth",
        },
        forename: {
          label: "Defendant's first name (optional)",
          hint: "If you enter it, it must match the court's records too.",
        },
        submit: "Get access",
        cancel: "Cancel",
        errors: {
          urnRequired: "Enter the URN",
          urnFormat: "URN must be 11 letters and numbers, like 97KB1234526",
          surnameRequired: "Enter the defendant's surname",
          dateOfBirthRequired: "Enter the defendant's date of birth",
          notMatched:
            "We could not match those details to a defendant you can get access to. Check the URN, surname and date of birth against the charge sheet or the court list.",
          notMatchedReasons: {
            intro: "A search may find nothing when:",
            mistyped: "the details were mistyped",
            notSent: "the case has not been sent to the court yet",
            recordedDifferently: "the defendant's details are recorded differently",
          },
          conflict:
            "Another organisation already represents this defendant. If this is wrong, contact the court.",
          defenceOnly: "Only defence users can get access to a case",
        },
        notDefence: {
          text: "Only defence users can get access to a case.",
          link: "Find a case",
        },
        granted: {
          title: "Success",
          heading: "You now have access to this case",
        },
      },
      workspace: {
        loading: "Loading the case",
        loadingTitle: "Case",
        unavailableTitle: "The case cannot be shown",
        caption: "{{court}} – {{jurisdiction}}",
      },
      overview: {
        pageTitle: "Overview – case {{urn}}",
        caseDetails: "Case details",
        summary: {
          court: "Court",
          courtCode: "Court code: {{code}}",
          jurisdiction: "Jurisdiction",
          status: "Status",
          prosecutor: "Prosecutor",
          sentOn: "Date sent to the Crown Court",
          notSent: "Not sent",
        },
        defendant: {
          name: "{{firstName}} {{lastName}}",
          dateOfBirth: "Date of birth",
          custody: "Custody status",
          custodyTimeLimit: "Custody time limit",
          custodyTimeLimitExpires: "Expires on {{date}}",
          custodyTimeLimitNotRecorded: "Not recorded",
          bailConditions: "Bail conditions",
          noBailConditions: "No conditions",
          interpreter: "Interpreter",
          noInterpreter: "Not needed",
          representedBy: "Represented by",
          notRepresented: "Not represented",
        },
        offences: {
          caption: "Offences",
          none: "No offences recorded.",
          columns: {
            offence: "Offence",
            legislation: "Legislation",
            wording: "Wording",
            plea: "Plea",
            modeOfTrial: "Mode of trial",
          },
          code: "Offence code: {{code}}",
          startDate: "Offence date: {{date}}",
          showWording: "Show wording",
          /** Visually hidden after "Show wording", so each summary names its offence. */
          wordingOf: "of {{offence}}",
        },
        hearings: {
          caption: "Hearings",
          none: "No hearings listed.",
          columns: {
            date: "Date",
            time: "Time",
            type: "Type",
            court: "Court",
            courtroom: "Courtroom",
          },
          noCourtroom: "Not allocated yet",
        },
      },
      notFound: {
        title: "Case not found",
        text: "The case may not exist, or you may not have access to it.",
        link: "Find a case",
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
    "document.not_found": "The document could not be found.",
    "document.not_pdf": "The file must be a PDF. Check it opens as a PDF and try again.",
    "document.too_large": "The file is too large.",
    "range.not_satisfiable": "The requested part of the file does not exist.",
    "association.conflict": "Another organisation already represents this defendant. If this is wrong, contact the court.",
    "auth.required": "Sign in to continue.",
    "auth.forbidden": "You do not have permission to do that.",
    "auth.saml_invalid": "Your sign-in could not be completed. Sign in again.",
    "auth.no_access": "Your account does not give you access to Caseroom. Ask your organisation's administrator to give you a Caseroom role.",
    "store.unavailable": "The service is not ready. Try again shortly.",
    "server.error": "Sorry, there is a problem with the service. Try again later.",
  },
  sections: {
    charges: "Charges",
    "case-summary": "Case summary",
    "key-witness-statements": "Key witness statements",
    "witness-statements": "Witness statements",
    "key-exhibits": "Key exhibits",
    exhibits: "Exhibits",
    "interview-transcripts": "Interview transcripts",
    "forensic-reports": "Streamlined forensic reports",
    "previous-convictions": "Previous convictions",
    "unused-material": "Unused material",
    "defence-statement": "Defence statement",
    "case-management": "Case management",
    applications: "Applications",
    "bail-and-custody": "Bail and custody",
    "orders-and-directions": "Orders, notices and directions",
  },
  bundle: {
    title: "Initial details of the prosecution case",
    urn: "URN: {{urn}}",
    court: "Court: {{court}}",
    defendants: "Defendants: {{names}}",
    generated: "Bundle prepared for {{organisation}} on {{date}}. It holds the material served that {{organisation}} may see.",
    index: "Index",
    indexEntry: "{{title}} (version {{version}})",
    page: "page {{page}}",
    stamp: "{{urn}} · page {{page}} of {{total}}",
    zipIndexHeader: "section,title,version,pages,served at,deemed served on,sha256,file",
    empty: "No documents have been served that you may see.",
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
