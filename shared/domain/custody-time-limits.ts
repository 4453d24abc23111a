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
