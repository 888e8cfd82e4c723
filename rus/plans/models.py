"""The domain model: an action plan per strength area, and the shared actor registry.

Every field carries a Swedish title and a bilingual description, which land in the JSON Schema so
that an editor shows Swedish help while a facilitator types. Keys are English ASCII slugs.

The annotations are evaluated where they are written (no ``from __future__ import annotations``):
pydantic would otherwise evaluate each field's annotation from its text when the class is made,
about 50 ms of CPU time on every start that loads the model.
"""

import re
from datetime import date
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
)
from pydantic_core import PydanticCustomError, PydanticUndefined

import rus.plans.regionfile  # noqa: F401 - installs how the region is found when none is set (vocab.active_region)
from rus.base.vocab import (
    ActorRole,
    Area,
    ConflictState,
    ConsultationForm,
    ConsultationOutcome,
    Criterion,
    EvaluationKind,
    Frequency,
    FundingSource,
    FundingState,
    Helix,
    IndicatorKind,
    Instrument,
    LadderStep,
    Municipality,
    NationalArea,
    Phase,
    PlanState,
    Priority,
    Rating,
    SamiInterest,
    SamiRelevance,
    Status,
)
from rus.plans.revision import PERIOD_PATTERN, REVISION_PATTERN

ACTIVITY_ID = r"^[A-Z]{3}-[0-9]{3,5}$"
GOAL_ID = r"^[A-Z]{3}-M[0-9]{1,3}$"
INDICATOR_ID = r"^[A-Z]{3}-I[0-9]{1,3}$"
SUB_AREA_ID = r"^[A-Z]{3}-D[0-9]{1,3}$"
CONSULTATION_ID = r"^[A-Z]{3}-K[0-9]{1,3}$"
EVALUATION_ID = r"^[A-Z]{3}-U[0-9]{1,3}$"
ACTOR_ID = r"^[a-z0-9][a-z0-9-]{0,62}$"
REVISION = REVISION_PATTERN
PERIOD = PERIOD_PATTERN
REFERENCE = r"^[A-ZÅÄÖ]+/[0-9]+/[0-9]{4}$"
COUNTRY = r"^[A-Z]{2}$"
CONFLICT_ID = r"^MK-[0-9]{1,3}$"

_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _iso_date(value: Any) -> Any:
    """Accept only ISO dates (``2026-03-01``) so that ``2026-3-1`` or a bare number is an error."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        return value
    raise PydanticCustomError("iso_date", "Input should be a date written YYYY-MM-DD")


def _revision_year(value: str) -> str:
    year = int(value[:4])
    if not 2000 <= year <= 2100:
        raise PydanticCustomError("revision_year", "Revision year should be between 2000 and 2100")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
#: A revision of a plan, ``YYYY-N`` (the year's N-th revision; see :mod:`rus.plans.revision`).
Revision = Annotated[str, Field(pattern=REVISION), AfterValidator(_revision_year)]
#: An indicator period: a half-year, ``YYYY-1`` (spring) or ``YYYY-2`` (autumn).
HalfYear = Annotated[str, Field(pattern=PERIOD), AfterValidator(_revision_year)]


def field(
    sv: str,
    en: str,
    sv_desc: str = "",
    en_desc: str = "",
    default: Any = PydanticUndefined,
    **kwargs: Any,
) -> Any:
    """A model field with a Swedish title and a description in both languages."""
    description = (sv_desc or sv) + "\n\n" + f"{en}: {en_desc or en}"
    return Field(
        default,
        title=sv,
        description=description,
        json_schema_extra={"x-title-en": en, "x-description-sv": sv_desc or sv, "x-description-en": en_desc or en},
        **kwargs,
    )


#: The edition field every file starts with (:mod:`rus.plans.editions`): titles and descriptions.
EDITION_FIELD = (
    "Schemaversion",
    "Schema version",
    "Filens utgåva av formatet (utelämnad: utgåva 1). Ändra den inte för hand; `rus migrate` uppgraderar äldre utgåvor.",
    "The edition of the format the file is written in (left out: edition 1). Do not change it by hand; `rus migrate` upgrades older editions.",
)


class Model(BaseModel):
    """Base of every model: unknown keys are errors, so a misspelt key never passes silently.

    A model's validator is built when it is first used (``defer_build``), not when this module is
    imported: ``rus validate`` of a plan builds the plan's and the registry's, not those of every model.
    """

    model_config = ConfigDict(extra="forbid", validate_default=False, defer_build=True)


class Meeting(Model):
    """The mobilising meeting a revision of the plan came from."""

    SV: ClassVar[tuple[str, str]] = ("Mobiliserande möte", "Det mobiliserande möte som revisionen av planen kom från.")

    date: IsoDate = field("Datum", "Date", "Mötets datum (ÅÅÅÅ-MM-DD)", "Date of the meeting (YYYY-MM-DD)")
    place: str = field("Plats", "Place", min_length=1)
    participants: list[Annotated[str, Field(pattern=ACTOR_ID)]] = field(
        "Deltagare", "Participants", "Id för aktörer som deltog, ur aktörsregistret", "Ids of actors who took part, from the actor registry", default_factory=list
    )
    cycle: list[Phase] = field(
        "Steg i sexstegsprocessen", "Steps of the six-step process",
        "De steg i sexstegsprocessen som mötet arbetade med (analysis, governance, vision, prioritisation, policy-mix, evaluation)",
        "The steps of the six-step process the meeting worked on (analysis, governance, vision, prioritisation, policy-mix, evaluation)",
        default_factory=list,
    )
    notes: str | None = field("Anteckningar", "Notes", "Vad mötet kom fram till; skriv inte namn på enskilda personer", "What the meeting concluded; do not write names of private persons", default=None)


class Document(Model):
    """A governing document the plan refers to."""

    SV: ClassVar[tuple[str, str]] = ("Styrdokument", "Ett styrdokument som planen hänvisar till.")

    title: str = field("Titel", "Title", min_length=1)
    reference: str | None = field(
        "Diarienummer", "Reference number", "T.ex. RS/123/2024", "E.g. RS/123/2024", default=None, pattern=REFERENCE
    )
    adopted: IsoDate | None = field("Beslutad", "Adopted", "Beslutsdatum (ÅÅÅÅ-MM-DD)", "Date of adoption (YYYY-MM-DD)", default=None)
    reviewed: IsoDate | None = field(
        "Senaste översyn", "Last reviewed",
        "Datum då dokumentet senast sågs över (ÅÅÅÅ-MM-DD); enligt förordningen (2017:583) minst en gång per mandatperiod",
        "Date the document was last reviewed (YYYY-MM-DD); under Förordning (2017:583) at least once between general elections",
        default=None,
    )


class SubArea(Model):
    """A sub-area (delområde) of the strength area, with its needs and challenges."""

    SV: ClassVar[tuple[str, str]] = ("Delområde", "Ett delområde inom styrkeområdet, med behov och utmaningar.")

    id: str = field("Id", "Id", "Stabilt id, t.ex. ABC-D1", "Stable id, e.g. ABC-D1", pattern=SUB_AREA_ID)
    name: str = field("Namn", "Name", min_length=1)
    description: str | None = field("Beskrivning", "Description", default=None)
    needs: list[str] = field("Behov", "Needs", default_factory=list)
    challenges: list[str] = field("Utmaningar", "Challenges", default_factory=list)


class Goal(Model):
    """A goal (mål) of the plan, measured by indicators."""

    SV: ClassVar[tuple[str, str]] = ("Mål", "Ett mål i planen, som mäts med indikatorer.")

    id: str = field("Id", "Id", "Stabilt id, t.ex. ABC-M1", "Stable id, e.g. ABC-M1", pattern=GOAL_ID)
    title: str = field("Rubrik", "Title", min_length=1)
    description: str | None = field("Beskrivning", "Description", default=None)
    sub_areas: list[Annotated[str, Field(pattern=SUB_AREA_ID)]] = field(
        "Delområden", "Sub-areas", "Delområden som målet hör till", "Sub-areas the goal belongs to", default_factory=list
    )


class Measurement(Model):
    """A value of an indicator in a given year (baseline or target)."""

    SV: ClassVar[tuple[str, str]] = ("Mätvärde", "En indikators värde ett visst år (utgångsvärde eller målvärde).")

    value: StrictFloat = field("Värde", "Value", allow_inf_nan=False)
    year: StrictInt = field("År", "Year", ge=2000, le=2100)


class Actual(Model):
    """An indicator's measured value for one revision period, optionally for one municipality."""

    SV: ClassVar[tuple[str, str]] = ("Utfall", "En indikators uppmätta värde för en revisionsperiod, ev. för en kommun.")

    period: HalfYear = field("Period", "Period", "Halvår: ÅÅÅÅ-1 (januari–juni) eller ÅÅÅÅ-2 (juli–december), t.ex. 2026-2", "Half-year: YYYY-1 (January to June) or YYYY-2 (July to December), e.g. 2026-2")
    value: StrictFloat = field("Värde", "Value", allow_inf_nan=False)
    municipality: Municipality | None = field("Kommun", "Municipality", "Utfall för en kommun; utelämna för hela länet", "Value for one municipality; leave out for the whole county", default=None)
    note: str | None = field("Anteckning", "Note", default=None)


class Indicator(Model):
    """An indicator (indikator) that measures a goal."""

    SV: ClassVar[tuple[str, str]] = ("Indikator", "En indikator som mäter ett mål.")

    id: str = field("Id", "Id", "Stabilt id, t.ex. ABC-I1", "Stable id, e.g. ABC-I1", pattern=INDICATOR_ID)
    goal: str = field("Mål", "Goal", "Id för målet som indikatorn mäter", "Id of the goal the indicator measures", pattern=GOAL_ID)
    name: str = field("Namn", "Name", min_length=1)
    kind: IndicatorKind = field("Typ", "Kind", "output (outputindikator) eller result (resultatindikator)", "output or result")
    priority: Priority | None = field(
        "Långsiktig prioritering", "Long-term priority",
        "Den långsiktiga prioritering som en resultatindikator mäter", "The long-term priority a result indicator measures", default=None,
    )
    unit: str = field("Enhet", "Unit", "Mått, t.ex. antal företag eller MWh", "Measure, e.g. number of companies or MWh", min_length=1)
    definition: str | None = field(
        "Definition", "Definition", "Vad som räknas och vad som inte räknas, så att två personer får samma värde",
        "What is counted and what is not, so that two people arrive at the same value", default=None, min_length=1,
    )
    method: str | None = field(
        "Mätmetod", "Measurement method", "Hur värdet tas fram: uttag, enkät, beräkning", "How the value is obtained: extract, survey, calculation",
        default=None, min_length=1,
    )
    source: str | None = field("Källa", "Source", "Var värdet hämtas: register, statistik eller uppgiftslämnare", "Where the value comes from: register, statistics or who reports it", default=None, min_length=1)
    frequency: Frequency | None = field("Mätfrekvens", "Frequency", "Hur ofta indikatorn mäts", "How often the indicator is measured", default=None)
    higher_is_better: StrictBool = field("Högre är bättre", "Higher is better", default=True)
    baseline: Measurement = field("Utgångsvärde", "Baseline")
    target: Measurement = field("Målvärde", "Target")
    actuals: list[Actual] = field("Utfall", "Actuals", "Uppmätta värden per halvår, för länet eller en kommun", "Measured values per half-year, for the county or a municipality", default_factory=list)


class Period(Model):
    """When an activity runs."""

    SV: ClassVar[tuple[str, str]] = ("Period", "När insatsen pågår.")

    start: IsoDate = field("Start", "Start", "Startdatum (ÅÅÅÅ-MM-DD)", "Start date (YYYY-MM-DD)")
    end: IsoDate | None = field("Slut", "End", "Slutdatum (ÅÅÅÅ-MM-DD); utelämna om okänt", "End date (YYYY-MM-DD); leave out if unknown", default=None)


class Milestone(Model):
    """A milestone (milstolpe) of an activity."""

    SV: ClassVar[tuple[str, str]] = ("Milstolpe", "En milstolpe i en insats: något som ska vara klart ett visst datum.")

    date: IsoDate = field("Datum", "Date", "ÅÅÅÅ-MM-DD", "YYYY-MM-DD")
    title: str = field("Rubrik", "Title", min_length=1)
    done: StrictBool = field("Klar", "Done", default=False)


class Partner(Model):
    """An actor taking part in an activity, with its role."""

    SV: ClassVar[tuple[str, str]] = ("Part", "En aktör som deltar i en insats, med sin roll.")

    actor: str = field("Aktör", "Actor", "Id ur aktörsregistret", "Id from the actor registry", pattern=ACTOR_ID)
    role: ActorRole = field("Roll", "Role")


class Payment(Model):
    """Money paid out (utbetalt) on a granted funding line in one year."""

    SV: ClassVar[tuple[str, str]] = ("Utbetalning", "Pengar som betalats ut på en beviljad finansieringsrad under ett år.")

    year: StrictInt = field("År", "Year", "Året då pengarna betalades ut", "The year the money was paid out", ge=2000, le=2100)
    amount_sek: StrictInt = field("Belopp (kr)", "Amount (SEK)", "Utbetalt belopp i kronor, heltal", "Amount paid out in Swedish kronor, a whole number", ge=0, le=1_000_000_000_000)


class Funding(Model):
    """A funding line of an activity: one application or decision, and what has been paid out on it."""

    SV: ClassVar[tuple[str, str]] = ("Finansiering", "En finansieringsrad för en insats.")

    source: FundingSource = field("Källa", "Source", "Finansieringskälla", "Source of the money")
    instrument: Instrument = field("Instrument", "Instrument")
    amount_sek: StrictInt = field("Belopp (kr)", "Amount (SEK)", "Sökt eller beviljat belopp i kronor, heltal", "Amount applied for or granted in Swedish kronor, a whole number", ge=0, le=1_000_000_000_000)
    state: FundingState = field("Status", "State", "planned, applied, granted, rejected eller paid (utbetald i sin helhet)", "planned, applied, granted, rejected or paid (paid out in full)")
    year: StrictInt | None = field("År", "Year", "Året som raden gäller: året för ansökan eller beslutet", "The year the line concerns: the year of the application or decision", default=None, ge=2000, le=2100)
    payments: list[Payment] = field("Utbetalningar", "Payments", "Utbetalt per år på en beviljad rad", "Paid out per year on a granted line", default_factory=list)
    note: str | None = field("Anteckning", "Note", default=None)


class Sustainability(Model):
    """How an activity affects each of the three dimensions of sustainable development."""

    SV: ClassVar[tuple[str, str]] = ("Hållbarhet", "Hur insatsen påverkar hållbar utvecklings tre dimensioner.")

    social: Rating = field("Social", "Social")
    economic: Rating = field("Ekonomisk", "Economic")
    environmental: Rating = field("Miljömässig", "Environmental")


class Sami(Model):
    """How an activity affects Sámi conditions; consultations are recorded under the plan's ``consultations``."""

    SV: ClassVar[tuple[str, str]] = ("Samisk relevans", "Hur insatsen påverkar samiska förhållanden. Konsultationer redovisas under planens consultations.")

    relevance: SamiRelevance = field(
        "Relevans", "Relevance",
        "none, indirect eller direct; direct betyder att insatsen kan få särskild betydelse för samerna (lagen 2022:66)",
        "none, indirect or direct; direct means the activity may be of particular importance to the Sámi (Lag 2022:66)",
    )
    touches: list[SamiInterest] = field(
        "Berör", "Touches",
        "Vilka samiska intressen insatsen berör, var som helst i Sápmi (land-and-water, reindeer-husbandry, culture, language, livelihoods eller other)",
        "What of Sámi conditions the activity touches, anywhere in Sápmi (land-and-water, reindeer-husbandry, culture, language, livelihoods, other)",
        default_factory=list,
    )


class GoalConflict(Model):
    """A goal conflict (målkonflikt) an activity carries, and how it is handled."""

    SV: ClassVar[tuple[str, str]] = ("Målkonflikt", "En målkonflikt som insatsen bär, och hur den hanteras.")

    between: list[str] = field(
        "Mellan", "Between", "Dimensioner eller intressen som står mot varandra", "Dimensions or interests in conflict", min_length=2
    )
    description: str = field("Beskrivning", "Description", min_length=1)
    handling: str | None = field("Hantering", "Handling", "Hur konflikten hanteras", "How the conflict is handled", default=None)
    state: ConflictState = field("Status", "State")


class Activity(Model):
    """An activity (insats) of the plan, with a stable id that is never reused."""

    SV: ClassVar[tuple[str, str]] = ("Insats", "En insats i planen, med ett stabilt id som aldrig återanvänds.")

    id: str = field("Id", "Id", "Stabilt id som aldrig återanvänds, t.ex. ABC-012", "Stable id that is never reused, e.g. ABC-012", pattern=ACTIVITY_ID)
    title: str = field("Rubrik", "Title", min_length=1)
    description: str | None = field("Beskrivning", "Description", default=None)
    sub_area: str = field("Delområde", "Sub-area", pattern=SUB_AREA_ID)
    goals: list[Annotated[str, Field(pattern=GOAL_ID)]] = field("Mål", "Goals", "Mål som insatsen bidrar till", "Goals the activity serves", default_factory=list)
    lead: list[Annotated[str, Field(pattern=ACTOR_ID)]] = field("Ansvarig", "Lead", "Ansvariga aktörer (id)", "Lead actors (ids)", default_factory=list)
    partners: list[Partner] = field("Parter", "Partners", default_factory=list)
    municipalities: list[Municipality] = field("Kommuner", "Municipalities", "Kommuner som insatsen når", "Municipalities the activity reaches", default_factory=list)
    whole_county: StrictBool = field("Hela länet", "Whole county", "Insatsen når hela länet", "The activity reaches the whole county", default=False)
    period: Period = field("Period", "Period")
    milestones: list[Milestone] = field("Milstolpar", "Milestones", default_factory=list)
    status: Status = field("Status", "Status", "idea, planned, ongoing, paused, completed eller cancelled", "idea, planned, ongoing, paused, completed or cancelled")
    status_note: str | None = field("Statuskommentar", "Status note", "Varför statusen ändrades; krävs för avbrutna insatser", "Why the status changed; required for cancelled activities", default=None)
    progress: StrictInt = field("Framsteg (%)", "Progress (%)", default=0, ge=0, le=100)
    funding: list[Funding] = field("Finansiering", "Funding", default_factory=list)
    priorities: list[Priority] = field("Långsiktiga prioriteringar", "Long-term priorities", default_factory=list)
    national_areas: list[NationalArea] = field(
        "Nationella strategiska områden", "National strategic areas",
        "De strategiska områden i den nationella strategin för hållbar regional utveckling i hela landet 2021–2030 som insatsen bidrar till",
        "The strategic areas of the national strategy for sustainable regional development 2021–2030 the activity serves",
        default_factory=list,
    )
    phase: Phase | None = field(
        "Steg i sexstegsprocessen", "Six-step phase",
        "Det steg som insatsens eget arbete hör till, t.ex. analysis för en kartläggning eller evaluation för en upphandlad utvärdering; utelämna för vanliga insatser. Var planen står i processen anges på mötet (meeting.cycle)",
        "The step the activity's own work belongs to, e.g. analysis for a mapping study or evaluation for a commissioned evaluation; leave out for ordinary actions. Where the plan stands in the process is stated on the meeting (meeting.cycle)",
        default=None,
    )
    sustainability: Sustainability = field("Hållbarhet", "Sustainability")
    sami: Sami | None = field("Samisk relevans", "Sámi relevance", default=None)
    goal_conflicts: list[GoalConflict] = field("Målkonflikter", "Goal conflicts", default_factory=list)
    replaced_by: str | None = field("Ersatt av", "Replaced by", "Id för insatsen som ersätter denna", "Id of the activity that replaces this one", default=None, pattern=ACTIVITY_ID)


class Consultation(Model):
    """A consultation or dialogue with Sámi representatives about activities of the plan (Lag 2022:66)."""

    SV: ClassVar[tuple[str, str]] = (
        "Konsultation",
        "En konsultation eller ett samråd med samiska företrädare om insatser i planen. Anger organisationer, aldrig enskilda personer.",
    )

    id: str = field("Id", "Id", "Stabilt id, t.ex. ABC-K1", "Stable id, e.g. ABC-K1", pattern=CONSULTATION_ID)
    form: ConsultationForm = field(
        "Form", "Form", "statutory (konsultation enligt lagen 2022:66) eller dialogue (samråd)", "statutory (consultation under Lag 2022:66) or dialogue (samråd)"
    )
    activities: list[Annotated[str, Field(pattern=ACTIVITY_ID)]] = field(
        "Insatser", "Activities", "Id för insatserna som konsultationen gällde", "Ids of the activities the consultation concerned", default_factory=list
    )
    actors: list[Annotated[str, Field(pattern=ACTOR_ID)]] = field(
        "Samiska företrädare", "Consulted",
        "Id ur aktörsregistret för de samiska företrädare som konsulterades (Sametinget, samebyar, samiska organisationer); organisationer, inte personer",
        "Actor registry ids of the Sámi representatives consulted (Sametinget, samebyar, Sámi organisations); organisations, not persons",
        default_factory=list,
    )
    matter: str | None = field(
        "Ärende", "Matter", "Det ärende eller beslut som konsultationen gällde", "The matter or decision the consultation concerned", default=None, min_length=1
    )
    date: IsoDate | None = field("Datum", "Date", "När konsultationen inleddes eller hölls (ÅÅÅÅ-MM-DD)", "When the consultation started or was held (YYYY-MM-DD)", default=None)
    concluded: IsoDate | None = field("Avslutad", "Concluded", "När konsultationen avslutades (ÅÅÅÅ-MM-DD)", "When the consultation ended (YYYY-MM-DD)", default=None)
    outcome: ConsultationOutcome | None = field(
        "Utfall", "Outcome", "ongoing (pågående), agreement (enighet), no-agreement (ingen enighet) eller declined (avböjd)",
        "ongoing, agreement, no-agreement or declined", default=None,
    )
    reference: str | None = field(
        "Diarienummer", "Reference number", "Ärendets diarienummer, där konsultationen är dokumenterad, t.ex. RS/123/2024",
        "The case's reference number, where the consultation is documented, e.g. RS/123/2024", default=None, pattern=REFERENCE,
    )
    documented_in: str | None = field(
        "Dokumenterad i", "Documented in", "Var konsultationen är dokumenterad, t.ex. minnesanteckningar i ett ärende",
        "Where the consultation is documented, e.g. minutes in a case file", default=None, min_length=1,
    )
    notes: str | None = field(
        "Anteckningar", "Notes", "Vad som kom fram; skriv inte namn, e-postadresser eller andra personuppgifter",
        "What came up; do not write names, e-mail addresses or other personal data", default=None,
    )


class EvaluationChange(Model):
    """A change made to an activity because of an evaluation's findings."""

    SV: ClassVar[tuple[str, str]] = ("Ändring efter utvärdering", "En ändring av en insats som gjordes på grund av en utvärderings slutsatser.")

    activity: str = field("Insats", "Activity", "Id för insatsen som ändrades", "Id of the activity that was changed", pattern=ACTIVITY_ID)
    revision: Revision = field("Revision", "Revision", "Den revision av planen där ändringen gjordes, t.ex. 2026-2", "The revision of the plan that made the change, e.g. 2026-2")
    description: str = field("Beskrivning", "Description", "Vad som ändrades", "What was changed", min_length=1)


class Evaluation(Model):
    """An evaluation of activities or of the whole plan, its findings and what they changed."""

    SV: ClassVar[tuple[str, str]] = (
        "Utvärdering",
        "En utvärdering av insatser eller av hela planen, dess slutsatser och vad de ändrade. Anger organisationer, aldrig enskilda personer.",
    )

    id: str = field("Id", "Id", "Stabilt id, t.ex. ABC-U1", "Stable id, e.g. ABC-U1", pattern=EVALUATION_ID)
    kind: EvaluationKind = field("Typ", "Kind", "process (processutvärdering), effect (resultatutvärdering) eller impact (effektutvärdering på lång sikt)", "process, effect or impact")
    activities: list[Annotated[str, Field(pattern=ACTIVITY_ID)]] = field(
        "Insatser", "Activities", "Utvärderade insatser; utelämna när hela planen utvärderades", "Activities evaluated; leave out when the whole plan was evaluated",
        default_factory=list,
    )
    evaluator: str | None = field(
        "Utvärderare", "Evaluator", "Id ur aktörsregistret för organisationen som utvärderade", "Actor registry id of the organisation that evaluated",
        default=None, pattern=ACTOR_ID,
    )
    evaluator_name: str | None = field(
        "Utvärderare (namn)", "Evaluator (name)", "Namnet på en organisation som inte finns i aktörsregistret, t.ex. en konsultfirma; aldrig en enskild person",
        "Name of an organisation not in the actor registry, e.g. a consultancy; never a private person", default=None, min_length=1,
    )
    date: IsoDate = field("Datum", "Date", "När utvärderingen redovisades (ÅÅÅÅ-MM-DD)", "When the evaluation was reported (YYYY-MM-DD)")
    findings: str = field("Slutsatser", "Findings", min_length=1)
    reference: str | None = field(
        "Diarienummer", "Reference number", "Utvärderingsrapportens diarienummer, t.ex. RS/123/2024", "The evaluation report's reference number, e.g. RS/123/2024",
        default=None, pattern=REFERENCE,
    )
    changes: list[EvaluationChange] = field(
        "Ändringar", "Changes", "Vad som ändrades i planen på grund av slutsatserna", "What was changed in the plan because of the findings", default_factory=list
    )


class Plan(Model):
    """The action plan (handlingsplan) of one strength area at one revision."""

    SV: ClassVar[tuple[str, str]] = ("Handlingsplan", "Handlingsplanen för ett styrkeområde vid en revision.")

    schema_version: Literal[2] = field(*EDITION_FIELD, default=2)
    area: Area = field("Styrkeområde", "Strength area")
    revision: Revision = field("Revision", "Revision", "ÅÅÅÅ-1 (vår), ÅÅÅÅ-2 (höst), ÅÅÅÅ-3 vid en tredje revision samma år; allmänt årets revision nummer N, ÅÅÅÅ-N", "YYYY-1 (spring), YYYY-2 (autumn), YYYY-3 for a third revision in the same year: the year's N-th revision, YYYY-N")
    state: PlanState = field("Status", "State", "draft, adopted eller superseded", "draft, adopted or superseded")
    meeting: Meeting = field("Mobiliserande möte", "Mobilising meeting")
    vision: str = field("Vision", "Vision", min_length=1)
    documents: list[Document] = field("Styrdokument", "Governing documents", default_factory=list)
    sub_areas: list[SubArea] = field("Delområden", "Sub-areas", default_factory=list)
    goals: list[Goal] = field("Mål", "Goals", default_factory=list)
    indicators: list[Indicator] = field("Indikatorer", "Indicators", default_factory=list)
    activities: list[Activity] = field("Insatser", "Activities", default_factory=list)
    consultations: list[Consultation] = field(
        "Konsultationer", "Consultations", "Konsultationer och samråd med samiska företrädare (lagen 2022:66)",
        "Consultations and dialogue with Sámi representatives (Lag 2022:66)", default_factory=list,
    )
    evaluations: list[Evaluation] = field("Utvärderingar", "Evaluations", "Utvärderingar av insatser eller av planen", "Evaluations of activities or of the plan", default_factory=list)


class Actor(Model):
    """An actor in the shared registry."""

    SV: ClassVar[tuple[str, str]] = ("Aktör", "En aktör i det gemensamma aktörsregistret.")

    id: str = field("Id", "Id", "Kort, stabilt id med små bokstäver, t.ex. universitetet", "Short, stable lower-case id, e.g. university", pattern=ACTOR_ID)
    name: str = field("Namn", "Name", min_length=1)
    helix: Helix = field("Helixtyp", "Helix type", "business (näringsliv), civil-society (civilsamhälle), academia (akademi) eller public (offentlig sektor)", "business, civil-society, academia or public")
    municipality: Municipality | None = field("Kommun", "Municipality", "Hemkommun; utelämna för aktörer utanför länet", "Home municipality; leave out for actors outside the county", default=None)
    country: str | None = field(
        "Land", "Country", "Landskod enligt ISO 3166-1 (två bokstäver, t.ex. NO) för aktörer i ett annat land än programmets medlemsstat; utelämna annars",
        "ISO 3166-1 country code (two letters, e.g. NO) for actors in another country than the programme's member state; leave out otherwise", default=None, pattern=COUNTRY,
    )
    sami_organisation: StrictBool = field("Samisk organisation", "Sámi organisation", default=False)
    ladder: dict[Area, LadderStep] = field(
        "Samhandlingstrappan", "Ladder of joint action", "Aktörens steg per styrkeområde", "The actor's step per strength area", default_factory=dict
    )


class ActorRegistry(Model):
    """The actor registry (aktörsregister) shared by all strength areas."""

    SV: ClassVar[tuple[str, str]] = ("Aktörsregister", "Aktörsregistret som alla styrkeområden delar.")

    schema_version: Literal[2] = field(*EDITION_FIELD, default=2)
    actors: list[Actor] = field("Aktörer", "Actors", default_factory=list)


# --- the programme file (programme.yaml) ---------------------------------------------------------


class ProgrammeDetails(Model):
    """The smart specialisation programme the plans carry out, and who is responsible for it."""

    SV: ClassVar[tuple[str, str]] = ("Program", "Programmet för smart specialisering som handlingsplanerna genomför, och vem som ansvarar för det.")

    name: str = field("Namn", "Name", "Programmets namn", "The programme's name", min_length=1)
    reference: str | None = field(
        "Diarienummer", "Reference number", "Programmets diarienummer, t.ex. RS/123/2024", "The programme's reference number, e.g. RS/123/2024", default=None, pattern=REFERENCE
    )
    strategy: str | None = field(
        "Regional utvecklingsstrategi", "Regional development strategy", "Diarienummer för den regionala utvecklingsstrategi som programmet konkretiserar",
        "Reference number of the regional development strategy the programme makes concrete", default=None, pattern=REFERENCE,
    )
    responsible_body: str = field(
        "Ansvarigt organ", "Responsible body", "Id ur aktörsregistret för organet som ansvarar för strategin (kriterium 2)",
        "Id from the actor registry of the body responsible for the strategy (criterion 2)", pattern=ACTOR_ID,
    )
    member_state: str = field(
        "Medlemsstat", "Member state", "Landskod enligt ISO 3166-1 för medlemsstaten; partner i andra länder är partner utanför medlemsstaten (kriterium 7)",
        "ISO 3166-1 code of the member state; partners in other countries are partners outside the member state (criterion 7)", pattern=COUNTRY,
    )
    period: Period = field("Period", "Period", "Programperioden", "The programme period")
    adopted: IsoDate | None = field("Beslutad", "Adopted", "Beslutsdatum (ÅÅÅÅ-MM-DD)", "Date of adoption (YYYY-MM-DD)", default=None)


class MeetingRef(Model):
    """A mobilising meeting, named by the strength area and the revision of the plan it gave."""

    SV: ClassVar[tuple[str, str]] = ("Mötesreferens", "Ett mobiliserande möte, angivet med styrkeområde och den revision av planen som mötet gav.")

    area: Area = field("Styrkeområde", "Strength area")
    revision: Revision = field("Revision", "Revision", "Planens revision som mötet gav, t.ex. 2026-1", "The revision of the plan the meeting gave, e.g. 2026-1")


class CriterionEvidence(Model):
    """How the programme meets one of the EU's fulfilment criteria, with the evidence in the plans."""

    SV: ClassVar[tuple[str, str]] = ("Underlag för ett kriterium", "Hur programmet uppfyller ett av EU:s uppfyllandekriterier, med underlaget i planerna.")

    criterion: Criterion = field("Kriterium", "Criterion", "Ett av de sju uppfyllandekriterierna i förordning (EU) 2021/1060, bilaga IV, villkor 1.1",
                                 "One of the seven fulfilment criteria of Regulation (EU) 2021/1060, Annex IV, condition 1.1")
    summary: str = field("Sammanfattning", "Summary", "Hur kriteriet uppfylls, med egna ord", "How the criterion is met, in your own words", min_length=1)
    documents: list[Annotated[str, Field(pattern=REFERENCE)]] = field(
        "Dokument", "Documents", "Diarienummer för dokument i programmet eller i planerna", "Reference numbers of documents of the programme or the plans", default_factory=list
    )
    meetings: list[MeetingRef] = field("Möten", "Meetings", "Mobiliserande möten (styrkeområde och revision)", "Mobilising meetings (strength area and revision)", default_factory=list)
    indicators: list[Annotated[str, Field(pattern=INDICATOR_ID)]] = field(
        "Indikatorer", "Indicators", "Id för indikatorer i planerna", "Ids of indicators in the plans", default_factory=list
    )
    activities: list[Annotated[str, Field(pattern=ACTIVITY_ID)]] = field(
        "Insatser", "Activities", "Id för insatser i planerna", "Ids of activities in the plans", default_factory=list
    )


class ConflictSide(Model):
    """One side of a goal conflict: the interest, and the goals or activities that carry it."""

    SV: ClassVar[tuple[str, str]] = ("Sida i en målkonflikt", "En sida i en målkonflikt: intresset, och de mål eller insatser som bär det.")

    interest: str = field("Intresse", "Interest", "Intresset på denna sida, t.ex. vindkraft", "The interest on this side, e.g. wind power", min_length=1)
    goals: list[Annotated[str, Field(pattern=GOAL_ID)]] = field("Mål", "Goals", "Id för mål i valfri plan", "Ids of goals in any plan", default_factory=list)
    activities: list[Annotated[str, Field(pattern=ACTIVITY_ID)]] = field(
        "Insatser", "Activities", "Id för insatser i valfri plan", "Ids of activities in any plan", default_factory=list
    )


class Conflict(Model):
    """A goal conflict between goals or activities, within one strength area or across areas."""

    SV: ClassVar[tuple[str, str]] = ("Målkonflikt mellan mål eller områden", "En målkonflikt mellan mål eller insatser, inom ett styrkeområde eller mellan områden.")

    id: str = field("Id", "Id", "Stabilt id, t.ex. MK-1", "Stable id, e.g. MK-1", pattern=CONFLICT_ID)
    title: str = field("Rubrik", "Title", min_length=1)
    description: str | None = field("Beskrivning", "Description", default=None)
    sides: list[ConflictSide] = field("Sidor", "Sides", "Intressena som står mot varandra (minst två)", "The interests in conflict (at least two)", min_length=2)
    handling: str | None = field("Hantering", "Handling", "Hur konflikten hanteras", "How the conflict is handled", default=None)
    handled_by: list[Annotated[str, Field(pattern=ACTOR_ID)]] = field(
        "Hanteras av", "Handled by", "Id för aktörer som hanterar konflikten", "Ids of the actors who handle the conflict", default_factory=list
    )
    state: ConflictState = field("Status", "State")


class ProgrammeFile(Model):
    """The programme file (programme.yaml): the programme, the evidence for the EU's fulfilment
    criteria, and goal conflicts between goals or areas."""

    SV: ClassVar[tuple[str, str]] = (
        "Programfil", "Programmet, underlaget för EU:s uppfyllandekriterier och målkonflikter mellan mål eller styrkeområden."
    )

    schema_version: Literal[2] = field(*EDITION_FIELD, default=2)
    programme: ProgrammeDetails = field("Program", "Programme")
    documents: list[Document] = field("Dokument", "Documents", "Programmets egna dokument (t.ex. analyser och beslut)", "The programme's own documents (e.g. analyses and decisions)", default_factory=list)
    criteria: list[CriterionEvidence] = field(
        "Uppfyllandekriterier", "Fulfilment criteria", "Underlaget för vart och ett av EU:s sju kriterier", "The evidence for each of the EU's seven criteria", default_factory=list
    )
    conflicts: list[Conflict] = field("Målkonflikter", "Goal conflicts", "Målkonflikter mellan mål eller styrkeområden", "Goal conflicts between goals or strength areas", default_factory=list)
