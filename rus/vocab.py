"""The fixed vocabularies of the smart specialisation programme, each value with Swedish and English labels.

Every enum value is an English ASCII slug (what a plan file holds); the labels are what people read.
This module is the single place where these vocabularies and their labels live.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, TypeVar

Lang = Literal["sv", "en"]
LANGS: tuple[Lang, ...] = ("sv", "en")


@dataclass(frozen=True)
class Label:
    """A value's name, and optionally a longer explanation, in Swedish and English."""

    sv: str
    en: str
    sv_desc: str = ""
    en_desc: str = ""

    def text(self, lang: Lang) -> str:
        """The label in the given language."""
        return self.sv if lang == "sv" else self.en

    def description(self, lang: Lang) -> str:
        """The longer explanation in the given language (the label when there is none)."""
        desc = self.sv_desc if lang == "sv" else self.en_desc
        return desc or self.text(lang)


class Vocab(StrEnum):
    """Base class for a vocabulary: a closed set of slugs with bilingual labels."""

    @property
    def label(self) -> Label:
        """The bilingual label of this value."""
        return LABELS[self]

    def text(self, lang: Lang) -> str:
        """The label of this value in the given language."""
        return LABELS[self].text(lang)


LABELS: dict[Vocab, Label] = {}

V = TypeVar("V", bound=Vocab)


def _labels(vocab: type[Vocab], labels: dict[str, Label]) -> None:
    if set(labels) != {member.value for member in vocab}:
        raise RuntimeError(f"labels of {vocab.__name__} do not match its values")
    for member in vocab:
        LABELS[member] = labels[member.value]


class Area(Vocab):
    """The four strength areas (styrkeområden) of the programme."""

    JORD_SKOG_VATTEN = "jord-skog-vatten"
    UPPLEVELSER = "upplevelser"
    HALLBAR_ENERGI = "hallbar-energi"
    DIGITALA_LOSNINGAR = "digitala-losningar"


_labels(
    Area,
    {
        "jord-skog-vatten": Label("Jord, skog och vatten", "Land, forest and water"),
        "upplevelser": Label(
            "Upplevelser", "Experiences", "Turism, kultur och evenemang", "Tourism, culture and events"
        ),
        "hallbar-energi": Label("Hållbar energi", "Sustainable energy"),
        "digitala-losningar": Label("Digitala lösningar", "Digital solutions"),
    },
)

#: The ID prefix each area's activities, goals, indicators and sub-areas carry (e.g. ``UPP-012``).
AREA_PREFIX: dict[Area, str] = {
    Area.JORD_SKOG_VATTEN: "JSV",
    Area.UPPLEVELSER: "UPP",
    Area.HALLBAR_ENERGI: "ENE",
    Area.DIGITALA_LOSNINGAR: "DIG",
}


class Municipality(Vocab):
    """The eight municipalities of Jämtlands län."""

    RAGUNDA = "ragunda"
    BRACKE = "bracke"
    KROKOM = "krokom"
    STROMSUND = "stromsund"
    ARE = "are"
    BERG = "berg"
    HARJEDALEN = "harjedalen"
    OSTERSUND = "ostersund"


_labels(
    Municipality,
    {
        "ragunda": Label("Ragunda", "Ragunda"),
        "bracke": Label("Bräcke", "Bräcke"),
        "krokom": Label("Krokom", "Krokom"),
        "stromsund": Label("Strömsund", "Strömsund"),
        "are": Label("Åre", "Åre"),
        "berg": Label("Berg", "Berg"),
        "harjedalen": Label("Härjedalen", "Härjedalen"),
        "ostersund": Label("Östersund", "Östersund"),
    },
)


@dataclass(frozen=True)
class MunicipalityInfo:
    """Facts about a municipality: its SCB code and whether it is in the Sámi administrative area."""

    scb_code: str
    sami_area: bool


MUNICIPALITY_INFO: dict[Municipality, MunicipalityInfo] = {
    Municipality.RAGUNDA: MunicipalityInfo("2303", False),
    Municipality.BRACKE: MunicipalityInfo("2305", False),
    Municipality.KROKOM: MunicipalityInfo("2309", True),
    Municipality.STROMSUND: MunicipalityInfo("2313", True),
    Municipality.ARE: MunicipalityInfo("2321", True),
    Municipality.BERG: MunicipalityInfo("2326", True),
    Municipality.HARJEDALEN: MunicipalityInfo("2361", True),
    Municipality.OSTERSUND: MunicipalityInfo("2380", True),
}


class Priority(Vocab):
    """The three long-term priorities (långsiktiga prioriteringar)."""

    WHOLE_COUNTY = "whole-county"
    SUSTAINABLE_DEVELOPMENT = "sustainable-development"
    STRENGTH_AREAS = "strength-areas"


_labels(
    Priority,
    {
        "whole-county": Label(
            "Utvecklingskraft i hela länet",
            "Capacity for development in the whole county",
            "Skapa förutsättningar för utvecklingskraft i hela länet; inomregionala skillnader följs upp.",
            "Create conditions for development in the whole county; intra-regional differences are followed up.",
        ),
        "sustainable-development": Label(
            "Hållbar utveckling med hänsyn till olika intressen",
            "Sustainable development balancing interests",
            "Social, ekonomisk och miljömässig hållbarhet, inklusive samiska förutsättningar; målkonflikter synliggörs.",
            "Social, economic and environmental sustainability, including Sámi conditions; goal conflicts are made visible.",
        ),
        "strength-areas": Label("Utveckla styrkeområdena", "Developing the strength areas"),
    },
)


class Phase(Vocab):
    """The six-step process (sexstegsprocessen) of the EU RIS3 guide."""

    ANALYSIS = "analysis"
    GOVERNANCE = "governance"
    VISION = "vision"
    PRIORITISATION = "prioritisation"
    POLICY_MIX = "policy-mix"
    EVALUATION = "evaluation"


_labels(
    Phase,
    {
        "analysis": Label("Analys", "Analysis"),
        "governance": Label("Styrning", "Governance"),
        "vision": Label("Vision", "Vision"),
        "prioritisation": Label("Prioritering", "Prioritisation"),
        "policy-mix": Label("Policymix", "Policy mix"),
        "evaluation": Label("Utvärdering", "Evaluation"),
    },
)


class Helix(Vocab):
    """The four kinds of actor in the quadruple helix."""

    BUSINESS = "business"
    CIVIL_SOCIETY = "civil-society"
    ACADEMIA = "academia"
    PUBLIC = "public"


_labels(
    Helix,
    {
        "business": Label("Näringsliv", "Business"),
        "civil-society": Label("Civilsamhälle", "Civil society"),
        "academia": Label("Akademi", "Academia"),
        "public": Label("Offentlig sektor", "Public sector"),
    },
)


class LadderStep(Vocab):
    """The steps of the Samhandlingstrappan (ladder of joint action), lowest first."""

    SEES_HEARS = "sees-hears"
    UNDERSTANDS = "understands"
    WANTS = "wants"
    DOES = "does"

    @property
    def rank(self) -> int:
        """The step's height on the ladder, 1 (sees and hears) to 4 (does)."""
        return list(LadderStep).index(self) + 1


_labels(
    LadderStep,
    {
        "sees-hears": Label("Ser och hör", "Sees and hears", "Information", "Information"),
        "understands": Label("Förstår", "Understands", "Kunskap och insikt", "Knowledge and insight"),
        "wants": Label("Vill", "Wants", "Ägandeskap", "Ownership"),
        "does": Label("Gör", "Does", "Handling", "Action"),
    },
)


class Status(Vocab):
    """The status of an activity (insats)."""

    IDEA = "idea"
    PLANNED = "planned"
    ONGOING = "ongoing"
    PAUSED = "paused"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


_labels(
    Status,
    {
        "idea": Label("Idé", "Idea"),
        "planned": Label("Planerad", "Planned"),
        "ongoing": Label("Pågående", "Ongoing"),
        "paused": Label("Pausad", "Paused"),
        "completed": Label("Genomförd", "Completed"),
        "cancelled": Label("Avbruten", "Cancelled"),
    },
)

#: The status changes allowed between two revisions of a plan (a status may also stay the same).
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.IDEA: frozenset({Status.PLANNED, Status.CANCELLED}),
    Status.PLANNED: frozenset({Status.ONGOING, Status.CANCELLED}),
    Status.ONGOING: frozenset({Status.PAUSED, Status.COMPLETED, Status.CANCELLED}),
    Status.PAUSED: frozenset({Status.ONGOING, Status.CANCELLED}),
    Status.COMPLETED: frozenset(),
    Status.CANCELLED: frozenset(),
}

FINAL_STATUSES: frozenset[Status] = frozenset({Status.COMPLETED, Status.CANCELLED})


def transition_allowed(old: Status, new: Status) -> bool:
    """Whether an activity may go from ``old`` to ``new`` in one step."""
    return old == new or new in TRANSITIONS[old]


def reachable(old: Status) -> frozenset[Status]:
    """The statuses an activity can reach from ``old`` by one or more allowed steps."""
    seen: set[Status] = set()
    todo = list(TRANSITIONS[old])
    while todo:
        status = todo.pop()
        if status not in seen:
            seen.add(status)
            todo.extend(TRANSITIONS[status])
    return frozenset(seen)


def transition_reachable(old: Status, new: Status) -> bool:
    """Whether ``new`` can follow ``old`` between two points in history (several steps allowed).

    Between two revisions an activity may take more than one step (planned, then ongoing, then
    completed); what no sequence of allowed steps reaches (out of a final status, or backwards)
    is never allowed.
    """
    return old == new or new in reachable(old)


class PlanState(Vocab):
    """The state of an action plan."""

    DRAFT = "draft"
    ADOPTED = "adopted"
    SUPERSEDED = "superseded"


_labels(
    PlanState,
    {
        "draft": Label("Utkast", "Draft"),
        "adopted": Label("Fastställd", "Adopted"),
        "superseded": Label("Ersatt", "Superseded"),
    },
)


class IndicatorKind(Vocab):
    """Whether an indicator measures output or result."""

    OUTPUT = "output"
    RESULT = "result"


_labels(
    IndicatorKind,
    {
        "output": Label("Aktivitetsindikator", "Output indicator", "Mäter vad insatserna producerar", "Measures what activities produce"),
        "result": Label("Resultatindikator", "Result indicator", "Mäter förändringen hos målgruppen", "Measures the change in the target group"),
    },
)


class ActorRole(Vocab):
    """The role of a partner in an activity, besides leading it."""

    IMPLEMENTING = "implementing"
    FUNDING = "funding"


_labels(
    ActorRole,
    {
        "implementing": Label("Genomförande", "Implementing"),
        "funding": Label("Finansierande", "Funding"),
    },
)


class FundingSource(Vocab):
    """Where the money for an activity comes from."""

    APPROPRIATION_1_1 = "appropriation-1-1"
    ERDF = "erdf"
    ESF_PLUS = "esf-plus"
    INTERREG = "interreg"
    JTF = "jtf"
    NATIONAL = "national"
    REGIONAL = "regional"
    MUNICIPAL = "municipal"
    PRIVATE = "private"
    OTHER = "other"


_labels(
    FundingSource,
    {
        "appropriation-1-1": Label(
            "Anslag 1:1", "Appropriation 1:1", "Regionala tillväxtåtgärder (anslag 1:1)", "Regional growth measures (appropriation 1:1)"
        ),
        "erdf": Label("Regionalfonden (ERUF)", "ERDF", "Europeiska regionala utvecklingsfonden", "European Regional Development Fund"),
        "esf-plus": Label("Socialfonden (ESF+)", "ESF+", "Europeiska socialfonden+", "European Social Fund Plus"),
        "interreg": Label("Interreg", "Interreg"),
        "jtf": Label("Fonden för en rättvis omställning", "Just Transition Fund"),
        "national": Label("Statlig myndighet", "National agency", "T.ex. Vinnova, Energimyndigheten, Tillväxtverket", "E.g. Vinnova, the Energy Agency, Tillväxtverket"),
        "regional": Label("Regionala medel", "Regional funds"),
        "municipal": Label("Kommunala medel", "Municipal funds"),
        "private": Label("Privata medel", "Private funds"),
        "other": Label("Övrigt", "Other"),
    },
)

#: Sources whose money is drawn in from outside the region's own budget (co-funding, medfinansiering).
CO_FUNDING_SOURCES: frozenset[FundingSource] = frozenset(
    {
        FundingSource.ERDF,
        FundingSource.ESF_PLUS,
        FundingSource.INTERREG,
        FundingSource.JTF,
        FundingSource.NATIONAL,
        FundingSource.MUNICIPAL,
        FundingSource.PRIVATE,
        FundingSource.OTHER,
    }
)


class Instrument(Vocab):
    """The instrument through which money reaches an activity."""

    PROJECT_GRANT = "project-grant"
    BUSINESS_SUPPORT = "business-support"
    PROCUREMENT = "procurement"
    LOAN = "loan"
    VOUCHER = "voucher"
    OWN_FUNDS = "own-funds"
    IN_KIND = "in-kind"


_labels(
    Instrument,
    {
        "project-grant": Label("Projektstöd", "Project grant"),
        "business-support": Label("Företagsstöd", "Business support"),
        "procurement": Label("Upphandling", "Procurement"),
        "loan": Label("Lån", "Loan"),
        "voucher": Label("Check", "Voucher", "T.ex. innovationscheck", "E.g. innovation voucher"),
        "own-funds": Label("Egna medel", "Own funds", "Kontant egeninsats från en part", "A party's own cash contribution"),
        "in-kind": Label("Egen insats", "In kind", "Arbetstid eller annat som inte är pengar", "Working time or other non-cash contribution"),
    },
)


class FundingState(Vocab):
    """How far a funding line has come."""

    PLANNED = "planned"
    APPLIED = "applied"
    GRANTED = "granted"
    REJECTED = "rejected"


_labels(
    FundingState,
    {
        "planned": Label("Planerad", "Planned"),
        "applied": Label("Sökt", "Applied"),
        "granted": Label("Beviljad", "Granted"),
        "rejected": Label("Avslagen", "Rejected"),
    },
)


class Dimension(Vocab):
    """The three dimensions of sustainable development."""

    SOCIAL = "social"
    ECONOMIC = "economic"
    ENVIRONMENTAL = "environmental"


_labels(
    Dimension,
    {
        "social": Label("Social", "Social"),
        "economic": Label("Ekonomisk", "Economic"),
        "environmental": Label("Miljömässig", "Environmental"),
    },
)


class Rating(Vocab):
    """How an activity affects one sustainability dimension."""

    CONTRIBUTES = "contributes"
    NEUTRAL = "neutral"
    RISK = "risk"
    UNKNOWN = "unknown"


_labels(
    Rating,
    {
        "contributes": Label("Bidrar", "Contributes"),
        "neutral": Label("Neutral", "Neutral"),
        "risk": Label("Risk", "Risk", "Kan motverka dimensionen; redovisa målkonflikten", "May work against the dimension; record the goal conflict"),
        "unknown": Label("Okänt", "Unknown"),
    },
)


class SamiRelevance(Vocab):
    """How much an activity affects Sámi conditions."""

    NONE = "none"
    INDIRECT = "indirect"
    DIRECT = "direct"


_labels(
    SamiRelevance,
    {
        "none": Label("Ingen", "None"),
        "indirect": Label("Indirekt", "Indirect"),
        "direct": Label("Direkt", "Direct"),
    },
)


class ConflictState(Vocab):
    """How far the handling of a goal conflict has come."""

    IDENTIFIED = "identified"
    HANDLING = "handling"
    RESOLVED = "resolved"
    ACCEPTED = "accepted"


_labels(
    ConflictState,
    {
        "identified": Label("Identifierad", "Identified"),
        "handling": Label("Hanteras", "Being handled"),
        "resolved": Label("Löst", "Resolved"),
        "accepted": Label("Accepterad", "Accepted", "Konflikten kvarstår men är medvetet accepterad", "The conflict remains but is knowingly accepted"),
    },
)

#: Every vocabulary, for documentation, schema generation and label tests.
VOCABULARIES: tuple[type[Vocab], ...] = (
    Area,
    Municipality,
    Priority,
    Phase,
    Helix,
    LadderStep,
    Status,
    PlanState,
    IndicatorKind,
    ActorRole,
    FundingSource,
    Instrument,
    FundingState,
    Dimension,
    Rating,
    SamiRelevance,
    ConflictState,
)

#: What each vocabulary is, in both languages (for the schema and documentation).
VOCAB_TITLES: dict[type[Vocab], Label] = {
    Area: Label("Styrkeområde", "Strength area"),
    Municipality: Label("Kommun", "Municipality"),
    Priority: Label("Långsiktig prioritering", "Long-term priority"),
    Phase: Label("Steg i sexstegsprocessen", "Step of the six-step process"),
    Helix: Label("Helixtyp", "Helix type"),
    LadderStep: Label("Steg på Samhandlingstrappan", "Step on the ladder of joint action"),
    Status: Label("Insatsens status", "Activity status"),
    PlanState: Label("Planens läge", "Plan state"),
    IndicatorKind: Label("Indikatortyp", "Indicator kind"),
    ActorRole: Label("Roll", "Role"),
    FundingSource: Label("Finansieringskälla", "Funding source"),
    Instrument: Label("Instrument", "Instrument"),
    FundingState: Label("Finansieringens läge", "Funding state"),
    Dimension: Label("Hållbarhetsdimension", "Sustainability dimension"),
    Rating: Label("Bedömning", "Rating"),
    SamiRelevance: Label("Samisk relevans", "Sámi relevance"),
    ConflictState: Label("Målkonfliktens läge", "Goal conflict state"),
}


def fold(text: str) -> str:
    """A text folded for matching what people type: no case, no diacritics (å→a, ö→o, é→e), and
    every run of spaces, hyphens and underscores as one space."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace("-", " ").replace("_", " ").split())


def lookup(vocab: type[V], text: str) -> V | None:
    """The value of ``vocab`` that ``text`` names by its slug or its Swedish or English label.

    Case and diacritics do not matter: ``pågående``, ``Pagaende``, ``ongoing`` and ``Ongoing`` all
    name :attr:`Status.ONGOING`.
    """
    wanted = fold(text)
    if not wanted:
        return None
    for member in vocab:
        label = LABELS[member]
        if wanted in (fold(member.value), fold(label.sv), fold(label.en)):
            return member
    return None
