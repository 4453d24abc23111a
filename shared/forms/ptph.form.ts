import type { FormDefinition, FormSection } from "./form-definition.schema.ts";

/**
 * Crown Court Plea and Trial Preparation Hearing (PTPH) form, as data.
 * Part A (prosecution, and defence per defendant) and Part B (the judge's orders, court part) follow
 * the form as Common Platform renders it (shared/research/domain.md §4, ptph-labels.txt); labels and
 * hints are the official text, in the `forms` catalogue under `ptph.`.
 * Stage 1–4 dates are pre-computed by the server from the standard timetable (domain.md §4.3) and
 * remain editable: the judge sets the dates.
 */
const A = "ptph.allParties";
const P = "ptph.prosecution";
const D = "ptph.defence";
const C = "ptph.court";

/** Options whose labels sit under `<field>.options.<value>` in the catalogue. */
const options = (field: string, values: readonly string[]) => values.map((value) => ({ value, label: `${field}.options.${value}` }));

/** "All parties" questions: asked of the prosecution and of each defendant. */
const otherProceedings: FormSection = {
  id: "otherProceedings",
  title: `${A}.sections.otherProceedings.title`,
  fields: [
    { id: "relatedCriminalProceedings", type: "longText", label: `${A}.relatedCriminalProceedings.label` },
    { id: "relatedFamilyProceedings", type: "longText", label: `${A}.relatedFamilyProceedings.label` },
  ],
};

export const ptphForm: FormDefinition = {
  type: "PTPH",
  title: "ptph.title",
  jurisdiction: "crown",
  signOffBy: ["prosecution", "defence"],
  parts: [
    {
      side: "prosecution",
      title: `${P}.title`,
      sections: [
        {
          id: "caseDetails",
          title: `${P}.sections.caseDetails.title`,
          description: `${A}.preHearingInformation`,
          fields: [
            { id: "urn", type: "text", label: `${P}.urn.label`, prefill: "urn", required: "always" },
            { id: "court", type: "text", label: `${P}.court.label`, prefill: "court", required: "always" },
          ],
        },
        {
          id: "contacts",
          title: `${P}.sections.contacts.title`,
          fields: [
            { id: "reviewingLawyer", type: "text", label: `${P}.reviewingLawyer.label` },
            { id: "caseProgressionOfficer", type: "text", label: `${P}.caseProgressionOfficer.label` },
            { id: "cpsOffice", type: "text", label: `${P}.cpsOffice.label` },
            { id: "officerInTheCase", type: "text", label: `${P}.officerInTheCase.label` },
          ],
        },
        {
          // Each item is an indication with notes (served, when, or what is expected).
          id: "information",
          title: `${P}.sections.information.title`,
          fields: [
            { id: "draftIndictment", type: "longText", label: `${P}.draftIndictment.label` },
            { id: "summaryOfCircumstances", type: "longText", label: `${P}.summaryOfCircumstances.label` },
            { id: "keyStatements", type: "longText", label: `${P}.keyStatements.label` },
            { id: "keyExhibits", type: "longText", label: `${P}.keyExhibits.label` },
            { id: "cctv", type: "longText", label: `${P}.cctv.label` },
            { id: "streamlinedForensicReports", type: "longText", label: `${P}.streamlinedForensicReports.label` },
            { id: "medicalEvidence", type: "longText", label: `${P}.medicalEvidence.label` },
            { id: "otherExpertEvidence", type: "longText", label: `${P}.otherExpertEvidence.label` },
            { id: "badCharacter", type: "longText", label: `${P}.badCharacter.label` },
            { id: "hearsay", type: "longText", label: `${P}.hearsay.label` },
            { id: "specialMeasures", type: "longText", label: `${P}.specialMeasures.label` },
            { id: "criminalRecord", type: "longText", label: `${P}.criminalRecord.label` },
            { id: "victimPersonalStatement", type: "longText", label: `${P}.victimPersonalStatement.label` },
            { id: "disclosureManagementDocumentProvided", type: "yesNo", label: `${P}.disclosureManagementDocumentProvided.label` },
            {
              id: "thirdPartyMaterial",
              type: "yesNo",
              label: `${P}.thirdPartyMaterial.label`,
              detailsWhen: "yes",
              detailsLabel: "common.giveDetails",
            },
            {
              id: "thirdPartyEnquiries",
              type: "yesNo",
              label: `${P}.thirdPartyEnquiries.label`,
              required: { field: "thirdPartyMaterial", equals: true },
            },
          ],
        },
        otherProceedings,
      ],
    },

    {
      side: "defence",
      title: `${D}.title`,
      sections: [
        {
          id: "defendantDetails",
          title: `${D}.sections.defendantDetails.title`,
          description: `${A}.preHearingInformation`,
          fields: [
            { id: "defendantName", type: "text", label: `${D}.defendantName.label`, prefill: "defendantName", required: "always" },
            { id: "dateOfBirth", type: "date", label: `${D}.dateOfBirth.label`, prefill: "defendantDateOfBirth" },
            { id: "principalCharges", type: "longText", label: `${D}.principalCharges.label`, prefill: "offences", required: "always" },
            {
              // Option values are the defendant's custody codes (shared/schemas/defendant.schema.ts), so pre-fill selects one.
              id: "remandStatus",
              type: "choice",
              label: `${D}.remandStatus.label`,
              prefill: "custody",
              options: options(`${D}.remandStatus`, ["custody", "bail", "at-large"]),
            },
            { id: "custodyTimeLimit", type: "date", label: `${D}.custodyTimeLimit.label`, prefill: "custodyTimeLimit" },
            { id: "dateOfSending", type: "date", label: `${D}.dateOfSending.label`, prefill: "sentOn" },
          ],
        },
        {
          id: "contacts",
          title: `${D}.sections.contacts.title`,
          fields: [
            { id: "defenceSolicitors", type: "text", label: `${D}.defenceSolicitors.label` },
            { id: "defendantAddress", type: "longText", label: `${D}.defendantAddress.label` },
            { id: "defendantContactDetails", type: "text", label: `${D}.defendantContactDetails.label` },
            { id: "caseProgressionOfficer", type: "text", label: `${D}.caseProgressionOfficer.label` },
            { id: "advocateAtPtph", type: "text", label: `${D}.advocateAtPtph.label` },
            { id: "advocateForTrial", type: "text", label: `${D}.advocateForTrial.label` },
            {
              id: "funding",
              type: "choice",
              label: `${D}.funding.label`,
              options: options(`${D}.funding`, ["legal-aid-granted", "legal-aid-applied-for", "privately-funded"]),
            },
          ],
        },
        {
          id: "information",
          title: `${D}.sections.information.title`,
          fields: [
            { id: "timeEstimateDays", type: "text", label: `${D}.timeEstimateDays.label`, hint: `${D}.timeEstimateDays.hint` },
            { id: "realIssues", type: "longText", label: `${D}.realIssues.label`, hint: `${D}.realIssues.hint`, required: "always" },
            { id: "under18AtSending", type: "yesNo", label: `${D}.under18AtSending.label` },
            { id: "vulnerable", type: "yesNo", label: `${D}.vulnerable.label`, detailsWhen: "yes", detailsLabel: "common.giveDetails" },
            { id: "modernSlavery", type: "yesNo", label: `${D}.modernSlavery.label`, detailsWhen: "yes", detailsLabel: "common.giveDetails" },
            {
              id: "streamlinedForensicReports",
              type: "longText",
              label: `${D}.streamlinedForensicReports.label`,
              hint: `${D}.streamlinedForensicReports.hint`,
            },
            {
              id: "disclosureManagementDocumentServed",
              type: "yesNo",
              label: `${D}.disclosureManagementDocumentServed.label`,
              hint: `${D}.disclosureManagementDocumentServed.hint`,
            },
            {
              id: "thirdPartyDisclosure",
              type: "yesNo",
              label: `${D}.thirdPartyDisclosure.label`,
              hint: `${D}.thirdPartyDisclosure.hint`,
              detailsWhen: "yes",
              detailsLabel: "common.giveDetails",
            },
            {
              id: "preliminaryIssues",
              type: "yesNo",
              label: `${D}.preliminaryIssues.label`,
              hint: `${D}.preliminaryIssues.hint`,
              detailsWhen: "yes",
              detailsLabel: "common.giveDetails",
            },
            {
              id: "dismissal",
              type: "yesNo",
              label: `${D}.dismissal.label`,
              hint: `${D}.dismissal.hint`,
              detailsWhen: "yes",
              detailsLabel: "common.giveDetails",
            },
            {
              id: "severance",
              type: "yesNo",
              label: `${D}.severance.label`,
              hint: `${D}.severance.hint`,
              detailsWhen: "yes",
              detailsLabel: "common.giveDetails",
            },
            {
              id: "arraignment",
              type: "yesNo",
              label: `${D}.arraignment.label`,
              hint: `${D}.arraignment.hint`,
              detailsWhen: "no",
              detailsLabel: `${D}.arraignment.details`,
            },
            {
              id: "alternativePlea",
              type: "yesNo",
              label: `${D}.alternativePlea.label`,
              hint: `${D}.alternativePlea.hint`,
              detailsWhen: "yes",
              detailsLabel: "common.giveDetails",
            },
          ],
        },
        otherProceedings,
      ],
    },

    {
      side: "court",
      title: `${C}.title`,
      sections: [
        {
          id: "caseProgression",
          title: `${C}.sections.caseProgression.title`,
          fields: [{ id: "courtCaseProgressionOfficer", type: "text", label: `${C}.courtCaseProgressionOfficer.label` }],
        },
        {
          id: "witnessRequirements",
          title: `${C}.sections.witnessRequirements.title`,
          fields: [
            {
              id: "prosecutionWitnesses",
              type: "rows",
              label: `${C}.prosecutionWitnesses.label`,
              addLabel: `${C}.prosecutionWitnesses.add`,
              columns: [
                { id: "witnessName", type: "text", label: `${C}.prosecutionWitnesses.witnessName.label`, required: "always" },
                { id: "liveEvidenceRequired", type: "yesNo", label: `${C}.prosecutionWitnesses.liveEvidenceRequired.label` },
                { id: "specialMeasures", type: "text", label: `${C}.prosecutionWitnesses.specialMeasures.label` },
              ],
            },
            {
              id: "intermediaryRequired",
              type: "yesNo",
              label: `${C}.intermediaryRequired.label`,
              hint: `${C}.intermediaryRequired.hint`,
              detailsWhen: "yes",
              detailsLabel: "common.giveDetails",
            },
          ],
        },
        {
          id: "arraignment",
          title: `${C}.sections.arraignment.title`,
          fields: [
            { id: "judicialChecks", type: "longText", label: `${C}.judicialChecks.label` },
            { id: "arraignmentDate", type: "date", label: `${C}.arraignmentDate.label` },
            {
              id: "pleas",
              type: "rows",
              label: `${C}.pleas.label`,
              addLabel: `${C}.pleas.add`,
              columns: [
                { id: "defendant", type: "text", label: `${C}.pleas.defendant.label`, required: "always" },
                { id: "count", type: "text", label: `${C}.pleas.count.label`, required: "always" },
                {
                  id: "plea",
                  type: "choice",
                  label: `${C}.pleas.plea.label`,
                  required: "always",
                  options: options(`${C}.pleas.plea`, ["not-guilty", "guilty"]),
                },
              ],
            },
            { id: "notArraignedReason", type: "longText", label: `${C}.notArraignedReason.label` },
          ],
        },
        {
          id: "trial",
          title: `${C}.sections.trial.title`,
          fields: [
            { id: "trialDate", type: "date", label: `${C}.trialDate.label`, required: { field: "listing", equals: "fixed" } },
            { id: "listing", type: "choice", label: `${C}.listing.label`, options: options(`${C}.listing`, ["fixed", "warned"]) },
            { id: "timeEstimateDays", type: "text", label: `${C}.timeEstimateDays.label`, hint: `${C}.timeEstimateDays.hint` },
            { id: "timeEstimateDetails", type: "longText", label: `${C}.timeEstimateDetails.label` },
            {
              id: "custodyTimeLimitExpiry",
              type: "date",
              label: `${C}.custodyTimeLimitExpiry.label`,
              hint: `${C}.custodyTimeLimitExpiry.hint`,
            },
            { id: "trialReadinessBy", type: "date", label: `${C}.trialReadinessBy.label`, hint: `${C}.trialReadinessBy.hint` },
            { id: "facilitiesRequired", type: "longText", label: `${C}.facilitiesRequired.label` },
          ],
        },
        {
          id: "stage1",
          title: `${C}.sections.stage1.title`,
          fields: [
            { id: "stage1Date", type: "date", label: `${C}.stage1Date.label`, hint: `${C}.stage1Date.hint` },
            {
              id: "stage1Orders",
              type: "multiChoice",
              label: `${C}.stage1Orders.label`,
              options: options(`${C}.stage1Orders`, [
                "prosecution-case",
                "initial-disclosure",
                "dmd",
                "multimedia",
                "roti",
                "emergency-calls",
                "communications-records",
                "communications-analysis",
                "forensic-statements",
                "bad-character",
                "hearsay",
                "special-measures",
              ]),
            },
          ],
        },
        {
          id: "thirdPartyDisclosure",
          title: `${C}.sections.thirdPartyDisclosure.title`,
          fields: [
            { id: "thirdPartyDisclosureDate", type: "date", label: `${C}.thirdPartyDisclosureDate.label` },
            { id: "thirdPartyMaterialAreas", type: "longText", label: `${C}.thirdPartyMaterialAreas.label` },
            {
              id: "thirdPartyOrders",
              type: "multiChoice",
              label: `${C}.thirdPartyOrders.label`,
              options: options(`${C}.thirdPartyOrders`, ["requests", "report", "serve", "family-court"]),
            },
          ],
        },
        {
          // The form gives no default for Stage 2 (Stage 1 + 28 days is an inference, domain.md §4.3).
          id: "stage2",
          title: `${C}.sections.stage2.title`,
          fields: [
            { id: "stage2Date", type: "date", label: `${C}.stage2Date.label` },
            {
              id: "stage2Orders",
              type: "multiChoice",
              label: `${C}.stage2Orders.label`,
              options: options(`${C}.stage2Orders`, [
                "defence-statement",
                "dmd-response",
                "witness-table",
                "sfr1-response",
                "bad-character-response",
                "hearsay-response",
                "special-measures-response",
                "defence-special-measures",
                "defence-expert",
              ]),
            },
          ],
        },
        {
          id: "stage3",
          title: `${C}.sections.stage3.title`,
          fields: [
            { id: "stage3Date", type: "date", label: `${C}.stage3Date.label`, hint: `${C}.stage3Date.hint` },
            {
              id: "stage3Orders",
              type: "multiChoice",
              label: `${C}.stage3Orders.label`,
              options: options(`${C}.stage3Orders`, [
                "further-disclosure",
                "further-dmd",
                "further-evidence",
                "forensic-statements",
                "medical-evidence",
                "psychiatric-evidence",
                "other-expert-evidence",
                "live-link",
                "intermediary-reports",
                "abe-editing",
              ]),
            },
          ],
        },
        {
          id: "stage4",
          title: `${C}.sections.stage4.title`,
          fields: [
            { id: "stage4Date", type: "date", label: `${C}.stage4Date.label`, hint: `${C}.stage4Date.hint` },
            {
              id: "stage4Orders",
              type: "multiChoice",
              label: `${C}.stage4Orders.label`,
              options: options(`${C}.stage4Orders`, [
                "non-disclosure-complaint",
                "witness-summons",
                "abe-editing",
                "non-defendant-bad-character",
                "sexual-behaviour",
                "intermediary-response",
                "defence-intermediary",
                "live-link",
                "late-expert-evidence",
              ]),
            },
          ],
        },
        {
          id: "furtherHearings",
          title: `${C}.sections.furtherHearings.title`,
          fields: [
            {
              id: "furtherHearings",
              type: "rows",
              label: `${C}.furtherHearings.label`,
              addLabel: `${C}.furtherHearings.add`,
              columns: [
                { id: "hearingDate", type: "date", label: `${C}.furtherHearings.hearingDate.label`, required: "always" },
                {
                  id: "hearingType",
                  type: "choice",
                  label: `${C}.furtherHearings.hearingType.label`,
                  required: "always",
                  options: options(`${C}.furtherHearings.hearingType`, [
                    "fcmh-abuse-dismissal-severance",
                    "fcmh-fitness",
                    "s28-vulnerable",
                    "s28-intimidated",
                    "fcmh-general",
                    "pre-trial-review",
                    "ground-rules",
                  ]),
                },
                { id: "timeEstimate", type: "text", label: `${C}.furtherHearings.timeEstimate.label` },
                { id: "attendance", type: "text", label: `${C}.furtherHearings.attendance.label` },
                { id: "issues", type: "longText", label: `${C}.furtherHearings.issues.label` },
              ],
            },
          ],
        },
        {
          id: "standardOrders",
          title: `${C}.sections.standardOrders.title`,
          fields: [
            {
              id: "standardOrders",
              type: "multiChoice",
              label: `${C}.standardOrders.label`,
              options: options(`${C}.standardOrders`, [
                "video-link",
                "witness-list",
                "witness-table-default",
                "abe-evidence-in-chief",
                "abe-viewing",
                "screens-or-live-link",
                "abe-attendance",
                "questioning-principles",
                "remote-link-particulars",
                "witnesses-abroad",
                "expert-agreement",
              ]),
            },
            { id: "expertStatementBy", type: "date", label: `${C}.expertStatementBy.label`, hint: `${C}.expertStatementBy.hint` },
            { id: "furtherOrders", type: "longText", label: `${C}.furtherOrders.label` },
          ],
        },
        {
          id: "finalWarnings",
          title: `${C}.sections.finalWarnings.title`,
          fields: [
            {
              id: "judicialWarningsGiven",
              type: "yesNo",
              label: `${C}.judicialWarningsGiven.label`,
              detailsWhen: "no",
              detailsLabel: `${C}.judicialWarningsGiven.details`,
            },
          ],
        },
      ],
    },
  ],
};
