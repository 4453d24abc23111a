import { type DirectionWording, directionText } from "../../../shared/i18n/direction-text.ts";
import { formatDate } from "../../src/date-format.ts";
import { i18n } from "../../src/i18n.ts";

/** A direction's words in the page's language (a standard direction's template, or the court's own words). */
export function directionWords(direction: DirectionWording): string {
  return directionText(i18n, direction, formatDate);
}
