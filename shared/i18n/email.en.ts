/**
 * English text of the e-mail notices (issue #16): the `email` namespace. GOV.UK Notify style:
 * short, plain, one call to action. Never document text, annotations or anything the recipient
 * may not see: a notice says what happened in which case, and links to it.
 */
export const emailEn = {
  subjects: {
    materialServed: "New material served in {{urn}}",
    directionIssued: "Direction given in {{urn}}",
    directionVaried: "Direction varied in {{urn}}",
    directionDueSoon: "Direction due on {{dueOn}} in {{urn}}",
    directionOverdue: "Direction overdue in {{urn}}",
    formSignOff: "{{form}} in {{urn}} is waiting for your sign-off",
    accessGranted: "Your organisation now has access to {{urn}}",
    accessEnded: "Your organisation's access to {{urn}} has ended",
    digest: "Your Caseroom updates for {{date}}",
  },
  lines: {
    materialServed: "The prosecution has served material in the section ‘{{section}}’.",
    directionIssued: "The court has given a direction for your party. It is due on {{dueOn}}.",
    directionVaried: "The court has varied a direction for your party. It is now due on {{dueOn}}.",
    directionNoDueDate: "The court has given a direction for your party.",
    directionDueSoon: "A direction for your party is due on {{dueOn}}.",
    directionOverdue: "A direction for your party was due on {{dueOn}} and is not marked as complied with.",
    formSignOff: "Another party has signed off the {{form}}. Your party's sign-off is needed.",
    accessGranted: "Your organisation now represents {{defendant}} in this case.",
    accessEnded: "The court has ended your organisation's access to this case.",
    digest_one: "There is {{count}} update in your cases:",
    digest_other: "There are {{count}} updates in your cases:",
  },
  caseDetails: {
    urn: "Case: {{urn}}",
    court: "Court: {{court}}",
    nextHearing: "Next hearing: {{date}} at {{time}}",
    noHearing: "Next hearing: none listed",
  },
  callToAction: "View it in Caseroom: {{link}}",
  callToActionHtml: "View it in Caseroom",
  footer: "You get these e-mails because you use Caseroom. To stop e-mails like this one: {{link}}",
  footerHtml: "Stop e-mails like this one",
  unsubscribe: {
    title: "Stop these e-mails",
    question: "Stop e-mails about {{kind}}?",
    confirm: "Stop these e-mails",
    done: "You will not get e-mails about {{kind}}",
    doneText: "You can turn them on again in Caseroom.",
  },
  kinds: {
    "material-served": "new material served",
    "direction-issued": "directions given or varied",
    "direction-due": "directions due soon or overdue",
    "form-sign-off": "forms waiting for your sign-off",
    access: "access to cases given or ended",
  },
  outbox: {
    title: "E-mail outbox (development)",
    intro: "Without SMTP_URL, e-mails are written here instead of being sent.",
    none: "No e-mails yet.",
    columns: { to: "To", subject: "Subject", at: "Written at" },
  },
} as const;
