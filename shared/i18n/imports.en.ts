/** English text of the import page (`/imports`): the `app.imports` part of the catalogue. */
export const importsEn = {
  title: "Import cases or a court list",
} as const;
