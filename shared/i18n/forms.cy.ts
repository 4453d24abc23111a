/** Welsh text of the case-management forms (PET, PTPH): the `forms` namespace. Same keys as forms.en.ts. */
import type { formsEn } from "./forms.en.ts";
import type { WelshTranslation } from "./translation.ts";

export const formsCy = {
  common: {
    giveDetails: "Rhowch fanylion",
    /** Used by the renderer and the PDF (server/forms), not by a definition. */
    yes: "Ie",
    no: "Na",
    notAnswered: "Heb ei ateb",
    defencePartFor: "Yr amddiffyniad ar ran {{name}}",
    caseLine: "URN {{urn}}, {{court}}",
    signOffs: "Cymeradwyaethau",
    signOffLine: "{{party}}: wedi'i gymeradwyo gan {{name}} am {{at}}",
    contentHash: "SHA-256 y cynnwys: {{sha256}}",
    finalisedLine: "Wedi'i gwblhau gan {{name}} am {{at}}",
  },

  pet: {
    title: "Paratoi ar gyfer Treial Effeithiol",

    prosecution: {
      title: "Erlyniad",
      sections: {
        caseDetails: { title: "Manylion yr achos" },
        prosecutionCase: { title: "Achos yr erlyniad" },
        disclosure: { title: "Datgelu a thystiolaeth bellach" },
      },
      urn: { label: "URN yr Heddlu/CPS" },
      court: { label: "Llys" },
      prosecutor: { label: "Awdurdod erlyn" },
      prosecutionWitnesses: {
        label: "Tystion y bydd yr erlyniad yn eu galw",
        add: "Ychwanegu tyst",
        name: { label: "Enw llawn" },
        witnessType: {
          label: "Math o dyst",
          options: { police: "Swyddog heddlu", civilian: "Sifiliad", expert: "Arbenigwr", other: "Arall" },
        },
        attendanceRequired: { label: "Angen bod yn bresennol yn y treial" },
        specialMeasures: { label: "Angen mesurau arbennig neu gymorth arall" },
        interpreterLanguage: {
          label: "Iaith a thafodiaith y cyfieithydd",
          hint: "Gadewch yn wag os nad oes angen cyfieithydd",
        },
      },
      mediaEvidence: { label: "A fydd yr erlyniad yn dibynnu ar CCTV neu gyfryngau eraill wedi'u recordio?" },
      expertEvidence: { label: "A fydd yr erlyniad yn dibynnu ar dystiolaeth arbenigol?" },
      badCharacterApplication: { label: "A yw'r erlyniad yn bwriadu cyflwyno tystiolaeth o gymeriad drwg?" },
      hearsayApplication: { label: "A yw'r erlyniad yn bwriadu cyflwyno tystiolaeth ail-law?" },
      prosecutionTimeEstimate: {
        label: "Amcangyfrif o'r amser ar gyfer achos yr erlyniad",
        hint: "Mewn oriau, gan gynnwys yr amser sydd ei angen ar gyfer pob tyst",
      },
      initialDisclosureServedOn: {
        label: "Dyddiad cyflwyno'r datgelu cychwynnol o ddeunydd nas defnyddiwyd",
        hint: "Gadewch yn wag os nad yw'r datgelu cychwynnol wedi'i gyflwyno eto",
      },
      furtherEvidence: {
        label: "Tystiolaeth bellach y bydd yr erlyniad yn ei chyflwyno",
        add: "Ychwanegu tystiolaeth bellach",
        evidence: { label: "Tystiolaeth" },
        serveBy: { label: "I'w chyflwyno erbyn" },
      },
    },

    defence: {
      title: "Amddiffyniad",
      sections: {
        defendantDetails: { title: "Diffynnydd" },
        issues: {
          title: "Ple a'r materion dan sylw",
          description:
            "Gwybodaeth rheoli achos yw hon, nid tystiolaeth. Dim ond os caiff ei derbyn yn ffurfiol (adran 10 o Ddeddf Cyfiawnder Troseddol 1967) neu os caiff ei derbyn fel tystiolaeth ail-law y gellir ei defnyddio fel tystiolaeth.",
        },
        witnesses: { title: "Tystion" },
        evidence: { title: "Tystiolaeth a cheisiadau" },
        trial: { title: "Treial" },
      },
      defendantName: { label: "Diffynnydd" },
      dateOfBirth: { label: "Dyddiad geni" },
      offences: { label: "Trosedd(au)" },
      custodyStatus: {
        label: "Ar fechnïaeth neu yn y ddalfa",
        options: { custody: "Yn y ddalfa", bail: "Ar fechnïaeth", "at-large": "Yn rhydd" },
      },
      interpreterLanguage: {
        label: "Iaith a thafodiaith y cyfieithydd ar gyfer y diffynnydd",
        hint: "Gadewch yn wag os nad oes angen cyfieithydd",
      },
      realIssues: {
        label: "Y gwir faterion dan sylw yn yr achos",
        hint: "Beth sy'n destun anghydfod a beth nad yw'n destun anghydfod",
      },
      identityDisputed: { label: "A yw hunaniaeth yn destun anghydfod?" },
      agreedFacts: {
        label: "Ffeithiau y bydd yr amddiffyniad yn cytuno arnynt",
        hint: "Fel na fydd angen i'r tystion sy'n eu profi fod yn bresennol",
      },
      defendantWillGiveEvidence: { label: "A fydd y diffynnydd yn rhoi tystiolaeth?" },
      defenceWitnesses: {
        label: "Tystion yr amddiffyniad",
        add: "Ychwanegu tyst",
        name: { label: "Enw llawn" },
        interpreterLanguage: {
          label: "Iaith a thafodiaith y cyfieithydd",
          hint: "Gadewch yn wag os nad oes angen cyfieithydd",
        },
        specialMeasures: { label: "Angen mesurau arbennig neu gymorth arall" },
      },
      prosecutionWitnessesRequired: {
        label: "Tystion yr erlyniad y mae'r amddiffyniad yn gofyn iddynt fod yn bresennol",
        add: "Ychwanegu tyst",
        witnessName: { label: "Tyst" },
        reason: {
          label: "Pam mae angen y tyst",
          hint: "Pa ran o dystiolaeth y tyst sy'n destun anghydfod",
        },
      },
      badCharacterResponse: { label: "Ymateb i dystiolaeth cymeriad drwg yr erlyniad" },
      hearsayResponse: { label: "Ymateb i dystiolaeth ail-law yr erlyniad" },
      defendantSpecialMeasures: {
        label: "A oes angen mesurau arbennig neu gymorth arall ar y diffynnydd i roi tystiolaeth?",
      },
      defenceExpertEvidence: { label: "A fydd yr amddiffyniad yn dibynnu ar dystiolaeth arbenigol?" },
      trialAdvocate: { label: "Eiriolwr yr amddiffyniad ar gyfer y treial" },
      defenceTimeEstimate: {
        label: "Amcangyfrif o'r amser ar gyfer achos yr amddiffyniad",
        hint: "Mewn oriau, gan gynnwys tystiolaeth y diffynnydd",
      },
    },

    court: {
      title: "Llys",
      sections: {
        trialArrangements: { title: "Trefniadau'r treial" },
        directions: { title: "Cyfarwyddiadau" },
      },
      trialDate: { label: "Dyddiad y treial" },
      trialCourt: { label: "Llys ac ystafell llys y treial" },
      trialTimeEstimate: { label: "Cyfanswm yr amcangyfrif o'r amser ar gyfer y treial" },
      interpreterRequired: { label: "A oes angen cyfieithydd yn y treial?" },
      interpreterLanguage: { label: "Iaith a thafodiaith y cyfieithydd" },
      caseProgressionOfficer: { label: "Swyddog dilyniant achosion y llys" },
      directionsGiven: {
        label: "Cyfarwyddiadau a roddwyd yn y gwrandawiad",
        hint: "Ar gyfer pob cyfarwyddyd, nodwch pa barti sy'n gorfod cydymffurfio ac erbyn pryd",
      },
      furtherHearingDate: { label: "Dyddiad y gwrandawiad pellach" },
      furtherHearingType: {
        label: "Math o wrandawiad pellach",
        options: {
          "case-management": "Gwrandawiad rheoli achos",
          "pre-trial-review": "Adolygiad cyn treial",
          "ground-rules": "Gwrandawiad rheolau sylfaenol",
          other: "Arall",
        },
      },
    },
  },

  ptph: {
    title: "Gwrandawiad Ple a Pharatoi ar gyfer Treial",

    /** Shared by the prosecution and defence parts. */
    allParties: {
      preHearingInformation:
        "Rhaid i'r partïon lenwi'r ffurflen gwybodaeth cyn y gwrandawiad ar gyfer pob achos a anfonwyd i Lys y Goron lle disgwylir treial, oni bai bod y CrimPR neu'r CrimPD yn eithrio'r achos yn benodol.",
      sections: { otherProceedings: { title: "Pob parti: Gwybodaeth am achosion eraill" } },
      relatedCriminalProceedings: { label: "Manylion unrhyw achosion TROSEDDOL cysylltiedig?" },
      relatedFamilyProceedings: { label: "Manylion unrhyw achosion TEULU cysylltiedig?" },
    },

    prosecution: {
      title: "Erlyniad",
      sections: {
        caseDetails: { title: "Ffurflen Gwrandawiad Ple a Pharatoi ar gyfer Treial" },
        contacts: { title: "Cysylltiadau'r erlyniad" },
        information: { title: "Gwybodaeth yr erlyniad ar gyfer y PTPH" },
      },
      urn: { label: "URN PTI" },
      court: { label: "Llys y Goron yn" },
      reviewingLawyer: { label: "Cyfreithiwr Adolygu" },
      caseProgressionOfficer: { label: "Swyddog Dilyniant Achosion (paragyfreithiwr fel arfer)" },
      cpsOffice: { label: "Swyddfa CPS" },
      officerInTheCase: { label: "Swyddog yr achos" },
      draftIndictment: { label: "Ditiad Drafft" },
      summaryOfCircumstances: {
        label:
          "Crynodeb o amgylchiadau'r drosedd/troseddau ac o unrhyw esboniad a roddwyd gan y diffynnydd/diffynyddion yn y cyfweliad (gall hyn fod ar Ffurflen MG5)",
      },
      keyStatements: {
        label:
          "Datganiadau y mae'r erlyniad wedi'u nodi fel rhai pwysig at ddiben y ple a rheoli cychwynnol yr achos",
      },
      keyExhibits: {
        label:
          "Arddangosion y mae'r erlyniad wedi'u nodi fel rhai pwysig at ddiben y ple a rheoli cychwynnol yr achos",
      },
      cctv: { label: "CCTV perthnasol y byddai'r erlyniad yn dibynnu arno yn y treial" },
      streamlinedForensicReports: {
        label:
          "Adroddiad(au) Fforensig Symlach neu arwydd o'r dystiolaeth wyddonol y mae'r erlyniad yn debygol o'i chyflwyno",
      },
      medicalEvidence: { label: "Arwydd o'r dystiolaeth feddygol y mae'r erlyniad yn debygol o'i chyflwyno" },
      otherExpertEvidence: {
        label: "Arwydd o dystiolaeth arbenigol arall y mae'r erlyniad yn debygol o'i chyflwyno",
      },
      badCharacter: { label: "Arwydd o'r dystiolaeth cymeriad drwg y dibynnir arni" },
      hearsay: { label: "Arwydd o unrhyw dystiolaeth ail-law y dibynnir arni" },
      specialMeasures: { label: "Arwydd o'r mesurau arbennig y gofynnir amdanynt" },
      criminalRecord: { label: "Cofnod troseddol y diffynnydd, os oes un" },
      victimPersonalStatement: { label: "Datganiad Personol y Dioddefwr, os oes un" },
      disclosureManagementDocumentProvided: { label: "A ddarparwyd Dogfen Rheoli Datgelu?" },
      thirdPartyMaterial: {
        label: "A yw'r Erlyniad o'r farn bod unrhyw drydydd parti yn dal deunydd a allai fod yn ddatgeladwy?",
      },
      thirdPartyEnquiries: { label: "A fydd yr erlyniad yn gwneud ymholiadau i adolygu'r deunydd hwnnw?" },
    },

    defence: {
      title: "Amddiffyniad",
      sections: {
        defendantDetails: { title: "Diffynnydd" },
        contacts: { title: "Cysylltiadau'r amddiffyniad" },
        information: { title: "Gwybodaeth am y diffynnydd" },
      },
      defendantName: { label: "Diffynnydd" },
      dateOfBirth: { label: "Dyddiad geni" },
      principalCharges: { label: "Prif gyhuddiadau" },
      remandStatus: {
        label: "Statws remand",
        options: { custody: "Yn y ddalfa", bail: "Ar fechnïaeth", "at-large": "Yn rhydd" },
      },
      custodyTimeLimit: { label: "Terfyn amser yn y ddalfa" },
      dateOfSending: { label: "Dyddiad anfon" },
      defenceSolicitors: { label: "Cyfreithwyr yr Amddiffyniad (neu ddiffynnydd heb gynrychiolaeth)" },
      defendantAddress: { label: "Manylion cyfeiriad y diffynnydd" },
      defendantContactDetails: { label: "Manylion cyswllt y diffynnydd" },
      caseProgressionOfficer: { label: "Swyddog dilyniant achosion" },
      advocateAtPtph: { label: "Eiriolwr yn y PTPH" },
      advocateForTrial: { label: "Eiriolwr ar gyfer y treial" },
      funding: {
        label: "Cyllid",
        options: {
          "legal-aid-granted": "Cymorth cyfreithiol wedi'i ganiatáu",
          "legal-aid-applied-for": "Wedi gwneud cais am gymorth cyfreithiol",
          "privately-funded": "Wedi'i ariannu'n breifat",
        },
      },
      timeEstimateDays: {
        label: "Amcangyfrif yr amddiffyniad o'r amser ar gyfer y treial",
        hint: "Dylech gynnwys yr amser y bydd y rheithgor yn ymneilltuo, a rhoi'r amcangyfrif mewn diwrnodau neu rannau o ddiwrnod",
      },
      realIssues: {
        label: "Gwir faterion dan sylw",
        hint: "Yr amddiffyniad i grynhoi'r gwir faterion dan sylw yn yr achos, i'r graddau y maent yn hysbys",
      },
      under18AtSending: { label: "A oedd y diffynnydd o dan 18 oed pan anfonwyd yr achos?" },
      vulnerable: {
        label: "A yw'r diffynnydd yn agored i niwed am reswm heblaw ei oedran ifanc, neu yn ychwanegol ato?",
      },
      modernSlavery: { label: "A honnir bod y diffynnydd yn ddioddefwr caethwasiaeth fodern?" },
      streamlinedForensicReports: {
        label: "Adroddiadau Fforensig Symlach",
        hint: "A yw casgliadau unrhyw Adroddiad Fforensig Symlach (SFR1) a gyflwynwyd yn cael eu derbyn fel ffaith? Os nad ydynt, nodwch y materion sy'n destun anghydfod ynghylch y casgliad hwnnw. Nodwch yn glir beth sy'n cael ei dderbyn a beth nad yw'n cael ei dderbyn",
      },
      disclosureManagementDocumentServed: {
        label: "A gyflwynwyd Dogfen Rheoli Datgelu?",
        hint: "Gellir uwchlwytho unrhyw ymatebion sy'n codi pryderon am groes-ddatgelu ar wahân i adran Datganiad yr Amddiffyniad, i'w hadolygu yn y PTPH",
      },
      thirdPartyDisclosure: {
        label: "Trydydd parti",
        hint: "A oes angen mynd ar drywydd unrhyw feysydd o ddatgelu gan drydydd parti?",
      },
      preliminaryIssues: {
        label: "Materion Rhagarweiniol",
        hint: "A oes materion rhagarweiniol megis camddefnyddio'r broses neu addasrwydd i gymryd rhan ym mhroses y treial?",
      },
      dismissal: {
        label: "Diystyru",
        hint: "A ragwelir cais i ddiystyru'r cyhuddiadau ar ôl i'r amser ar gyfer cyflwyno ddod i ben?",
      },
      severance: { label: "Gwahanu", hint: "A ragwelir cais i wahanu? (CrimPR 3.21)" },
      arraignment: {
        label: "Areiniad",
        hint: "A ellir areinio'r diffynnydd yn y PTPH?",
        details: "Y rheswm pam na ellir areinio'r diffynnydd",
      },
      alternativePlea: {
        label: "Ple Amgen",
        hint: "A yw'r diffynnydd yn fodlon cynnig ple i drosedd arall a/neu ble ar sail gyfyngedig?",
      },
    },

    court: {
      title: "Gorchmynion Barnwrol y Gwrandawiad Ple a Pharatoi ar gyfer Treial",
      sections: {
        caseProgression: { title: "Dilyniant achosion y llys" },
        witnessRequirements: { title: "Gofynion o ran tystion a chyfryngwyr sy'n hysbys yn y PTPH" },
        arraignment: { title: "Areiniad" },
        trial: { title: "Treial" },
        stage1: { title: "Cam 1" },
        thirdPartyDisclosure: { title: "Datgelu gan drydydd parti" },
        stage2: { title: "Cam 2" },
        stage3: { title: "Cam 3" },
        stage4: { title: "Cam 4" },
        furtherHearings: { title: "Gwrandawiadau pellach" },
        standardOrders: { title: "Gorchmynion safonol ar gyfer tystion a diffynyddion" },
        finalWarnings: { title: "Rhybuddion barnwrol terfynol" },
      },
      courtCaseProgressionOfficer: { label: "Swyddog dilyniant achosion y llys" },
      prosecutionWitnesses: {
        label: "Tystion yr erlyniad y dibynnir arnynt",
        add: "Ychwanegu tyst",
        witnessName: { label: "Tyst" },
        liveEvidenceRequired: { label: "Angen rhoi tystiolaeth fyw" },
        specialMeasures: { label: "Mesurau arbennig neu orchmynion a gymeradwywyd" },
      },
      intermediaryRequired: { label: "A oes angen cyfryngwr?", hint: "Ar gyfer tyst neu ar gyfer y diffynnydd" },
      judicialChecks: { label: "Gwiriadau a sylwadau barnwrol" },
      arraignmentDate: { label: "Dyddiad yr areiniad" },
      pleas: {
        label: "Y ple a gofnodwyd ar gyfer pob cyfrif yn y PTPH",
        add: "Ychwanegu ple",
        defendant: { label: "Diffynnydd" },
        count: { label: "Cyfrif" },
        plea: { label: "Ple", options: { "not-guilty": "Dieuog", guilty: "Euog" } },
      },
      notArraignedReason: { label: "Y rheswm os na chafodd ei areinio" },
      trialDate: { label: "Dyddiad y treial" },
      listing: { label: "Rhestru", options: { fixed: "Dyddiad sefydlog", warned: "Rhestr rybuddio" } },
      timeEstimateDays: { label: "Amcangyfrif o'r amser", hint: "Mewn diwrnodau neu rannau o ddiwrnod" },
      timeEstimateDetails: { label: "Ychwanegwch fanylion pellach am yr amcangyfrif os oes angen" },
      custodyTimeLimitExpiry: {
        label: "Dyddiad dod i ben y terfyn amser yn y ddalfa",
        hint: "Y dyddiad dod i ben cynharaf os oes mwy nag un diffynnydd yn y ddalfa",
      },
      trialReadinessBy: {
        label: "Ardystio statws parodrwydd ar gyfer treial, i'w gwblhau gan bob parti",
        hint: "Os na nodir dyddiad, 28 diwrnod cyn dyddiad y treial",
      },
      facilitiesRequired: { label: "Cyfleusterau sydd eu hangen" },
      stage1Date: {
        label: "Oni bai bod dyddiadau unigol wedi'u rhoi, rhaid i'r erlyniad gyflwyno'r canlynol erbyn:",
        hint: "Fel arfer, 50 diwrnod (achosion yn y ddalfa) neu 70 diwrnod (achosion ar fechnïaeth) ar ôl anfon.",
      },
      stage1Orders: {
        label: "Eitemau i'w cyflwyno",
        options: {
          "prosecution-case":
            "Cyflwyno achos yr erlyniad, gan gynnwys sicrhau bod y trawsgrifiadau a'r recordiadau ABE y dibynnir arnynt ar gael",
          "initial-disclosure": "Datgelu cychwynnol",
          dmd: "Dogfen Rheoli Datgelu wedi'i diweddaru neu gychwynnol - i ymdrin â'r materion a godwyd gan yr amddiffyniad ar ffurflen y PTPH",
          multimedia:
            "Tystiolaeth amlgyfrwng (gan gynnwys CCTV a BWV) y dibynnir arni fel rhan o achos yr erlyniad",
          roti: "Cofnod ysgrifenedig o gyfweliad y diffynnydd a recordiwyd ar dâp (ROTI).",
          "emergency-calls":
            "Trawsgrifiad(au) a recordiad(au) o alwadau 999 os dibynnir arnynt fel rhan o achos yr erlyniad",
          "communications-records":
            "Cofnodion ffôn, safleoedd cell neu gyfryngau cymdeithasol eraill os dibynnir arnynt fel rhan o achos yr erlyniad.",
          "communications-analysis": "Dadansoddiad o ffôn, safleoedd cell, cyfryngau cymdeithasol a/neu linell amser",
          "forensic-statements": "Datganiadau fforensig (SFR 2 neu MG11) y gellir eu cyflwyno erbyn Cam 1.",
          "bad-character": "Hysbysiad(au) cymeriad drwg gyda'r dystiolaeth ategol y dibynnir arni",
          hearsay: "Cais/ceisiadau tystiolaeth ail-law",
          "special-measures": "Cais/ceisiadau am fesurau arbennig",
        },
      },
      thirdPartyDisclosureDate: {
        label: "Oni bai bod dyddiadau unigol wedi'u rhoi, rhaid i'r erlyniad gydymffurfio â'r gorchmynion isod erbyn:",
      },
      thirdPartyMaterialAreas: { label: "Mae'r meysydd canlynol o ddeunydd trydydd parti wedi'u nodi" },
      thirdPartyOrders: {
        label: "Gorchmynion a wnaed",
        options: {
          requests:
            "Rhaid i'r erlyniad naill ai wneud ceisiadau i'r trydydd parti ac, os oes angen, wneud cais am wysion datgelu gan drydydd parti, NEU hysbysu'r amddiffyniad yn ysgrifenedig na fydd unrhyw geisiadau'n cael eu gwneud am ddatgelu gan drydydd parti",
          report:
            "Os yw'r erlyniad am fynd ar drywydd datgelu gan drydydd parti, rhaid i'r erlyniad gyflwyno adroddiad ysgrifenedig ar ganlyniad yr ymdrechion i nodi deunydd a allai fod yn ddatgeladwy sydd gan drydydd partïon, ac ar unrhyw ymholiadau parhaus nad ydynt wedi'u cwblhau eto. Gellir cynnwys hyn mewn Dogfen Rheoli Datgelu",
          serve: "Rhaid cyflwyno unrhyw ddeunydd trydydd parti sy'n ddatgeladwy i'r amddiffyniad",
          "family-court": "Yr erlyniad i wneud unrhyw gais sy'n ofynnol i'r Llys Teulu",
        },
      },
      stage2Date: {
        label: "Oni bai bod dyddiadau unigol wedi'u rhoi, gorchmynnir bod yr amddiffyniad yn cyflwyno'r canlynol erbyn:",
      },
      stage2Orders: {
        label: "Eitemau i'w cyflwyno",
        options: {
          "defence-statement":
            "Datganiad yr Amddiffyniad, i gynnwys manylion unrhyw alibi; a cheisiadau am ddatgelu, yn disgrifio'r deunydd ac yn esbonio, drwy gyfeirio at y materion dan sylw yn yr achos, pam ei fod yn ddatgeladwy",
          "dmd-response":
            "Ymateb i Ddogfen Rheoli Datgelu'r erlyniad, os cafodd ei chyflwyno, yn nodi, drwy gyfeirio at y materion dan sylw yn yr achos, unrhyw anghydfod ynghylch trywyddau ymholi rhesymol neu lefelau echdynnu data",
          "witness-table":
            "Darparu manylion tystion yr erlyniad y mae angen iddynt roi tystiolaeth fyw, tystion yr amddiffyniad a'r gofynion o ran cyfieithwyr drwy ddefnyddio Tabl Tystion Safonol CP, neu, yn achos diffynyddion heb gynrychiolaeth, drwy ddarparu Tabl Tystion Safonol ar bapur",
          "sfr1-response":
            "Ymateb i'r Crynodeb o Gasgliadau'r Arbenigwr (SFR1), yn nodi pa rai, os o gwbl, o gasgliadau'r arbenigwr sy'n cael eu derbyn fel ffaith, a lle na chaiff casgliad ei dderbyn, yn nodi'r materion sy'n destun anghydfod ynghylch y casgliad hwnnw",
          "bad-character-response": "Ymateb i hysbysiad(au) cymeriad drwg yr erlyniad",
          "hearsay-response": "Ymateb i gais/ceisiadau tystiolaeth ail-law yr erlyniad",
          "special-measures-response": "Ymateb i gais/ceisiadau'r erlyniad am fesurau arbennig",
          "defence-special-measures":
            "Cais am fesurau arbennig ar gyfer y diffynnydd neu dystion yr amddiffyniad. Rhaid cyflwyno unrhyw ateb gan yr erlyniad neu barti arall cyn pen 14 diwrnod",
          "defence-expert": "Tystiolaeth arbenigol yr amddiffyniad y dibynnir arni",
        },
      },
      stage3Date: {
        label: "Oni bai bod dyddiadau unigol wedi'u rhoi, gorchmynnir bod yr erlyniad yn cyflwyno'r canlynol erbyn:",
        hint: "Fel arfer, 14 neu 28 diwrnod ar ôl Cam 2",
      },
      stage3Orders: {
        label: "Eitemau i'w cyflwyno",
        options: {
          "further-disclosure":
            "Datgelu pellach o eitemau y mae'n ofynnol eu datgelu o dan y CPIA o ganlyniad i Ddatganiad yr Amddiffyniad, neu y gofynnwyd amdanynt ynddo. (Os caiff Datganiad yr Amddiffyniad ei gyflwyno'n hwyr, mae gan yr erlyniad gyfnod cyfatebol i'r cyfnod rhwng Camau 2 a 3, o'r dyddiad y cyflwynwyd Datganiad yr Amddiffyniad, i gyflwyno datgelu pellach)",
          "further-dmd":
            "Dogfen Rheoli Datgelu bellach wedi'i diweddaru. (Os caiff ymateb yr Amddiffyniad i'r DMD ei gyflwyno'n hwyr, mae gan yr erlyniad gyfnod cyfatebol i'r cyfnod rhwng Camau 2 a 3, o'r dyddiad y cyflwynwyd yr Ymateb i'r DMD, i gyflwyno datgelu pellach)",
          "further-evidence": "Tystiolaeth bellach y dibynnir arni na ellid ei chyflwyno erbyn Cam 1",
          "forensic-statements":
            "Datganiadau gwyddoniaeth fforensig (SFR2 neu MG11) sy'n ofynnol o ganlyniad i ymateb yr Amddiffyniad i grynodeb o gasgliadau (SFR1)",
          "medical-evidence": "Tystiolaeth feddygol arbenigol",
          "psychiatric-evidence": "Tystiolaeth seiciatrig",
          "other-expert-evidence": "Tystiolaeth arbenigol arall (nodwch)",
          "live-link":
            "Cais/ceisiadau am gyswllt byw neu gyswllt o bell - Os yw'r cyswllt o bell o dramor, rhaid i'r cais nodi unrhyw gamau sy'n ofynnol neu a gymerwyd i gydymffurfio â rhwymedigaethau cydweithredu cydfuddiannol",
          "intermediary-reports":
            "Adroddiad(au) cyfryngwr gyda Rheolau Sylfaenol penodol drafft, os gwneir cais amdanynt",
          "abe-editing": "Rhestr o gynigion i olygu recordiad y cyfweliad ABE",
        },
      },
      stage4Date: {
        label: "Oni bai bod dyddiadau unigol wedi'u rhoi, gorchmynnir bod yr amddiffyniad yn cyflwyno'r canlynol erbyn:",
        hint: "Fel arfer, 14 neu 28 diwrnod ar ôl Cam 3",
      },
      stage4Orders: {
        label: "Eitemau i'w cyflwyno",
        options: {
          "non-disclosure-complaint":
            "Cwyn am fethiant yr erlyniad i ddatgelu, i gydymffurfio ag s.8 CPIA a CrimPR 15.5",
          "witness-summons":
            "Cais/ceisiadau am wŷs tyst ar gyfer datgelu gan drydydd parti os yw'r erlyniad yn nodi yn y PTPH na fydd yn mynd ar drywydd unrhyw faterion TPD, NEU os yw unrhyw ddiffynnydd yn anfodlon â chanlyniad ymholiadau'r erlyniad",
          "abe-editing":
            "Rhestr o gynigion i olygu recordiad y cyfweliad ABE (os oes rhai) ac ymateb i gynigion yr erlyniad (os cawsant eu cyflwyno)",
          "non-defendant-bad-character":
            "Cais S.100 neu 101 ynghylch cymeriad drwg rhywun nad yw'n ddiffynnydd. Rhaid cyflwyno unrhyw ateb gan yr erlyniad neu barti arall cyn pen 14 diwrnod",
          "sexual-behaviour":
            "Cais S.41 ynghylch tystiolaeth o ymddygiad rhywiol. Rhaid cyflwyno unrhyw ateb gan yr erlyniad neu barti arall cyn pen 14 diwrnod",
          "intermediary-response": "Ymateb i adroddiad(au) cyfryngwr yr erlyniad",
          "defence-intermediary":
            "Adroddiad cyfryngwr ar gyfer y diffynnydd neu dystion yr amddiffyniad, gyda rheolau sylfaenol drafft. Rhaid cyflwyno unrhyw ateb gan yr erlyniad neu barti arall cyn pen 14 diwrnod",
          "live-link":
            "Cais/ceisiadau am gyswllt byw neu gyswllt o bell - Os yw'r cyswllt o bell o dramor, rhaid i'r cais nodi unrhyw gamau sy'n ofynnol neu a gymerwyd i gydymffurfio â rhwymedigaethau cydweithredu cydfuddiannol",
          "late-expert-evidence":
            "Tystiolaeth arbenigol yr amddiffyniad y dibynnir arni na ellid ei chyflwyno erbyn Cam 2",
        },
      },
      furtherHearings: {
        label: "Gwrandawiadau pellach",
        add: "Ychwanegu gwrandawiad",
        hearingDate: { label: "Dyddiad y gwrandawiad" },
        hearingType: {
          label: "Math o wrandawiad",
          options: {
            "fcmh-abuse-dismissal-severance":
              "FCMH cyn areiniad - camddefnyddio'r broses; diystyru; gwahanu; arall",
            "fcmh-fitness": "FCMH cyn areiniad - addasrwydd i gymryd rhan ym mhroses y treial",
            "s28-vulnerable":
              "Croesholi wedi'i recordio cyn y treial (s.28) - tystion agored i niwed - s.16 YJCEA",
            "s28-intimidated":
              "Croesholi wedi'i recordio cyn y treial (s.28) - tystion sy'n cael eu bygwth - s.17 YJCEA",
            "fcmh-general": "FCMH - cyffredinol",
            "pre-trial-review": "Adolygiad cyn treial - cyffredinol",
            "ground-rules":
              "Rheolau sylfaenol a lles a/neu ymddygiad rhywiol S.41 ac adolygiad cyn treial - (nid s.28)",
          },
        },
        timeEstimate: { label: "Amcangyfrif o'r amser" },
        attendance: { label: "Presenoldeb" },
        issues: { label: "Materion penodol i'w hystyried" },
      },
      standardOrders: {
        label: "Gorchmynion safonol a wnaed",
        options: {
          "video-link":
            "1. Pan fo diffynnydd yn ymddangos yn y PTPH drwy gyswllt fideo o'r ddalfa heb wrthwynebiad yn y gwrandawiad, mae'r llys yn rhoi cyfarwyddyd cyswllt byw o dan s.57B Deddf Trosedd ac Anhrefn 1998.",
          "witness-list":
            "2. Mae'r gofynion o ran tystion fel y'u cadarnhawyd gan y llys ar y Rhestr Tystion, a bydd unrhyw fesurau arbennig neu orchmynion a gymeradwywyd yn gymwys.",
          "witness-table-default":
            "3. Os na fydd diffynnydd yn cyflwyno unrhyw wybodaeth ar gyfer y Tabl Tystion Safonol, bydd datganiadau ysgrifenedig tystion a gyflwynwyd (sy'n cydymffurfio ag s.9 CJA 1967 a chyda'r hysbysiad sy'n ofynnol gan CrimPR 16) nad ydynt wedi'u rhestru fel rhai sy'n ofynnol yn y Tabl Tystion yn y PTPH yn dderbyniadwy fel tystiolaeth i'r un graddau â thystiolaeth lafar i'r un perwyl gan y tyst hwnnw.",
          "abe-evidence-in-chief":
            "4. Pan fo tyst wedi rhoi cyfweliad ABE, bydd y cyfweliad ABE, fel y'i golygwyd drwy gytundeb neu drwy orchymyn y llys, yn sefyll fel tystiolaeth flaenaf y tyst hwnnw oni orchmynnir fel arall.",
          "abe-viewing":
            "5. Rhaid i dyst y dibynnir ar ei gyfweliad ABE wylio'r cyfweliad hwnnw yn yr wythnos cyn y treial ym mhresenoldeb swyddog yr achos (neu swyddog cyfatebol) neu swyddog heddlu addas arall (neu ymchwilydd cyfatebol), a fydd yn cofnodi unrhyw sylw perthnasol a wneir gan y tyst ac yn trosglwyddo'r cofnod hwnnw i'r erlynydd.",
          "screens-or-live-link":
            "6. Rhaid nodi unrhyw ffafriaeth rhwng sgriniau neu gyswllt byw ar ôl ymweliad â'r llys, a rhaid cynnwys rhesymau'r tyst dros y ffafriaeth honno.",
          "abe-attendance":
            "7. Rhaid amserlennu presenoldeb unrhyw dyst o'r fath yn y treial ar gyfer yr amser y disgwylir i'r tyst ddechrau cael ei holi.",
          "questioning-principles":
            "8. Mae tystion neu ddiffynyddion ifanc neu agored i niwed y mae Pecyn Cymorth yr Advocates Gateway neu 20 Egwyddor Holi yr ICCA yn berthnasol iddynt i'w holi a'u croesholi yn unol â'r egwyddorion hynny, oni bai bod rheolau sylfaenol penodol yn cymryd eu lle.",
          "remote-link-particulars":
            "9. Rhaid darparu manylion y cyswllt ddim llai na thair wythnos cyn y treial - CrimPD 18.23-4.",
          "witnesses-abroad":
            "10. Rhaid i unrhyw barti sy'n bwriadu dibynnu ar dyst sy'n rhoi tystiolaeth o fan y tu allan i'r awdurdodaeth sicrhau y cydymffurfir â rhwymedigaethau cymorth cydfuddiannol cyn y treial.",
          "expert-agreement":
            "11. Rhaid i dystion arbenigol o ddisgyblaethau cyfatebol gysylltu â'i gilydd a chyflwyno i'r partïon ac i'r Llys ddatganiad o'r pwyntiau y maent yn cytuno ac yn anghytuno arnynt, gyda rhesymau, ddim llai na 14 diwrnod cyn y treial NEU erbyn unrhyw ddyddiad a nodir yma.",
        },
      },
      expertStatementBy: {
        label: "Dyddiad ar gyfer datganiad yr arbenigwyr o'r pwyntiau y maent yn cytuno ac yn anghytuno arnynt (gorchymyn safonol 11)",
        hint: "Os na nodir dyddiad, ddim llai na 14 diwrnod cyn y treial",
      },
      furtherOrders: { label: "Gorchmynion pellach" },
      judicialWarningsGiven: {
        label: "Rhybuddion barnwrol wedi'u rhoi",
        details: "Y rheswm os na roddwyd rhybuddion barnwrol",
      },
    },
  },
} satisfies WelshTranslation<typeof formsEn>;
