/** Welsh text of the e-mail notices: the `email` namespace. Same keys as email.en.ts. */
import type { emailEn } from "./email.en.ts";
import type { WelshTranslation } from "./translation.ts";

export const emailCy = {
  subjects: {
    materialServed: "Deunydd newydd wedi'i gyflwyno yn {{urn}}",
    directionIssued: "Cyfarwyddyd wedi'i roi yn {{urn}}",
    directionVaried: "Cyfarwyddyd wedi'i amrywio yn {{urn}}",
    directionDueSoon: "Cyfarwyddyd yn ddyledus ar {{dueOn}} yn {{urn}}",
    directionOverdue: "Cyfarwyddyd yn hwyr yn {{urn}}",
    formSignOff: "Mae {{form}} yn {{urn}} yn aros i chi ei chymeradwyo",
    accessGranted: "Mae gan eich sefydliad fynediad i {{urn}} bellach",
    accessEnded: "Mae mynediad eich sefydliad i {{urn}} wedi dod i ben",
    digest: "Eich diweddariadau Caseroom ar gyfer {{date}}",
  },
  lines: {
    materialServed: "Mae'r erlyniad wedi cyflwyno deunydd yn yr adran ‘{{section}}’.",
    directionIssued: "Mae'r llys wedi rhoi cyfarwyddyd i'ch parti chi. Mae'n ddyledus ar {{dueOn}}.",
    directionVaried: "Mae'r llys wedi amrywio cyfarwyddyd i'ch parti chi. Mae bellach yn ddyledus ar {{dueOn}}.",
    directionNoDueDate: "Mae'r llys wedi rhoi cyfarwyddyd i'ch parti chi.",
    directionDueSoon: "Mae cyfarwyddyd i'ch parti chi yn ddyledus ar {{dueOn}}.",
    directionOverdue: "Roedd cyfarwyddyd i'ch parti chi yn ddyledus ar {{dueOn}} ac nid yw wedi'i nodi fel un y cydymffurfiwyd ag ef.",
    formSignOff: "Mae parti arall wedi cymeradwyo'r {{form}}. Mae angen i'ch parti chi ei chymeradwyo.",
    accessGranted: "Mae eich sefydliad bellach yn cynrychioli {{defendant}} yn yr achos hwn.",
    accessEnded: "Mae'r llys wedi dod â mynediad eich sefydliad i'r achos hwn i ben.",
    digest_zero: "Nid oes diweddariadau yn eich achosion.",
    digest_one: "Mae {{count}} diweddariad yn eich achosion:",
    digest_two: "Mae {{count}} ddiweddariad yn eich achosion:",
    digest_few: "Mae {{count}} diweddariad yn eich achosion:",
    digest_many: "Mae {{count}} diweddariad yn eich achosion:",
    digest_other: "Mae {{count}} diweddariad yn eich achosion:",
  },
  caseDetails: {
    urn: "Achos: {{urn}}",
    court: "Llys: {{court}}",
    nextHearing: "Gwrandawiad nesaf: {{date}} am {{time}}",
    noHearing: "Gwrandawiad nesaf: dim wedi'i restru",
  },
  callToAction: "Gweld hyn yn Caseroom: {{link}}",
  callToActionHtml: "Gweld hyn yn Caseroom",
  footer: "Rydych yn cael yr e-byst hyn oherwydd eich bod yn defnyddio Caseroom. I roi'r gorau i gael e-byst fel hwn: {{link}}",
  footerHtml: "Peidio â chael e-byst fel hwn",
  unsubscribe: {
    title: "Peidio â chael yr e-byst hyn",
    question: "Peidio â chael e-byst am {{kind}}?",
    confirm: "Peidio â chael yr e-byst hyn",
    done: "Ni fyddwch yn cael e-byst am {{kind}}",
    doneText: "Gallwch eu troi ymlaen eto yn Caseroom.",
  },
  kinds: {
    "material-served": "deunydd newydd wedi'i gyflwyno",
    "direction-issued": "cyfarwyddiadau wedi'u rhoi neu eu hamrywio",
    "direction-due": "cyfarwyddiadau sy'n ddyledus cyn bo hir neu'n hwyr",
    "form-sign-off": "ffurflenni sy'n aros i chi eu cymeradwyo",
    access: "mynediad i achosion wedi'i roi neu wedi dod i ben",
  },
  outbox: {
    title: "Blwch e-byst allan (datblygu)",
    intro: "Heb SMTP_URL, mae e-byst yn cael eu hysgrifennu yma yn lle cael eu hanfon.",
    none: "Dim e-byst eto.",
    columns: { to: "At", subject: "Pwnc", at: "Ysgrifennwyd am" },
  },
} satisfies WelshTranslation<typeof emailEn>;
