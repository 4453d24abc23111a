import type { FormDefinition } from "./form-definition.schema.ts";

/**
 * Magistrates' court Preparation for Effective Trial (PET) form, as data.
 * Sources (shared/research/domain.md §3): the pre-2021 form text for case details and the defendant
 * [V-doc]; the prosecution questions follow what Common Platform's CPS "serve PET" API captures
 * [V-code]; the defence and court questions are not verified (see the comments on those parts).
 * Text is in the `forms` catalogue (shared/i18n/forms.en.ts) under `pet.`.
 */
const P = "pet.prosecution";
const D = "pet.defence";
const C = "pet.court";

export const petForm: FormDefinition = {
  type: "PET",
  title: "pet.title",
  jurisdiction: "magistrates",
  signOffBy: ["prosecution", "defence"],
  parts: [
    {
      side: "prosecution",
      title: `${P}.title`,
      sections: [
        {
          id: "caseDetails",
          title: `${P}.sections.caseDetails.title`,
          fields: [
            { id: "urn", type: "text", label: `${P}.urn.label`, prefill: "urn", required: "always" },
            { id: "court", type: "text", label: `${P}.court.label`, prefill: "court", required: "always" },
            { id: "prosecutor", type: "text", label: `${P}.prosecutor.label`, prefill: "prosecutor", required: "always" },
          ],
        },
        {
          id: "prosecutionCase",
          title: `${P}.sections.prosecutionCase.title`,
          fields: [
            {
              id: "prosecutionWitnesses",
              type: "rows",
              label: `${P}.prosecutionWitnesses.label`,
              addLabel: `${P}.prosecutionWitnesses.add`,
              columns: [
                { id: "name", type: "text", label: `${P}.prosecutionWitnesses.name.label`, required: "always" },
                {
                  id: "witnessType",
                  type: "choice",
                  label: `${P}.prosecutionWitnesses.witnessType.label`,
                  options: [
                    { value: "police", label: `${P}.prosecutionWitnesses.witnessType.options.police` },
                    { value: "civilian", label: `${P}.prosecutionWitnesses.witnessType.options.civilian` },
                    { value: "expert", label: `${P}.prosecutionWitnesses.witnessType.options.expert` },
                    { value: "other", label: `${P}.prosecutionWitnesses.witnessType.options.other` },
                  ],
                },
                { id: "attendanceRequired", type: "yesNo", label: `${P}.prosecutionWitnesses.attendanceRequired.label` },
                {
                  id: "specialMeasures",
                  type: "yesNo",
                  label: `${P}.prosecutionWitnesses.specialMeasures.label`,
                  detailsWhen: "yes",
                  detailsLabel: "common.giveDetails",
                },
                {
                  id: "interpreterLanguage",
                  type: "text",
                  label: `${P}.prosecutionWitnesses.interpreterLanguage.label`,
                  hint: `${P}.prosecutionWitnesses.interpreterLanguage.hint`,
                },
              ],
            },
            { id: "mediaEvidence", type: "yesNo", label: `${P}.mediaEvidence.label`, detailsWhen: "yes", detailsLabel: "common.giveDetails" },
            { id: "expertEvidence", type: "yesNo", label: `${P}.expertEvidence.label`, detailsWhen: "yes", detailsLabel: "common.giveDetails" },
            {
              id: "badCharacterApplication",
              type: "yesNo",
              label: `${P}.badCharacterApplication.label`,
              detailsWhen: "yes",
              detailsLabel: "common.giveDetails",
            },
            {
              id: "hearsayApplication",
              type: "yesNo",
              label: `${P}.hearsayApplication.label`,
              detailsWhen: "yes",
              detailsLabel: "common.giveDetails",
            },
            {
              id: "prosecutionTimeEstimate",
              type: "text",
              label: `${P}.prosecutionTimeEstimate.label`,
              hint: `${P}.prosecutionTimeEstimate.hint`,
            },
          ],
        },
        {
          id: "disclosure",
          title: `${P}.sections.disclosure.title`,
          fields: [
            {
              id: "initialDisclosureServedOn",
              type: "date",
              label: `${P}.initialDisclosureServedOn.label`,
              hint: `${P}.initialDisclosureServedOn.hint`,
            },
            {
              id: "furtherEvidence",
              type: "rows",
              label: `${P}.furtherEvidence.label`,
              addLabel: `${P}.furtherEvidence.add`,
              columns: [
                { id: "evidence", type: "text", label: `${P}.furtherEvidence.evidence.label`, required: "always" },
                { id: "serveBy", type: "date", label: `${P}.furtherEvidence.serveBy.label`, required: "always" },
              ],
            },
          ],
        },
      ],
    },

    /*
     * UNVERIFIED (domain.md §3.4): the official 2021 PET defence questions could not be retrieved and
     * Common Platform's defence answers are not in the public code. The questions in the sections
     * "issues", "witnesses", "evidence" and "trial" follow the PTPH defence section and general practice;
     * confirm them against the CrimPR forms page before relying on them. The defendant details follow
     * Part 1 of the pre-2021 form text [V-doc].
     */
    {
      side: "defence",
      title: `${D}.title`,
      sections: [
        {
          id: "defendantDetails",
          title: `${D}.sections.defendantDetails.title`,
          fields: [
            { id: "defendantName", type: "text", label: `${D}.defendantName.label`, prefill: "defendantName", required: "always" },
            { id: "dateOfBirth", type: "date", label: `${D}.dateOfBirth.label`, prefill: "defendantDateOfBirth" },
            { id: "offences", type: "longText", label: `${D}.offences.label`, prefill: "offences", required: "always" },
            {
              // Option values are the defendant's custody codes (shared/schemas/defendant.schema.ts), so pre-fill selects one.
              id: "custodyStatus",
              type: "choice",
              label: `${D}.custodyStatus.label`,
              prefill: "custody",
              options: [
                { value: "custody", label: `${D}.custodyStatus.options.custody` },
                { value: "bail", label: `${D}.custodyStatus.options.bail` },
                { value: "at-large", label: `${D}.custodyStatus.options.at-large` },
              ],
            },
            {
              id: "interpreterLanguage",
              type: "text",
              label: `${D}.interpreterLanguage.label`,
              hint: `${D}.interpreterLanguage.hint`,
              prefill: "interpreterLanguage",
            },
          ],
        },
        {
          // Unverified (domain.md §3.4).
          id: "issues",
          title: `${D}.sections.issues.title`,
          description: `${D}.sections.issues.description`,
          fields: [
            { id: "realIssues", type: "longText", label: `${D}.realIssues.label`, hint: `${D}.realIssues.hint`, required: "always" },
            { id: "identityDisputed", type: "yesNo", label: `${D}.identityDisputed.label` },
            { id: "agreedFacts", type: "longText", label: `${D}.agreedFacts.label`, hint: `${D}.agreedFacts.hint` },
          ],
        },
        {
          // Unverified (domain.md §3.4).
          id: "witnesses",
          title: `${D}.sections.witnesses.title`,
          fields: [
            { id: "defendantWillGiveEvidence", type: "yesNo", label: `${D}.defendantWillGiveEvidence.label` },
            {
              id: "defenceWitnesses",
              type: "rows",
              label: `${D}.defenceWitnesses.label`,
              addLabel: `${D}.defenceWitnesses.add`,
              columns: [
                { id: "name", type: "text", label: `${D}.defenceWitnesses.name.label`, required: "always" },
                {
                  id: "interpreterLanguage",
                  type: "text",
                  label: `${D}.defenceWitnesses.interpreterLanguage.label`,
                  hint: `${D}.defenceWitnesses.interpreterLanguage.hint`,
                },
                {
                  id: "specialMeasures",
                  type: "yesNo",
                  label: `${D}.defenceWitnesses.specialMeasures.label`,
                  detailsWhen: "yes",
                  detailsLabel: "common.giveDetails",
                },
              ],
            },
            {
              id: "prosecutionWitnessesRequired",
              type: "rows",
              label: `${D}.prosecutionWitnessesRequired.label`,
              addLabel: `${D}.prosecutionWitnessesRequired.add`,
              columns: [
                { id: "witnessName", type: "text", label: `${D}.prosecutionWitnessesRequired.witnessName.label`, required: "always" },
                {
                  id: "reason",
                  type: "longText",
                  label: `${D}.prosecutionWitnessesRequired.reason.label`,
                  hint: `${D}.prosecutionWitnessesRequired.reason.hint`,
                  required: "always",
                },
              ],
            },
          ],
        },
        {
          // Unverified (domain.md §3.4).
          id: "evidence",
          title: `${D}.sections.evidence.title`,
          fields: [
            { id: "badCharacterResponse", type: "longText", label: `${D}.badCharacterResponse.label` },
            { id: "hearsayResponse", type: "longText", label: `${D}.hearsayResponse.label` },
            {
              id: "defendantSpecialMeasures",
              type: "yesNo",
              label: `${D}.defendantSpecialMeasures.label`,
              detailsWhen: "yes",
              detailsLabel: "common.giveDetails",
            },
            {
              id: "defenceExpertEvidence",
              type: "yesNo",
              label: `${D}.defenceExpertEvidence.label`,
              detailsWhen: "yes",
              detailsLabel: "common.giveDetails",
            },
          ],
        },
        {
          // Unverified (domain.md §3.4).
          id: "trial",
          title: `${D}.sections.trial.title`,
          fields: [
            { id: "trialAdvocate", type: "text", label: `${D}.trialAdvocate.label` },
            { id: "defenceTimeEstimate", type: "text", label: `${D}.defenceTimeEstimate.label`, hint: `${D}.defenceTimeEstimate.hint` },
          ],
        },
      ],
    },

    /*
     * The form says only that the court records directions in Parts 4 and 5 (domain.md §3.5); the
     * fields below are our own reading of what the court needs to list an effective trial [I].
     */
    {
      side: "court",
      title: `${C}.title`,
      sections: [
        {
          id: "trialArrangements",
          title: `${C}.sections.trialArrangements.title`,
          fields: [
            { id: "trialDate", type: "date", label: `${C}.trialDate.label` },
            { id: "trialCourt", type: "text", label: `${C}.trialCourt.label`, prefill: "court" },
            { id: "trialTimeEstimate", type: "text", label: `${C}.trialTimeEstimate.label` },
            { id: "interpreterRequired", type: "yesNo", label: `${C}.interpreterRequired.label` },
            {
              id: "interpreterLanguage",
              type: "text",
              label: `${C}.interpreterLanguage.label`,
              required: { field: "interpreterRequired", equals: true },
            },
            { id: "caseProgressionOfficer", type: "text", label: `${C}.caseProgressionOfficer.label` },
          ],
        },
        {
          id: "directions",
          title: `${C}.sections.directions.title`,
          fields: [
            { id: "directionsGiven", type: "longText", label: `${C}.directionsGiven.label`, hint: `${C}.directionsGiven.hint` },
            { id: "furtherHearingDate", type: "date", label: `${C}.furtherHearingDate.label` },
            {
              id: "furtherHearingType",
              type: "choice",
              label: `${C}.furtherHearingType.label`,
              options: [
                { value: "case-management", label: `${C}.furtherHearingType.options.case-management` },
                { value: "pre-trial-review", label: `${C}.furtherHearingType.options.pre-trial-review` },
                { value: "ground-rules", label: `${C}.furtherHearingType.options.ground-rules` },
                { value: "other", label: `${C}.furtherHearingType.options.other` },
              ],
            },
          ],
        },
      ],
    },
  ],
};
