/** Welsh text of the e-mail settings page (`/account/notifications`). Same keys as settings.en.ts. */
import type { settingsEn } from "./settings.en.ts";
import type { WelshTranslation } from "./translation.ts";

export const settingsCy = {
  title: "Gosodiadau e-bost",
} satisfies WelshTranslation<typeof settingsEn>;
