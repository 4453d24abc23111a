/**
 * English text of the case-management forms (PET, PTPH): the `forms` namespace of the catalogue.
 * Keys are referenced by the form definitions in shared/forms as dotted paths without the namespace
 * (`pet.prosecution.urn.label`). Layout: `<form>.<part>.title`, `<form>.<part>.sections.<id>.title`
 * (and `.description`), `<form>.<part>.<fieldId>.label|hint|details|add`, choice options under
 * `.options.<value>`, row columns under `<form>.<part>.<rowsId>.<columnId>`.
 * PTPH wording is copied from the official form text as Common Platform renders it
 * (shared/research/ptph-labels.txt); PET wording is our own except where domain.md §3 quotes the form.
 */
export const formsEn = {
  common: {
    giveDetails: "Give details",
    /** Used by the renderer and the PDF (server/forms), not by a definition. */
    yes: "Yes",
    no: "No",
    notAnswered: "Not answered",
    defencePartFor: "Defence for {{name}}",
    caseLine: "URN {{urn}}, {{court}}",
    signOffs: "Sign-offs",
    signOffLine: "{{party}}: signed off by {{name}} at {{at}}",
    contentHash: "Content SHA-256: {{sha256}}",
    finalisedLine: "Finalised by {{name}} at {{at}}",
  },

  pet: {
    title: "Preparation for effective trial",

    prosecution: {
      title: "Prosecution",
      sections: {
        caseDetails: { title: "Case details" },
        prosecutionCase: { title: "The prosecution case" },
        disclosure: { title: "Disclosure and further evidence" },
      },
      urn: { label: "Police/CPS URN" },
      court: { label: "Court" },
      prosecutor: { label: "Prosecuting authority" },
      prosecutionWitnesses: {
        label: "Witnesses the prosecution will call",
        add: "Add a witness",
        name: { label: "Full name" },
        witnessType: {
          label: "Type of witness",
          options: { police: "Police officer", civilian: "Civilian", expert: "Expert", other: "Other" },
        },
        attendanceRequired: { label: "Attendance at trial required" },
        specialMeasures: { label: "Special measures or other help needed" },
        interpreterLanguage: { label: "Interpreter language and dialect", hint: "Leave blank if no interpreter is needed" },
      },
      mediaEvidence: { label: "Will the prosecution rely on CCTV or other recorded media?" },
      expertEvidence: { label: "Will the prosecution rely on expert evidence?" },
      badCharacterApplication: { label: "Does the prosecution intend to introduce evidence of bad character?" },
      hearsayApplication: { label: "Does the prosecution intend to introduce hearsay evidence?" },
      prosecutionTimeEstimate: {
        label: "Time estimate for the prosecution case",
        hint: "In hours, including the time needed for each witness",
      },
      initialDisclosureServedOn: {
        label: "Date initial disclosure of unused material was served",
        hint: "Leave blank if initial disclosure has not been served yet",
      },
      furtherEvidence: {
        label: "Further evidence the prosecution will serve",
        add: "Add further evidence",
        evidence: { label: "Evidence" },
        serveBy: { label: "To be served by" },
      },
    },

    defence: {
      title: "Defence",
      sections: {
        defendantDetails: { title: "Defendant" },
        issues: {
          title: "Plea and issues",
          description:
            "This is case management information, not evidence. It can only be used as evidence if it is formally admitted (section 10 of the Criminal Justice Act 1967) or admitted as hearsay.",
        },
        witnesses: { title: "Witnesses" },
        evidence: { title: "Evidence and applications" },
        trial: { title: "Trial" },
      },
      defendantName: { label: "Defendant" },
      dateOfBirth: { label: "Date of birth" },
      offences: { label: "Offence(s)" },
      custodyStatus: {
        label: "Bail or custody",
        options: { custody: "In custody", bail: "On bail", "at-large": "At large" },
      },
      interpreterLanguage: {
        label: "Interpreter language and dialect for the defendant",
        hint: "Leave blank if no interpreter is needed",
      },
      realIssues: { label: "Real issues in the case", hint: "What is in dispute and what is not" },
      identityDisputed: { label: "Is identity disputed?" },
      agreedFacts: {
        label: "Facts the defence will agree",
        hint: "So that the witnesses who prove them need not attend",
      },
      defendantWillGiveEvidence: { label: "Will the defendant give evidence?" },
      defenceWitnesses: {
        label: "Defence witnesses",
        add: "Add a witness",
        name: { label: "Full name" },
        interpreterLanguage: { label: "Interpreter language and dialect", hint: "Leave blank if no interpreter is needed" },
        specialMeasures: { label: "Special measures or other help needed" },
      },
      prosecutionWitnessesRequired: {
        label: "Prosecution witnesses the defence requires to attend",
        add: "Add a witness",
        witnessName: { label: "Witness" },
        reason: { label: "Why the witness is required", hint: "Which part of their evidence is disputed" },
      },
      badCharacterResponse: { label: "Response to the prosecution's bad character evidence" },
      hearsayResponse: { label: "Response to the prosecution's hearsay evidence" },
      defendantSpecialMeasures: { label: "Does the defendant need special measures or other help to give evidence?" },
      defenceExpertEvidence: { label: "Will the defence rely on expert evidence?" },
      trialAdvocate: { label: "Defence advocate for trial" },
      defenceTimeEstimate: { label: "Time estimate for the defence case", hint: "In hours, including the defendant's evidence" },
    },

    court: {
      title: "Court",
      sections: {
        trialArrangements: { title: "Trial arrangements" },
        directions: { title: "Directions" },
      },
      trialDate: { label: "Trial date" },
      trialCourt: { label: "Trial court and courtroom" },
      trialTimeEstimate: { label: "Total time estimate for the trial" },
      interpreterRequired: { label: "Is an interpreter needed at the trial?" },
      interpreterLanguage: { label: "Interpreter language and dialect" },
      caseProgressionOfficer: { label: "Court case progression officer" },
      directionsGiven: {
        label: "Directions given at the hearing",
        hint: "For each direction, say which party must comply and by when",
      },
      furtherHearingDate: { label: "Date of further hearing" },
      furtherHearingType: {
        label: "Type of further hearing",
        options: {
          "case-management": "Case management hearing",
          "pre-trial-review": "Pre-trial review",
          "ground-rules": "Ground rules hearing",
          other: "Other",
        },
      },
    },
  },

  ptph: {
    title: "Plea and trial preparation hearing",

    /** Shared by the prosecution and defence parts. */
    allParties: {
      preHearingInformation:
        "The pre-hearing information form must be completed by the parties for all cases sent to the Crown Court where a trial is expected unless the case is expressly exempted by the CrimPR or CrimPD.",
      sections: { otherProceedings: { title: "All parties: Information about other proceedings" } },
      relatedCriminalProceedings: { label: "Particulars of any related CRIMINAL proceedings?" },
      relatedFamilyProceedings: { label: "Particulars of any related FAMILY proceedings?" },
    },

    prosecution: {
      title: "Prosecution",
      sections: {
        caseDetails: { title: "Plea and trial preparation hearing form" },
        contacts: { title: "Prosecution contacts" },
        information: { title: "Prosecution information for PTPH" },
      },
      urn: { label: "PTI URN" },
      court: { label: "Crown Court at" },
      reviewingLawyer: { label: "Reviewing Lawyer" },
      caseProgressionOfficer: { label: "Case Progression Officer (usually Paralegal)" },
      cpsOffice: { label: "CPS office" },
      officerInTheCase: { label: "Officer in the case" },
      draftIndictment: { label: "Draft Indictment" },
      summaryOfCircumstances: {
        label:
          "Summary of circumstances of the offence(s) and of any account given by defendant(s) in interview (this may be in Form MG5)",
      },
      keyStatements: {
        label: "Statements identified by prosecution as being of importance for the purpose of plea and initial case management",
      },
      keyExhibits: {
        label: "Exhibits identified by prosecution as being of importance for the purpose of plea and initial case management",
      },
      cctv: { label: "Relevant CCTV that would be relied upon by prosecution at trial" },
      streamlinedForensicReports: {
        label: "Streamlined Forensic Report(s) or indication of scientific evidence that the prosecution is likely to introduce",
      },
      medicalEvidence: { label: "Indication of medical evidence that the prosecution is likely to introduce" },
      otherExpertEvidence: { label: "Indication of other expert evidence that the prosecution is likely to introduce" },
      badCharacter: { label: "Indication of bad character evidence to be relied on" },
      hearsay: { label: "Indication of any hearsay evidence to be relied on" },
      specialMeasures: { label: "Indication of special measures to be sought" },
      criminalRecord: { label: "Defendant's criminal record if any" },
      victimPersonalStatement: { label: "Victim Personal Statement if any" },
      disclosureManagementDocumentProvided: { label: "Has a Disclosure Management Document been provided?" },
      thirdPartyMaterial: {
        label: "Does the Prosecution believe that any third party holds potentially disclosable material?",
      },
      thirdPartyEnquiries: { label: "Will the prosecution be making enquiries to review that material?" },
    },

    defence: {
      title: "Defence",
      sections: {
        defendantDetails: { title: "Defendant" },
        contacts: { title: "Defence contacts" },
        information: { title: "Defendant information" },
      },
      defendantName: { label: "Defendant" },
      dateOfBirth: { label: "Date of birth" },
      principalCharges: { label: "Principal charges" },
      remandStatus: {
        label: "Remand status",
        options: { custody: "In custody", bail: "On bail", "at-large": "At large" },
      },
      custodyTimeLimit: { label: "Custody time limit" },
      dateOfSending: { label: "Date of sending" },
      defenceSolicitors: { label: "Defence Solicitors (or unrepresented defendant)" },
      defendantAddress: { label: "Defendant address details" },
      defendantContactDetails: { label: "Defendant contact details" },
      caseProgressionOfficer: { label: "Case progression officer" },
      advocateAtPtph: { label: "Advocate at PTPH" },
      advocateForTrial: { label: "Advocate for trial" },
      funding: {
        label: "Funding",
        options: {
          "legal-aid-granted": "Legal aid granted",
          "legal-aid-applied-for": "Legal aid applied for",
          "privately-funded": "Privately funded",
        },
      },
      timeEstimateDays: {
        label: "Defence time estimate for trial",
        hint: "Include jury retirement and give the estimate in days or part days",
      },
      realIssues: { label: "Real issues", hint: "Defence to summarise so far as known, the real issues in the case" },
      under18AtSending: { label: "Was the defendant under 18 at sending?" },
      vulnerable: { label: "Is the defendant vulnerable for a reason other than or additional to youth?" },
      modernSlavery: { label: "Is the defendant said to be a victim of modern slavery?" },
      streamlinedForensicReports: {
        label: "Streamlined Forensic Reports",
        hint: "Are the conclusions of any served Streamlined Forensics Report (SFR1) admitted as fact? If not, identify the disputed issues concerning that conclusion. Make clear what is admitted and what is not admitted",
      },
      disclosureManagementDocumentServed: {
        label: "Has a Disclosure Management Document been served?",
        hint: "Any responses raising cross-disclosure concerns may be uploaded separately to the Defence Statement section for review at PTPH",
      },
      thirdPartyDisclosure: { label: "Third party", hint: "Do any areas of third party disclosure need to be pursued?" },
      preliminaryIssues: {
        label: "Preliminary Issues",
        hint: "Are there preliminary issues such as abuse of process or fitness to participate in trial process?",
      },
      dismissal: { label: "Dismissal", hint: "Is an application for dismissal anticipated after time for service elapses?" },
      severance: { label: "Severance", hint: "Is an application for severance anticipated? (CrimPR 3.21)" },
      arraignment: { label: "Arraignment", hint: "Can the defendant be arraigned at PTPH?", details: "Reason the defendant cannot be arraigned" },
      alternativePlea: {
        label: "Alternative Plea",
        hint: "Is the defendant willing to offer a plea to another offence and/or a plea on a limited basis?",
      },
    },

    court: {
      title: "Plea and Trial Preparation Hearing Judicial Orders",
      sections: {
        caseProgression: { title: "Court case progression" },
        witnessRequirements: { title: "Witness and intermediary requirements known at PTPH" },
        arraignment: { title: "Arraignment" },
        trial: { title: "Trial" },
        stage1: { title: "Stage 1" },
        thirdPartyDisclosure: { title: "Third party disclosure" },
        stage2: { title: "Stage 2" },
        stage3: { title: "Stage 3" },
        stage4: { title: "Stage 4" },
        furtherHearings: { title: "Further hearings" },
        standardOrders: { title: "Standard orders for witnesses and defendants" },
        finalWarnings: { title: "Final judicial warnings" },
      },
      courtCaseProgressionOfficer: { label: "Court case progression officer" },
      prosecutionWitnesses: {
        label: "Prosecution witnesses relied on",
        add: "Add a witness",
        witnessName: { label: "Witness" },
        liveEvidenceRequired: { label: "Required to give live evidence" },
        specialMeasures: { label: "Special measures or orders endorsed" },
      },
      intermediaryRequired: { label: "Is an intermediary required?", hint: "For a witness or for the defendant" },
      judicialChecks: { label: "Judicial checks and comments" },
      arraignmentDate: { label: "Date of arraignment" },
      pleas: {
        label: "Pleas entered at PTPH",
        add: "Add a plea",
        defendant: { label: "Defendant" },
        count: { label: "Count" },
        plea: { label: "Plea", options: { "not-guilty": "Not guilty", guilty: "Guilty" } },
      },
      notArraignedReason: { label: "Reason if not arraigned" },
      trialDate: { label: "Trial date" },
      listing: { label: "Listing", options: { fixed: "Fixed", warned: "Warned list" } },
      timeEstimateDays: { label: "Time estimate", hint: "In days or part days" },
      timeEstimateDetails: { label: "Add further details about estimate if necessary" },
      custodyTimeLimitExpiry: {
        label: "Custody time limit expires",
        hint: "The earliest expiry if more than one defendant is in custody",
      },
      trialReadinessBy: {
        label: "Certification of trial readiness status to be completed by all parties",
        hint: "If no date is inserted then to be 28 days before trial date",
      },
      facilitiesRequired: { label: "Facilities required" },
      stage1Date: {
        label: "Unless individual dates are provided the prosecution shall serve the following by:",
        hint: "Ordinarily 50 days (custody cases) or 70 days (bail cases) after sending.",
      },
      stage1Orders: {
        label: "Items to be served",
        options: {
          "prosecution-case":
            "Service of prosecution case to include making available ABE transcripts and recordings relied on",
          "initial-disclosure": "Initial disclosure",
          dmd: "Updated or initial Disclosure Management Document - to address issues raised by defence on the PTPH form",
          multimedia: "Multi-media evidence (inc. CCTV and BWV) relied upon as part of the prosecution case",
          roti: "Written record of defendant's taped interview (ROTI).",
          "emergency-calls": "999 call transcript(s) and recording(s) if relied upon as part of the prosecution case",
          "communications-records":
            "Telephone, cell site, or other social media records relied if relied on as part of the prosecution case.",
          "communications-analysis": "Telephone, cell site, social media, and/or timeline analysis",
          "forensic-statements": "Forensic statements (SFR 2 or MG11) that can be served by Stage 1.",
          "bad-character": "Bad character notice(s) with supporting evidence relied on",
          hearsay: "Hearsay application(s)",
          "special-measures": "Special measures application(s)",
        },
      },
      thirdPartyDisclosureDate: {
        label: "Unless individual dates are provided the prosecution shall comply with the orders below by:",
      },
      thirdPartyMaterialAreas: { label: "The following areas of third party material have been identified" },
      thirdPartyOrders: {
        label: "Orders made",
        options: {
          requests:
            "Prosecution shall either make requests to third party and if necessary apply for third party disclosure summonses, OR notify defence in writing that no requests will be made for third party disclosure",
          report:
            "If the prosecution is to pursue third party disclosure, then the prosecution must serve a report in writing on the outcome of efforts to identify potentially disclosable materials held by third parties and any ongoing enquiries not yet completed. The same may be included in a Disclosure Management Document",
          serve: "Any disclosable third party disclosure shall be served on the defence",
          "family-court": "Prosecution to make any application required to the Family Court",
        },
      },
      stage2Date: {
        label: "Unless individual dates are provided it is ordered that the defence shall serve the following by:",
      },
      stage2Orders: {
        label: "Items to be served",
        options: {
          "defence-statement":
            "Defence Statement to include particulars of alibi; and requests for disclosure, describing the material and explaining, by reference to the issues in the case, why it is disclosable",
          "dmd-response":
            "Response to prosecution Disclosure Management Document if served identifying by reference to the issues in the case any disputes as to reasonable lines of enquiry or levels of data extraction",
          "witness-table":
            "Provide particulars of prosecution witnesses required to give live evidence; defence witnesses and interpreter requirements by using the CP Standard Witness Table or in the case of unrepresented defendants providing a paper Standard Witness Table",
          "sfr1-response":
            "Response to Summary of Expert Conclusions (SFR1) stating which, if any, of the expert's conclusions are admitted as fact and where a conclusion is not admitted stating what are the disputed issues concerning that conclusion",
          "bad-character-response": "Response to prosecution bad character notice(s)",
          "hearsay-response": "Response to prosecution hearsay application(s)",
          "special-measures-response": "Response to prosecution special measures application(s)",
          "defence-special-measures":
            "Special measures application for defendant or defence witnesses. Any reply from prosecution or other party to be served within 14 days",
          "defence-expert": "Defence expert evidence to be relied upon",
        },
      },
      stage3Date: {
        label: "Unless individual dates are provided it is ordered that the prosecution shall serve the following by:",
        hint: "Ordinarily 14 or 28 days after Stage 2",
      },
      stage3Orders: {
        label: "Items to be served",
        options: {
          "further-disclosure":
            "Further disclosure of items required to be disclosed under CPIA resulting from or requested by the Defence Statement. (If the Defence Statement is served late the prosecution have a like period from service of the Defence Statement as between Stages 2 and 3 to serve further disclosure)",
          "further-dmd":
            "Further updated Disclosure Management Document. (If the Defence DMD response is served late the prosecution have a like period from service of the DMD Response as between Stages 2 and 3 to serve further disclosure)",
          "further-evidence": "Further evidence to be relied upon that could not be served by Stage 1",
          "forensic-statements":
            "Forensic science statements (SFR2 or MG11) required as a result of the Defence response to a summary of conclusions (SFR1)",
          "medical-evidence": "Expert medical evidence",
          "psychiatric-evidence": "Psychiatric evidence",
          "other-expert-evidence": "Other (specify) expert evidence",
          "live-link":
            "Live link or Remote link application(s) - If remote link is from abroad the application must identify any steps required or taken to comply with mutual co-operation obligations",
          "intermediary-reports": "Intermediary report(s) with draft specific Ground Rules if to be applied for",
          "abe-editing": "List of editing proposals to ABE interview recording",
        },
      },
      stage4Date: {
        label: "Unless individual dates are given it is ordered that the defence shall serve the following by:",
        hint: "Ordinarily 14 or 28 days after Stage 3",
      },
      stage4Orders: {
        label: "Items to be served",
        options: {
          "non-disclosure-complaint": "Complaint about prosecution non-disclosure to comply with s.8 CPIA and CrimPR 15.5",
          "witness-summons":
            "Application(s) for witness summons for third party disclosure if the prosecution indicates at PTPH that it will not be pursuing any TPD issues OR any defendant is dissatisfied with the outcome of prosecution enquiries",
          "abe-editing":
            "List of editing proposals to ABE interview recording (if any) and response to prosecution proposals (if served)",
          "non-defendant-bad-character":
            "S.100 or 101 bad character of non-defendant application. Any reply from prosecution or other party to be served within 14 days",
          "sexual-behaviour":
            "S.41 Evidence of sexual behaviour application. Any reply from prosecution or other party to be served within 14 days",
          "intermediary-response": "Response to prosecution intermediary report(s)",
          "defence-intermediary":
            "Intermediary report for defendant or defence witnesses with draft ground rules. Any reply from prosecution or other party to be served within 14 days",
          "live-link":
            "Live link or remote link application(s) - If remote link is from abroad the application must identify any steps required or taken to comply with mutual co-operation obligations",
          "late-expert-evidence": "Defence expert evidence to be relied upon that could not be served by Stage 2",
        },
      },
      furtherHearings: {
        label: "Further hearings",
        add: "Add a hearing",
        hearingDate: { label: "Date of hearing" },
        hearingType: {
          label: "Type of hearing",
          options: {
            "fcmh-abuse-dismissal-severance": "Pre-arraignment FCMH - abuse; dismissal; severance; other",
            "fcmh-fitness": "Pre-arraignment FCMH - fitness to participate in the trial process",
            "s28-vulnerable": "Pre-trial recorded cross-examination (s.28) - vulnerable witnesses - s.16 YJCEA",
            "s28-intimidated": "Pre-trial recorded cross-examination (s.28) - intimidated witnesses - s.17 YJCEA",
            "fcmh-general": "FCMH - general",
            "pre-trial-review": "Pre-trial review - general",
            "ground-rules": "Ground rules and welfare and/or S.41 sexual behaviour and pre-trial review - (not s.28)",
          },
        },
        timeEstimate: { label: "Time estimate" },
        attendance: { label: "Attendance" },
        issues: { label: "Specific issues to be considered" },
      },
      standardOrders: {
        label: "Standard orders made",
        options: {
          "video-link":
            "1. Where a defendant appears at PTPH by video link from custody without objection at the hearing the court makes a live link direction under s.57B Crime and Disorder Act 1998.",
          "witness-list":
            "2. The witness requirements are as confirmed by the court on the Witness List and any special measures or orders endorsed shall apply.",
          "witness-table-default":
            "3. If no Standard Witness Table information is served by a defendant, the served written statements of witnesses (compliant with s.9 CJA 1967 and with notice as required by CrimPR 16) not listed as required in the Witness Table at PTPH shall be admissible as evidence to the like extent as oral evidence to the like effect by that witness.",
          "abe-evidence-in-chief":
            "4. Where a witness has provided an ABE interview, the ABE interview as edited by agreement or by order of the court shall stand as that witness' evidence in chief unless otherwise ordered.",
          "abe-viewing":
            "5. A witness whose ABE interview is relied on shall view that interview in the week preceding the trial in the presence of the officer in the case (or equivalent) or other suitable police officer (or investigator equivalent) who shall record any material comment the witness shall make and pass that record to the prosecutor.",
          "screens-or-live-link":
            "6. Any preference between screens or live link shall be identified after a court visit and shall include the witness' reasons for the preference.",
          "abe-attendance":
            "7. The attendance of any such witness at trial must be timetabled for the time when the witness is expected to commence examination.",
          "questioning-principles":
            "8. Young or vulnerable witnesses or defendants to whom an Advocates Gateway Toolkit or the ICCA 20 Principles of Questioning apply are to be examined and cross-examined in accordance with those principles unless those are superseded by specific ground rules.",
          "remote-link-particulars":
            "9. Particulars of the link must be provided not less than three weeks before trial - CrimPD 18.23-4.",
          "witnesses-abroad":
            "10. Any party seeking to rely on a witness giving evidence from a place outside the jurisdiction must ensure that mutual assistance obligations are complied with in advance of the trial.",
          "expert-agreement":
            "11. Expert witnesses of comparable disciplines must liaise and serve on the parties and the Court a statement of the points on which they agree and disagree with reasons no less than 14 days prior to the trial OR by such date as may be inserted here.",
        },
      },
      expertStatementBy: {
        label: "Date for the experts' statement of agreement and disagreement (standard order 11)",
        hint: "If no date is inserted then no less than 14 days prior to the trial",
      },
      furtherOrders: { label: "Further orders" },
      judicialWarningsGiven: { label: "Judicial warnings given", details: "Reason if judicial warnings not given" },
    },
  },
} as const;

export type FormsMessages = typeof formsEn;
