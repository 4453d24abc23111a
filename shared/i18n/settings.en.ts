/** English text of the e-mail settings page (`/account/notifications`): the `app.settings` part of the catalogue. */
export const settingsEn = {
  title: "E-mail settings",
} as const;
