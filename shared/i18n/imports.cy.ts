/** Welsh text of the import page (`/imports`). Same keys as imports.en.ts. */
import type { importsEn } from "./imports.en.ts";
import type { WelshTranslation } from "./translation.ts";

export const importsCy = {
  title: "Mewnforio achosion neu restr llys",
} satisfies WelshTranslation<typeof importsEn>;
