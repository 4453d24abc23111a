/** Welsh text of the app namespace: shell, shared components, home and cases pages. */
import type { Messages } from "../messages.en.ts";
import type { WelshTranslation } from "../translation.ts";

type Part = Pick<
  Messages["app"],
  | "serviceName"
  | "pageTitle"
  | "pageTitleWithErrors"
  | "layout"
  | "navigation"
  | "account"
  | "roles"
  | "jurisdictions"
  | "caseStatuses"
  | "hearingTypes"
  | "custodyStatuses"
  | "pleas"
  | "modesOfTrial"
  | "time"
  | "fileSize"
  | "download"
  | "dateInput"
  | "textInput"
  | "errorMessage"
  | "errorSummary"
  | "api"
  | "home"
  | "cases"
>;

export const appCoreCy = {
  serviceName: "Caseroom",
  pageTitle: "{{page}} – {{serviceName}}",
  pageTitleWithErrors: "Gwall: {{page}} – {{serviceName}}",
  layout: {
    skipLink: "Neidio i'r prif gynnwys",
    govukLogo: "GOV.UK",
    serviceNavigation: "Gwybodaeth am y gwasanaeth",
    navigation: "Dewislen",
    breadcrumbs: "Briwsion bara",
    phaseBanner: {
      tag: "Beta",
      text: "Mae hwn yn wasanaeth newydd. Bydd eich adborth yn ein helpu i'w wella.",
    },
    footer: {
      copyright: "© Hawlfraint y Goron",
    },
    language: {
      label: "Iaith",
      english: "English",
      welsh: "Cymraeg",
      toEnglish: "Change the language to English",
      toWelsh: "Newid yr iaith i'r Gymraeg",
    },
  },
  navigation: {
    cases: "Achosion",
    courtList: "Rhestr y llys",
  },
  account: {
    signedInAs: "Wedi mewngofnodi fel",
    organisationAndRole: "{{organisation}} ({{role}})",
    signIn: "Mewngofnodi",
    signOut: "Allgofnodi",
    signOutFailed: "Nid oedd modd eich allgofnodi. {{reason}}",
  },
  roles: {
    prosecutor: "Erlynydd",
    defence: "Amddiffyniad",
    "legal-adviser": "Cynghorydd cyfreithiol",
    judge: "Barnwr",
    "court-staff": "Staff y llys",
  },
  jurisdictions: {
    magistrates: "Llys ynadon",
    crown: "Llys y Goron",
  },
  caseStatuses: {
    active: "Gweithredol",
    "sent-to-crown-court": "Wedi'i anfon i Lys y Goron",
    concluded: "Wedi dod i ben",
  },
  hearingTypes: {
    "first-hearing": "Gwrandawiad cyntaf",
    "plea-and-trial-preparation": "Gwrandawiad ple a pharatoi ar gyfer treial",
    "case-management": "Gwrandawiad rheoli achos",
    "bail-application": "Cais am fechnïaeth",
    trial: "Treial",
    sentence: "Dedfrydu",
  },
  custodyStatuses: {
    custody: "Yn y ddalfa",
    bail: "Ar fechnïaeth",
    "at-large": "Ar ffo",
  },
  pleas: {
    "not-guilty": "Dieuog",
    guilty: "Euog",
    none: "Dim ple wedi'i gofnodi",
  },
  modesOfTrial: {
    summary: "Diannod yn unig",
    "either-way": "Neillffordd",
    indictable: "Ditiadwy yn unig",
  },
  time: {
    // GOV.UK Welsh style: yb (y bore) / yh (y prynhawn).
    am: "{{time}}yb",
    pm: "{{time}}yh",
    midday: "canol dydd",
    midnight: "hanner nos",
    /** "2 Mawrth 2026 am 2:30yh". */
    dateTime: "{{date}} am {{time}}",
    date: "{{day}} {{month}} {{year}}",
    months: {
      "1": "Ionawr",
      "2": "Chwefror",
      "3": "Mawrth",
      "4": "Ebrill",
      "5": "Mai",
      "6": "Mehefin",
      "7": "Gorffennaf",
      "8": "Awst",
      "9": "Medi",
      "10": "Hydref",
      "11": "Tachwedd",
      "12": "Rhagfyr",
    },
  },
  fileSize: {
    kilobytes: "{{size}} kB",
    megabytes: "{{size}} MB",
    gigabytes: "{{size}} GB",
  },
  download: {
    preparing: "Wrthi'n paratoi'r bwndel…",
    starting: "Wrthi'n dechrau lawrlwytho…",
    progressLabel: "Cynnydd y lawrlwytho",
    percent: "{{percent}}%",
    receivedOf: "{{received}} o {{total}} wedi'u lawrlwytho",
    received: "{{received}} wedi'u lawrlwytho",
    complete: "Wedi lawrlwytho {{name}}",
    cancel: "Canslo'r lawrlwytho",
    cancelled: "Cafodd y lawrlwytho ei ganslo.",
    failed: "Methodd y lawrlwytho. {{reason}}",
  },
  dateInput: {
    day: "Diwrnod",
    month: "Mis",
    year: "Blwyddyn",
    // "{{field}}: …" keeps the date's name first and avoids mutating it after "i".
    errors: {
      mustIncludeDay: "{{field}}: rhaid cynnwys diwrnod",
      mustIncludeMonth: "{{field}}: rhaid cynnwys mis",
      mustIncludeYear: "{{field}}: rhaid cynnwys blwyddyn",
      mustIncludeDayAndMonth: "{{field}}: rhaid cynnwys diwrnod a mis",
      mustIncludeDayAndYear: "{{field}}: rhaid cynnwys diwrnod a blwyddyn",
      mustIncludeMonthAndYear: "{{field}}: rhaid cynnwys mis a blwyddyn",
      yearFourDigits: "Rhaid i'r flwyddyn gynnwys 4 rhif",
      notReal: "{{field}}: rhaid rhoi dyddiad go iawn",
      notPast: "{{field}}: rhaid rhoi dyddiad yn y gorffennol",
    },
  },
  textInput: {
    errors: {
      // Subject after "Ni chaiff" takes no mutation, so any field name fits.
      tooLong: "Ni chaiff {{field}} fod yn hwy na {{max}} nod",
    },
  },
  errorMessage: {
    prefix: "Gwall:",
  },
  errorSummary: {
    title: "Mae yna broblem",
  },
  api: {
    networkError: "Nid oes modd cysylltu â Caseroom. Gwiriwch eich cysylltiad a rhowch gynnig arall arni.",
  },
  home: {
    title: "Gweithio ar achos troseddol",
    description:
      "Defnyddiwch Caseroom i ddarllen manylion cychwynnol achos yr erlyniad, paratoi ffurflenni rheoli achos gyda'r partïon eraill a chael cyfarwyddiadau'r llys, yn y llys ynadon ac yn Llys y Goron. Mae ar gyfer Gwasanaeth Erlyn y Goron, cyfreithwyr ac eiriolwyr yr amddiffyniad, a staff y llys.",
    signIn: "Mewngofnodi",
    findCase: "Dod o hyd i achos",
  },
  cases: {
    list: {
      count_zero: "{{count}} achosion",
      count_one: "{{count}} achos",
      count_two: "{{count}} achos",
      count_few: "{{count}} achos",
      count_many: "{{count}} achos",
      count_other: "{{count}} achos",
      columns: {
        urn: "URN",
        defendants: "Diffynyddion",
        court: "Llys",
        jurisdiction: "Awdurdodaeth",
        nextHearing: "Gwrandawiad nesaf",
        status: "Statws",
      },
      dateOfBirth: "Dyddiad geni: {{date}}",
      organisation: "Sefydliad",
      hearingDateTime: "{{date}} am {{time}}",
      noHearing: "Dim wedi'i restru",
    },
    search: {
      title: "Dod o hyd i achos",
      urn: {
        label: "URN",
        hint: "11 o lythrennau a rhifau, er enghraifft 97KB1234526",
      },
      surname: {
        label: "Cyfenw'r diffynnydd",
        hint: "Gallwch roi dechrau'r cyfenw yn unig",
      },
      dateOfBirth: {
        legend: "Dyddiad geni'r diffynnydd",
        hint: "Er enghraifft, 27 3 1990",
        field: "Dyddiad geni",
      },
      court: {
        label: "Cod y llys",
        hint: "Er enghraifft, KBMC01",
      },
      hearingFrom: {
        legend: "Gwrandawiadau o'r dyddiad",
        hint: "Er enghraifft, 2 3 2026",
        field: "Gwrandawiadau o'r dyddiad",
      },
      hearingTo: {
        legend: "Gwrandawiadau hyd at y dyddiad",
        hint: "Er enghraifft, 30 4 2026",
        field: "Gwrandawiadau hyd at y dyddiad",
      },
      q: {
        label: "Chwilio",
        hint: "Dechrau URN, neu ddechrau enw cyntaf neu gyfenw diffynnydd",
      },
      submit: "Chwilio",
      clear: "Clirio'r chwiliad",
      errors: {
        urnFormat: "Rhaid i'r URN fod yn 11 o lythrennau a rhifau, fel 97KB1234526",
        hearingRange: "Rhaid i'r dyddiad 'hyd at' fod yr un diwrnod â'r dyddiad 'o', neu ar ei ôl",
      },
      getAccess: {
        text: "Os ydych chi'n cynrychioli diffynnydd ac na allwch ddod o hyd i'r achos yma, gallwch gael mynediad iddo drwy roi'r URN a manylion y diffynnydd.",
        link: "Cael mynediad i achos",
      },
      loading: "Wrthi'n llwytho achosion",
      yourCases: "Eich achosion",
      results: "Canlyniadau chwilio",
      matchCount_zero: "Mae {{count}} achosion yn cyfateb i'ch chwiliad",
      matchCount_one: "Mae {{count}} achos yn cyfateb i'ch chwiliad",
      matchCount_two: "Mae {{count}} achos yn cyfateb i'ch chwiliad",
      matchCount_few: "Mae {{count}} achos yn cyfateb i'ch chwiliad",
      matchCount_many: "Mae {{count}} achos yn cyfateb i'ch chwiliad",
      matchCount_other: "Mae {{count}} achos yn cyfateb i'ch chwiliad",
      noMatch: {
        title: "Nid oes unrhyw achosion yn cyfateb i'ch chwiliad",
        hint: "Gwiriwch fod y manylion a roesoch yn gywir, neu chwiliwch gyda llai o fanylion.",
      },
      noCases: {
        title: "Nid oes gennych unrhyw achosion eto",
        text: "Bydd yr achosion y gallwch weithio arnynt yn cael eu rhestru yma.",
      },
    },
    access: {
      title: "Cael mynediad i achos",
      intro:
        "Mae eich sefydliad yn cael mynediad i achos diffynnydd drwy roi URN yr achos a chyfenw a dyddiad geni'r diffynnydd. Rhaid i'r cyfan gyd-fynd â chofnodion y llys.",
      introOrganisation:
        "Mae eich sefydliad yn cael mynediad i achos diffynnydd sy'n sefydliad, fel cwmni neu gyngor, drwy roi URN yr achos, enw'r sefydliad a dyddiad gwrandawiad yn yr achos. Rhaid i'r cyfan gyd-fynd â chofnodion y llys.",
      exclusive:
        "Unwaith y bydd gan eich sefydliad fynediad, ni all unrhyw sefydliad arall gael mynediad i'r diffynnydd hwnnw nes i'r llys ddod â'ch mynediad i ben.",
      whereToFind: "Gallwch ddod o hyd i'r manylion hyn ar y daflen gyhuddo neu ar restr y llys.",
      whereToFindOrganisation: "Gallwch ddod o hyd i'r manylion hyn ar y wŷs neu'r gofyniad a gyflwynwyd i'r sefydliad, neu ar restr y llys.",
      kind: {
        legend: "Ai unigolyn neu sefydliad yw'r diffynnydd?",
        person: "Unigolyn",
        organisation: "Sefydliad",
      },
      urn: {
        label: "URN",
        hint: "11 o lythrennau a rhifau, er enghraifft 97KB1234526",
      },
      surname: {
        label: "Cyfenw'r diffynnydd",
      },
      organisationName: {
        label: "Enw'r sefydliad",
        hint: "Fel y mae yng nghofnodion y llys, er enghraifft ar y wŷs",
      },
      hearingDate: {
        legend: "Dyddiad y gwrandawiad cyntaf",
        hint: "Dyddiad y gwrandawiad ar y wŷs neu'r gofyniad, er enghraifft 14 1 2027",
        field: "Dyddiad y gwrandawiad cyntaf",
      },
      dateOfBirth: {
        legend: "Dyddiad geni'r diffynnydd",
        hint: "Er enghraifft, 27 3 1990",
        field: "Dyddiad geni",
      },
      forename: {
        label: "Enw cyntaf y diffynnydd (dewisol)",
        hint: "Os byddwch yn ei roi, rhaid iddo gyd-fynd â chofnodion y llys hefyd.",
      },
      submit: "Cael mynediad",
      cancel: "Canslo",
      errors: {
        urnRequired: "Rhowch yr URN",
        urnFormat: "Rhaid i'r URN fod yn 11 o lythrennau a rhifau, fel 97KB1234526",
        surnameRequired: "Rhowch gyfenw'r diffynnydd",
        dateOfBirthRequired: "Rhowch ddyddiad geni'r diffynnydd",
        organisationNameRequired: "Rhowch enw'r sefydliad",
        hearingDateRequired: "Rhowch ddyddiad y gwrandawiad cyntaf",
        notMatched:
          "Nid oeddem yn gallu paru'r manylion hynny â diffynnydd y gallwch gael mynediad iddo. Gwiriwch yr URN, y cyfenw a'r dyddiad geni yn erbyn y daflen gyhuddo neu restr y llys.",
        notMatchedOrganisation:
          "Nid oeddem yn gallu paru'r manylion hynny â diffynnydd y gallwch gael mynediad iddo. Gwiriwch yr URN, enw'r sefydliad a dyddiad y gwrandawiad yn erbyn y wŷs neu'r gofyniad.",
        // Each reason follows "os" in the intro.
        notMatchedReasons: {
          intro: "Efallai na fydd chwiliad yn dod o hyd i ddim os:",
          mistyped: "cafodd y manylion eu teipio'n anghywir",
          notSent: "nad yw'r achos wedi'i anfon i'r llys eto",
          recordedDifferently: "cafodd manylion y diffynnydd eu cofnodi'n wahanol",
        },
        conflict:
          "Mae sefydliad arall eisoes yn cynrychioli'r diffynnydd hwn. Os yw hyn yn anghywir, cysylltwch â'r llys.",
        defenceOnly: "Dim ond defnyddwyr yr amddiffyniad sy'n gallu cael mynediad i achos",
      },
      notDefence: {
        text: "Dim ond defnyddwyr yr amddiffyniad sy'n gallu cael mynediad i achos.",
        link: "Dod o hyd i achos",
      },
      granted: {
        title: "Llwyddiant",
        heading: "Mae gennych chi fynediad i'r achos hwn nawr",
      },
    },
    workspace: {
      loading: "Wrthi'n llwytho'r achos",
      loadingTitle: "Achos",
      unavailableTitle: "Nid oes modd dangos yr achos",
      caption: "{{court}} – {{jurisdiction}}",
      navigation: {
        label: "Adrannau'r achos",
        overview: "Trosolwg",
        documents: "Dogfennau IDPC",
        notes: "Nodiadau",
        forms: "Ffurflenni",
        directions: "Cyfarwyddiadau",
      },
    },
    overview: {
      pageTitle: "Trosolwg – achos {{urn}}",
      caseDetails: "Manylion yr achos",
      summary: {
        court: "Llys",
        courtCode: "Cod y llys: {{code}}",
        jurisdiction: "Awdurdodaeth",
        status: "Statws",
        prosecutor: "Erlynydd",
        sentOn: "Dyddiad anfon i Lys y Goron",
        notSent: "Heb ei anfon",
      },
      defendant: {
        type: "Math",
        organisation: "Sefydliad",
        dateOfBirth: "Dyddiad geni",
        custody: "Statws dalfa",
        custodyTimeLimit: "Terfyn amser yn y ddalfa",
        custodyTimeLimitExpires: "Yn dod i ben ar {{date}}",
        custodyTimeLimitNotRecorded: "Heb ei gofnodi",
        bailConditions: "Amodau mechnïaeth",
        noBailConditions: "Dim amodau",
        interpreter: "Cyfieithydd",
        noInterpreter: "Dim angen",
        representedBy: "Cynrychiolir gan",
        notRepresented: "Heb gynrychiolaeth",
      },
      offences: {
        caption: "Troseddau",
        none: "Dim troseddau wedi'u cofnodi.",
        columns: {
          offence: "Trosedd",
          legislation: "Deddfwriaeth",
          wording: "Geiriad",
          plea: "Ple",
          modeOfTrial: "Dull treialu",
        },
        code: "Cod y drosedd: {{code}}",
        startDate: "Dyddiad y drosedd: {{date}}",
        showWording: "Dangos y geiriad",
        /** Visually hidden after "Dangos y geiriad". */
        wordingOf: "ar gyfer {{offence}}",
      },
      hearings: {
        caption: "Gwrandawiadau",
        none: "Dim gwrandawiadau wedi'u rhestru.",
        columns: {
          date: "Dyddiad",
          time: "Amser",
          type: "Math",
          court: "Llys",
          courtroom: "Ystafell llys",
        },
        noCourtroom: "Heb ei dyrannu eto",
      },
    },
    create: {
      title: "Creu achos",
      link: "Creu achos",
      caseDetails: "Manylion yr achos",
      urn: { label: "Cyfeirnod unigryw (URN)", hint: "11 o lythrennau a rhifau, er enghraifft 52KB0000126" },
      prosecutor: { label: "Awdurdod erlyn" },
      court: { label: "Llys" },
      jurisdiction: { legend: "Awdurdodaeth" },
      // Date `field`s are lower-cased into "Rhowch y {{field}}", so they take no article of their own.
      sentOn: { legend: "Dyddiad anfon i Lys y Goron", field: "Dyddiad anfon" },
      defendant: {
        heading: "Diffynnydd {{number}}",
        kind: {
          legend: "Ai unigolyn neu sefydliad yw'r diffynnydd?",
          person: "Unigolyn",
          organisation: "Sefydliad",
        },
        organisationName: { label: "Enw'r sefydliad", hint: "Ei enw cofrestredig llawn, er enghraifft Acme Haulage Ltd" },
        firstName: "Enw cyntaf",
        lastName: "Cyfenw",
        dateOfBirth: { legend: "Dyddiad geni", hint: "Er enghraifft, 27 3 1990", field: "Dyddiad geni" },
        custody: "Statws dalfa",
        remove: "Tynnu diffynnydd {{number}}",
        add: "Ychwanegu diffynnydd arall",
      },
      offence: {
        heading: "Trosedd {{number}}",
        code: { label: "Cod y drosedd", hint: "Cod CJS, er enghraifft TH68010" },
        title: "Teitl y drosedd",
        wording: "Geiriad",
        legislation: "Deddfwriaeth",
        startDate: { legend: "Dyddiad y drosedd", field: "Dyddiad trosedd" },
        modeOfTrial: "Dull treialu",
        remove: "Tynnu trosedd {{number}}",
        add: "Ychwanegu trosedd arall",
      },
      hearing: {
        heading: "Gwrandawiad cyntaf",
        date: { legend: "Dyddiad y gwrandawiad", field: "Dyddiad gwrandawiad" },
        startTime: { label: "Amser dechrau", hint: "Cloc 24 awr, er enghraifft 10:00" },
        type: "Math o wrandawiad",
        courtroom: { label: "Ystafell llys (dewisol)" },
      },
      submit: "Creu achos",
      cancel: "Canslo",
      notCourtStaff: "Dim ond staff y llys sy'n gallu creu achosion yma.",
      errors: {
        urnRequired: "Rhowch yr URN",
        urnFormat: "Rhaid i'r URN fod yn 11 o lythrennau a rhifau",
        urnTaken: "Mae achos gyda'r URN hwn yn bodoli'n barod",
        // fieldNames carry their own article ("y cyfenw"), so no mutation is needed here.
        required: "Rhowch {{field}}",
        choose: "Dewiswch {{field}}",
        codeFormat: "Rhaid i god y drosedd fod yn god CJS fel TH68010",
        timeFormat: "Rhaid i'r amser dechrau fod yn amser yn y cloc 24 awr, fel 10:00",
        forbidden: "Ni allwch greu achosion yn y llys hwn",
        dateRequired: "Rhowch y {{field}}",
      },
      fieldNames: {
        firstName: "yr enw cyntaf",
        lastName: "y cyfenw",
        organisationName: "enw'r sefydliad",
        custody: "y statws dalfa",
        title: "teitl y drosedd",
        wording: "y geiriad",
        legislation: "y ddeddfwriaeth",
        modeOfTrial: "y dull treialu",
        code: "cod y drosedd",
        court: "y llys",
        prosecutor: "yr awdurdod erlyn",
        type: "y math o wrandawiad",
        startTime: "yr amser dechrau",
      },
    },
    edit: {
      title: "Golygu manylion yr achos",
      link: "Golygu manylion yr achos",
      status: "Statws yr achos",
      defendant: {
        custodyTimeLimit: {
          legend: "Dyddiad dod i ben y terfyn amser yn y ddalfa (dewisol)",
          hint: "Gadewch yn wag pan nad oes terfyn amser yn y ddalfa, er enghraifft 27 3 2027",
          field: "Terfyn amser yn y ddalfa",
        },
        bailConditions: "Amodau mechnïaeth (dewisol)",
        interpreterLanguage: { label: "Iaith y cyfieithydd (dewisol)", hint: "Gadewch yn wag pan nad oes angen cyfieithydd" },
      },
      offencePlea: "Ple i: {{offence}}",
      submit: "Cadw'r newidiadau",
      notCourtStaff: "Dim ond staff y llys all olygu manylion achos.",
      fieldNames: { bailConditions: "yr amodau mechnïaeth", interpreterLanguage: "iaith y cyfieithydd" },
      errors: {
        stale: "Mae rhywun arall wedi newid manylion {{name}} ers i chi agor y dudalen hon, felly ni chadwyd eich newidiadau. Dangosir y manylion diweddaraf: gwnewch eich newidiadau eto.",
        staleAfterSaving: "Cadwyd eich newidiadau i {{saved}}, ond mae rhywun arall wedi newid manylion {{name}} ers i chi agor y dudalen hon, felly ni chadwyd y gweddill. Dangosir y manylion diweddaraf: gwnewch y newidiadau hynny eto.",
      },
    },
    courtList: {
      title: "Rhestr y llys",
      pageTitle: "Rhestr y llys ar gyfer {{date}}",
      heading: "Rhestr y llys ar gyfer {{date}}",
      date: { legend: "Dyddiad", field: "Dyddiad" },
      show: "Dangos gwrandawiadau",
      loading: "Wrthi'n llwytho gwrandawiadau",
      none: "Nid oes unrhyw wrandawiadau wedi'u rhestru yn eich llysoedd ar y dyddiad hwn.",
      notCourt: "Mae rhestr y llys ar gyfer staff y llys a'r farnwriaeth.",
      columns: {
        time: "Amser",
        court: "Llys",
        courtroom: "Ystafell llys",
        urn: "URN",
        defendants: "Diffynyddion",
        type: "Gwrandawiad",
      },
      noCourtroom: "Heb ei bennu",
    },
    notFound: {
      title: "Heb ddod o hyd i'r achos",
      text: "Efallai nad yw'r achos yn bodoli, neu efallai nad oes gennych fynediad iddo.",
      link: "Dod o hyd i achos",
    },
    signInRequired: {
      title: "Mae angen i chi fewngofnodi",
      text: "Mae angen i chi fewngofnodi i weld eich achosion.",
      link: "Mewngofnodi",
    },
  },
} satisfies WelshTranslation<Part>;
