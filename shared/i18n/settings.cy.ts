/** Welsh text of the e-mail settings page (`/account/notifications`). Same keys as settings.en.ts. */
import type { settingsEn } from "./settings.en.ts";
import type { WelshTranslation } from "./translation.ts";

export const settingsCy = {
  title: "Gosodiadau e-bost",
  link: "Gosodiadau e-bost",
  intro: "Gall Caseroom anfon e-bost atoch pan fydd rhywbeth yn digwydd yn eich achosion. Dewiswch sut rydych am gael pob math o e-bost.",
  privacy:
    "Nid yw e-byst byth yn cynnwys testun dogfennau, nodiadau na ffurflenni. Maen nhw'n dweud beth ddigwyddodd ym mha achos, gyda dolen iddo yn Caseroom, lle byddwch yn mewngofnodi i'w weld.",
  loading: "Wrthi'n llwytho eich gosodiadau e-bost",
  kinds: {
    "material-served": "Deunydd newydd wedi'i gyflwyno",
    "direction-issued": "Cyfarwyddiadau wedi'u rhoi neu eu hamrywio",
    "direction-due": "Cyfarwyddiadau sy'n ddyledus cyn bo hir neu'n hwyr",
    "form-sign-off": "Ffurflenni sy'n aros i chi eu cymeradwyo",
    access: "Mynediad i achosion wedi'i roi neu wedi dod i ben",
  },
  modes: {
    immediately: "Ar unwaith",
    digest: "Mewn crynodeb dyddiol",
    off: "Peidio ag anfon",
  },
  save: "Cadw'r gosodiadau",
  saved: {
    title: "Llwyddiant",
    heading: "Mae eich gosodiadau e-bost wedi'u cadw",
  },
} satisfies WelshTranslation<typeof settingsEn>;
