/** English text of the e-mail settings page (`/account/notifications`): the `app.settings` part of the catalogue. */
export const settingsEn = {
  title: "E-mail settings",
  /** The link to the page in the header, beside "Sign out". */
  link: "E-mail settings",
  intro: "Caseroom can send you an e-mail when something happens in your cases. Choose how you get each kind of e-mail.",
  privacy:
    "E-mails never contain the text of documents, notes or forms. They say what happened in which case and link to it in Caseroom, where you sign in to see it.",
  loading: "Loading your e-mail settings",
  /** The legend of each kind's choices. Same kinds as `email.kinds`. */
  kinds: {
    "material-served": "New material served",
    "direction-issued": "Directions given or varied",
    "direction-due": "Directions due soon or overdue",
    "form-sign-off": "Forms waiting for your sign-off",
    access: "Access to cases given or ended",
  },
  modes: {
    immediately: "Straight away",
    digest: "In a daily summary",
    off: "Do not send",
  },
  save: "Save settings",
  saved: {
    title: "Success",
    heading: "Your e-mail settings have been saved",
  },
} as const;
