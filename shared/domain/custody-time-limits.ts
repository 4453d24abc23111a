import { addCalendarDays } from "./calendar.ts";

/**
 * Crown Court custody time limit (Prosecution of Offences (Custody Time Limits) Regulations 1987,
 * CrimPR 2020 r.14.18 note; research/domain.md §4.3): 182 days from sending, less the days the
 * defendant already spent in custody at the magistrates' court for the offence.
 */
export const CROWN_COURT_CTL_DAYS = 182;

export function crownCourtCustodyTimeLimit(sentOn: string, daysInCustodyBeforeSending = 0): string {
  return addCalendarDays(sentOn, CROWN_COURT_CTL_DAYS - daysInCustodyBeforeSending);
}

/**
 * Magistrates' court custody time limits (POA (CTL) Regulations 1987, reg. 4), which run from the
 * defendant's first appearance: 56 days to the start of a summary trial when every offence is
 * summary only; otherwise 70 days, to the start of a summary trial or to sending for an offence
 * that can be tried in the Crown Court.
 */
export const MAGISTRATES_SUMMARY_CTL_DAYS = 56;
export const MAGISTRATES_CTL_DAYS = 70;

export function magistratesCourtCustodyTimeLimit(firstAppearance: string, modesOfTrial: readonly string[]): string {
  const isSummaryOnly = modesOfTrial.length > 0 && modesOfTrial.every((mode) => mode === "summary");
  return addCalendarDays(firstAppearance, isSummaryOnly ? MAGISTRATES_SUMMARY_CTL_DAYS : MAGISTRATES_CTL_DAYS);
}
