import { addCalendarDays } from "./calendar.ts";

/**
 * The Crown Court standard timetable after sending (research/domain.md §4.3): stage 1 is 50 days
 * after sending in custody, 70 on bail; stage 2 is 28 days after stage 1; stages 3 and 4 follow
 * by 14 or 28 days as the judge chooses. Every date is a default the judge may override.
 */
export function ptphStageDates(options: { sentOn: string; inCustody: boolean; stage3After?: 14 | 28; stage4After?: 14 | 28 }) {
  const stage1 = addCalendarDays(options.sentOn, options.inCustody ? 50 : 70);
  const stage2 = addCalendarDays(stage1, 28);
  const stage3 = addCalendarDays(stage2, options.stage3After ?? 14);
  const stage4 = addCalendarDays(stage3, options.stage4After ?? 14);
  return { stage1, stage2, stage3, stage4 };
}

/** Trial readiness is certified 28 days before the trial. */
export function trialReadinessDate(trialDate: string): string {
  return addCalendarDays(trialDate, -28);
}
