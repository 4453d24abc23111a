/** A case's directions tab. */
export function directionsPath(caseId: string): string {
  return `/cases/${encodeURIComponent(caseId)}/directions`;
}

/** Where the court gives directions in a case. */
export function giveDirectionsPath(caseId: string): string {
  return `${directionsPath(caseId)}/new`;
}

/** Router state the "Give directions" page passes to the tab. */
export type DirectionsState = {
  /** How many directions were just given, for the success banner. */
  directionsGiven?: number;
};
