"""The vocabularies of the smart specialisation programme, each value with Swedish and English labels.

Every value is an English ASCII slug (what a plan file holds); the labels are what people read.
What is national or European (statuses, helix types, the six steps, …) is fixed here, versioned
with the tool; what is the region's own (strength areas, municipalities, long-term priorities,
funding sources and programmes) comes from the active region file, through the same interface.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar, Literal, TypeVar

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


class _Labels(dict["Vocab | RegionVocab", Label]):
    """The labels of every value: the fixed vocabularies' from this module, the region's from its file."""

    def __getitem__(self, key: Vocab | RegionVocab) -> Label:
        # a region value's label is its own, even when its slug equals a fixed value's (`public`)
        if isinstance(key, RegionVocab):
            return key.label
        return super().__getitem__(key)


LABELS: dict[Vocab | RegionVocab, Label] = _Labels()

V = TypeVar("V", bound="Vocab | RegionVocab")


def _labels(vocab: type[Vocab], labels: dict[str, Label]) -> None:
    if set(labels) != {member.value for member in vocab}:
        raise RuntimeError(f"labels of {vocab.__name__} do not match its values")
    for member in vocab:
        LABELS[member] = labels[member.value]


# --- the region's own vocabularies ---------------------------------------------------------------
#
# Strength areas, municipalities, long-term priorities, funding sources and programmes belong to a
# region, not to the tool: they are read from the region file (``region.yaml``, see rus.plans.region) of
# the plans' repository. Their values behave like the enum values above (text slugs with bilingual
# labels, iteration in the file's order, ``Area("x")`` raises ValueError for an unknown value), but
# the set of values is the active region's.


@dataclass(frozen=True)
class AreaInfo:
    """Facts about a strength area: the prefix of its ids and the year its vision looks to."""

    prefix: str
    vision_horizon: int | None = None


@dataclass(frozen=True)
class MunicipalityInfo:
    """Facts about a municipality: its official code and whether it is in the Sámi administrative area.

    The Sámi administrative area concerns language rights; ``analysis_region`` is the functional
    analysis region (e.g. SCB's FA region) where the region uses one.
    """

    code: str
    sami_area: bool
    analysis_region: str | None = None

    @property
    def scb_code(self) -> str:
        """The official code under its earlier name (in Sweden, SCB's code), for code written before region files."""
        return self.code


@dataclass(frozen=True)
class FundingSourceInfo:
    """Facts about a funding source: whether its money is drawn in from outside (co-funding)."""

    co_funding: bool


@dataclass(frozen=True)
class ProgrammeInfo:
    """Facts about a funding programme: the funding source it belongs to and its period."""

    source: str
    period: str | None = None


@dataclass(frozen=True)
class Entry:
    """One value of a region vocabulary: its slug, its labels and its facts."""

    slug: str
    label: Label
    info: object = None


@dataclass(frozen=True)
class RegionVocabularies:
    """A region's own vocabularies, as read from its region file (built by :mod:`rus.plans.region`)."""

    name: Label
    schema_version: int
    report_languages: tuple[Lang, ...]
    entries: dict[str, tuple[Entry, ...]]
    path: str = ""
    digest: str = ""
    #: The file on disk it was read from ("" for one read from a git revision).
    file: str = ""
    members: dict[type[RegionVocab], dict[str, RegionVocab]] = field(default_factory=dict, compare=False, repr=False)

    def values(self, kind: str) -> list[str]:
        """The slugs of one vocabulary (``areas``, ``municipalities``, …) in the file's order."""
        return [entry.slug for entry in self.entries.get(kind, ())]

    @property
    def has_sami_area(self) -> bool:
        """Whether any of the region's municipalities is in the Sámi administrative area."""
        return any(isinstance(e.info, MunicipalityInfo) and e.info.sami_area for e in self.entries.get("municipalities", ()))


_active: RegionVocabularies | None = None
#: How the region is found when none is set. This module is at the bottom of the package and knows
#: no region file: :mod:`rus.plans.regionfile` installs its finder (:func:`set_region_finder`) when it is
#: imported, which the plan model does.
_finder: Callable[[], RegionVocabularies] | None = None


def active_region() -> RegionVocabularies:
    """The region whose vocabularies are in use; found from the working folder when none is set.

    Commands set the region of the plans they read (:func:`rus.plans.region.activate_for`); reading
    plans from Python without doing so uses the region file above the working folder, else the
    one named by ``RUS_REGION``, and raises :class:`rus.base.errors.RegionError` when there is none.
    """
    if _active is None:
        if _finder is None:
            raise RuntimeError("no region is set and no region finder is installed: import rus.plans.regionfile, or call set_region")
        set_region(_finder())
    assert _active is not None
    return _active


def set_region_finder(finder: Callable[[], RegionVocabularies]) -> None:
    """Install how :func:`active_region` finds the region when none is set."""
    global _finder
    _finder = finder


def set_region(region: RegionVocabularies | None) -> RegionVocabularies | None:
    """Make ``region`` the active region (None: find it again when next needed); return the previous one."""
    global _active
    previous, _active = _active, region
    return previous


@contextmanager
def using_region(region: RegionVocabularies) -> Iterator[RegionVocabularies]:
    """Use ``region`` inside the block (e.g. a plan read from an old revision, with its region)."""
    previous = set_region(region)
    try:
        yield region
    finally:
        set_region(previous)


_T = TypeVar("_T")


class RegionVocabMeta(type):
    """Makes a region vocabulary class iterable over the active region's values, like an enum class."""

    # The self-types follow typeshed's EnumMeta, so that `for area in Area` gives an Area.
    def __iter__(cls: type[_T]) -> Iterator[_T]:
        return iter(_members(cls).values())

    def __len__(cls) -> int:
        return len(_members(cls))

    def __contains__(cls, value: object) -> bool:
        return isinstance(value, str) and str(value) in _members(cls)

    def __call__(cls: type[_T], value: object) -> _T:
        found: _T | None = _members(cls).get(str(value)) if isinstance(value, str) else None
        if found is None:
            raise ValueError(f"{value!r} is not a valid {cls.__name__}")
        return found

    @property
    def _value2member_map_(cls: type[_T]) -> dict[str, _T]:
        return _members(cls)

    def __getattr__(cls: type[_T], name: str) -> _T:
        # enum-style access by name (``Area.TOURISM`` for ``tourism``), for code written against enums
        if not name.startswith("_") and name == name.upper():
            for member in _members(cls).values():
                if member.name == name:
                    return member  # type: ignore[no-any-return]
        raise AttributeError(f"{cls.__name__} has no value {name} in the active region")


class RegionVocab(str, metaclass=RegionVocabMeta):
    """Base class for a vocabulary whose values come from the region file."""

    #: The list in the region file (``areas``, ``municipalities``, …) this vocabulary's values come from.
    KIND: ClassVar[str] = ""
    _entry: Entry

    @property
    def value(self) -> str:
        """The slug (what a plan file holds), as for an enum value."""
        return str.__str__(self)

    @property
    def name(self) -> str:
        """The slug in capitals with underscores, as an enum member's name."""
        return self.value.upper().replace("-", "_")

    @property
    def label(self) -> Label:
        """The bilingual label of this value."""
        return self._entry.label

    def text(self, lang: Lang) -> str:
        """The label of this value in the given language."""
        return self._entry.label.text(lang)

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return f"<{type(self).__name__}.{self.name}: {self.value!r}>"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            cls._validate,
            ref=cls.__name__,
            serialization=core_schema.plain_serializer_function_ser_schema(str.__str__),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        members = list(_members(cls).values())
        return {
            "type": "string",
            "enum": [m.value for m in members],
            "title": cls.__name__,
            "description": (cls.__doc__ or "").strip(),
            "x-labels": {m.value: {"sv": m.label.sv, "en": m.label.en} for m in members},
            "markdownEnumDescriptions": [
                f"**{m.label.sv}** ({m.label.en})" + (f" — {m.label.sv_desc}" if m.label.sv_desc else "") for m in members
            ],
        }

    @classmethod
    def _validate(cls, value: Any) -> RegionVocab:
        members = (_active.members.get(cls) if _active is not None else None) or _members(cls)
        found: RegionVocab | None = members.get(value) if isinstance(value, str) else None
        if found is None:
            from pydantic_core import PydanticCustomError

            expected = ", ".join(f"'{v}'" for v in _members(cls))
            raise PydanticCustomError("enum", "Input should be {expected}", {"expected": expected})
        return found


#: The values of region files read before, by class and file content: the same file gives the same
#: value objects, however often it is read (so that ``is`` holds between them, as for enum members).
_BY_DIGEST: dict[tuple[type[Any], str], dict[str, Any]] = {}


def _members(cls: type[Any]) -> dict[str, Any]:
    """The values of a region vocabulary in the active region, made once per region file and class."""
    region = _active if _active is not None else active_region()  # the common case without a call: validation is hot
    found = region.members.get(cls)
    if found is None:
        found = _BY_DIGEST.get((cls, region.digest)) if region.digest else None
        if found is None:
            found = {}
            for entry in region.entries.get(cls.KIND, ()):
                member = str.__new__(cls, entry.slug)
                member._entry = entry
                found[entry.slug] = member
            if region.digest:
                _BY_DIGEST[cls, region.digest] = found
        region.members[cls] = found
    return found


class Area(RegionVocab):
    """The strength areas (styrkeområden) of the region's programme."""

    KIND = "areas"

    @property
    def info(self) -> AreaInfo:
        """The area's id prefix and vision horizon."""
        assert isinstance(self._entry.info, AreaInfo)
        return self._entry.info

    @property
    def prefix(self) -> str:
        """The prefix of the area's ids (e.g. the three letters before ``-012``)."""
        return self.info.prefix


class Municipality(RegionVocab):
    """The municipalities of the region."""

    KIND = "municipalities"

    @property
    def info(self) -> MunicipalityInfo:
        """The municipality's official code and Sámi administrative area membership."""
        assert isinstance(self._entry.info, MunicipalityInfo)
        return self._entry.info


class Priority(RegionVocab):
    """The region's long-term priorities (långsiktiga prioriteringar)."""

    KIND = "priorities"


class FundingSource(RegionVocab):
    """Where the money for an activity comes from (the sources the region names)."""

    KIND = "funding_sources"

    @property
    def co_funding(self) -> bool:
        """Whether the money is drawn in from outside the region's own budget (medfinansiering)."""
        assert isinstance(self._entry.info, FundingSourceInfo)
        return self._entry.info.co_funding


class Programme(RegionVocab):
    """The funding programmes the region's activities draw on (e.g. a regional ERDF programme)."""

    KIND = "programmes"

    @property
    def info(self) -> ProgrammeInfo:
        """The programme's funding source and period."""
        assert isinstance(self._entry.info, ProgrammeInfo)
        return self._entry.info


_R = TypeVar("_R", bound="RegionVocab")  # a string: the class itself is truthy only through the active region


class _Facts(Mapping[_R, _T]):
    """One fact of each value of a region vocabulary (an area's prefix, a municipality's code and
    Sámi-area membership), of the active region; a slug looks the value up."""

    def __init__(self, vocab: type[_R], fact: Callable[[_R], _T]) -> None:
        self._vocab = vocab
        self._fact = fact

    def __getitem__(self, key: _R) -> _T:
        return self._fact(key if isinstance(key, self._vocab) else self._vocab(key))

    def __iter__(self) -> Iterator[_R]:
        return iter(self._vocab)  # iterable through its metaclass

    def __len__(self) -> int:
        return len(self._vocab)  # sized through its metaclass


class _CoFunding(AbstractSet[FundingSource]):
    """The funding sources whose money is drawn in from outside, of the active region."""

    def __contains__(self, value: object) -> bool:
        return value in FundingSource and FundingSource(value).co_funding

    def __iter__(self) -> Iterator[FundingSource]:
        return (s for s in FundingSource if s.co_funding)

    def __len__(self) -> int:
        return sum(1 for _ in self)


#: The ID prefix each area's activities, goals, indicators and sub-areas carry (from the region file).
AREA_PREFIX: Mapping[Area, str] = _Facts(Area, lambda area: area.prefix)
#: Each municipality's official code and Sámi administrative area membership (from the region file).
MUNICIPALITY_INFO: Mapping[Municipality, MunicipalityInfo] = _Facts(Municipality, lambda municipality: municipality.info)
#: Sources whose money is drawn in from outside the region's own budget (co-funding, medfinansiering).
CO_FUNDING_SOURCES: AbstractSet[FundingSource] = _CoFunding()

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
        "output": Label("Outputindikator", "Output indicator", "Mäter vad insatserna producerar", "Measures what activities produce"),
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
        "in-kind": Label("Bidrag i annat än pengar", "In kind", "Arbetstid eller annat som inte är pengar", "Working time or other non-cash contribution"),
    },
)


class FundingState(Vocab):
    """How far a funding line has come."""

    PLANNED = "planned"
    APPLIED = "applied"
    GRANTED = "granted"
    REJECTED = "rejected"
    PAID = "paid"


_labels(
    FundingState,
    {
        "planned": Label("Planerad", "Planned"),
        "applied": Label("Sökt", "Applied"),
        "granted": Label("Beviljad", "Granted"),
        "rejected": Label("Avslagen", "Rejected"),
        "paid": Label("Utbetald", "Paid out"),
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
        "indirect": Label("Indirekt", "Indirect", "Berör samiska förhållanden men kan inte få särskild betydelse för samerna",
                          "Touches Sámi conditions but cannot be of particular importance to the Sámi"),
        "direct": Label("Direkt", "Direct", "Kan få särskild betydelse för samerna: konsultation enligt lagen (2022:66) krävs innan insatsen inleds",
                        "May be of particular importance to the Sámi: consultation under Lag (2022:66) is required before the activity starts"),
    },
)


class SamiInterest(Vocab):
    """What of Sámi conditions an activity touches (what Lag 2022:66 and Sametinget name as Sámi matters)."""

    LAND_AND_WATER = "land-and-water"
    REINDEER_HUSBANDRY = "reindeer-husbandry"
    CULTURE = "culture"
    LANGUAGE = "language"
    LIVELIHOODS = "livelihoods"
    OTHER = "other"


_labels(
    SamiInterest,
    {
        "land-and-water": Label("Mark- och vattenanvändning", "Land and water use"),
        "reindeer-husbandry": Label("Renskötsel", "Reindeer husbandry"),
        "culture": Label("Kultur och kulturarv", "Culture and cultural heritage"),
        "language": Label("Samiska språk", "Sámi languages"),
        "livelihoods": Label("Samiska näringar utöver renskötseln", "Sámi livelihoods other than reindeer husbandry"),
        "other": Label("Annat", "Other"),
    },
)


class ConsultationForm(Vocab):
    """The form of a consultation with Sámi representatives."""

    STATUTORY = "statutory"
    DIALOGUE = "dialogue"


_labels(
    ConsultationForm,
    {
        "statutory": Label("Konsultation enligt lagen (2022:66)", "Consultation under Lag (2022:66)",
                           "Konsultation enligt lagen (2022:66) om konsultation i frågor som rör det samiska folket",
                           "Consultation under the Swedish act on consultation in matters concerning the Sámi people (2022:66)"),
        "dialogue": Label("Samråd", "Dialogue (samråd)",
                          "Samråd eller annan dialog som inte är en konsultation enligt lagen (2022:66)",
                          "Dialogue or other contact that is not a consultation under Lag (2022:66)"),
    },
)


class ConsultationOutcome(Vocab):
    """How a consultation stands or ended (Lag 2022:66: it goes on until agreement or consent is reached,
    or until it is declared that agreement cannot be reached)."""

    ONGOING = "ongoing"
    AGREEMENT = "agreement"
    NO_AGREEMENT = "no-agreement"
    DECLINED = "declined"


_labels(
    ConsultationOutcome,
    {
        "ongoing": Label("Pågående", "Ongoing"),  # the same label as the status `ongoing`: one slug, one label
        "agreement": Label("Enighet", "Agreement", "Avslutad med enighet eller samtycke", "Ended in agreement or consent"),
        "no-agreement": Label("Ingen enighet", "No agreement",
                              "Avslutad: en part har förklarat att enighet eller samtycke inte kan nås",
                              "Ended: a party declared that agreement or consent cannot be reached"),
        "declined": Label("Avböjd", "Declined", "Den samiska företrädaren avstod från konsultation",
                          "The Sámi representative declined to be consulted"),
    },
)


class EvaluationKind(Vocab):
    """What an evaluation looks at: how the work was done, what it achieved, or its lasting effects."""

    PROCESS = "process"
    EFFECT = "effect"
    IMPACT = "impact"


_labels(
    EvaluationKind,
    {
        "process": Label("Processutvärdering", "Process evaluation", "Hur arbetet genomfördes och styrdes",
                         "How the work was carried out and governed"),
        "effect": Label("Resultatutvärdering", "Effect evaluation", "Vilka resultat och effekter på kort och medellång sikt arbetet gav",
                        "What results and short- to medium-term effects the work had"),
        "impact": Label("Effektutvärdering på lång sikt", "Impact evaluation", "Arbetets långsiktiga effekter i länet och samhället",
                        "The work's long-term effects in the county and society"),
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


class Criterion(Vocab):
    """A fulfilment criterion of the EU's enabling condition for smart specialisation.

    Regulation (EU) 2021/1060, Annex IV, thematic enabling condition 1.1 "Good governance of
    national or regional smart specialisation strategy": seven criteria, in the regulation's order.
    The values are the EU's, not a region's. The English labels follow the regulation's English
    text; the Swedish ones are a careful translation following the regulation's Swedish terms.
    """

    INNOVATION_ANALYSIS = "innovation-analysis"
    RESPONSIBLE_BODY = "responsible-body"
    MONITORING_EVALUATION = "monitoring-evaluation"
    STAKEHOLDER_COOPERATION = "stakeholder-cooperation"
    RESEARCH_INNOVATION_SYSTEM = "research-innovation-system"
    INDUSTRIAL_TRANSITION = "industrial-transition"
    INTERNATIONAL_COOPERATION = "international-cooperation"

    @property
    def number(self) -> int:
        """The criterion's number in Annex IV (1–7)."""
        return list(Criterion).index(self) + 1


_labels(
    Criterion,
    {
        "innovation-analysis": Label(
            "Analys av utmaningar för innovationsspridning och digitalisering",
            "Analysis of challenges for innovation diffusion and digitalisation",
            "Aktuell analys av utmaningar för spridning av innovation och digitalisering.",
            "Up-to-date analysis of challenges for innovation diffusion and digitalisation.",
        ),
        "responsible-body": Label(
            "Ansvarigt organ för strategin",
            "Body responsible for the strategy",
            "Förekomst av en behörig regional eller nationell institution eller ett behörigt regionalt eller nationellt organ med ansvar för förvaltningen av strategin för smart specialisering.",
            "Existence of competent regional or national institution or body, responsible for the management of the smart specialisation strategy.",
        ),
        "monitoring-evaluation": Label(
            "Verktyg för uppföljning och utvärdering",
            "Monitoring and evaluation tools",
            "Verktyg för övervakning och utvärdering för att mäta resultaten i förhållande till strategins mål.",
            "Monitoring and evaluation tools to measure performance towards the objectives of the strategy.",
        ),
        "stakeholder-cooperation": Label(
            "Samverkan mellan berörda parter",
            "Stakeholder cooperation",
            "Fungerande samarbete mellan berörda parter (”entreprenöriell upptäcktsprocess”).",
            'Functioning of stakeholder cooperation ("entrepreneurial discovery process").',
        ),
        "research-innovation-system": Label(
            "Åtgärder för forsknings- och innovationssystemet",
            "Actions for the research and innovation system",
            "Åtgärder som är nödvändiga för att förbättra nationella eller regionala forsknings- och innovationssystem, i förekommande fall.",
            "Actions necessary to improve national or regional research and innovation systems, where relevant.",
        ),
        "industrial-transition": Label(
            "Industriell omställning",
            "Industrial transition",
            "I förekommande fall, åtgärder för att stödja industriell omställning.",
            "Where relevant, actions to support industrial transition.",
        ),
        "international-cooperation": Label(
            "Samarbete med partner utanför medlemsstaten",
            "Cooperation with partners outside the member state",
            "Åtgärder för att förbättra samarbetet med partner utanför en viss medlemsstat inom prioriterade områden som får stöd genom strategin för smart specialisering.",
            "Measures for enhancing cooperation with partners outside a given Member State in priority areas supported by the smart specialisation strategy.",
        ),
    },
)


class NationalArea(Vocab):
    """The four strategic areas of the national strategy for sustainable regional development in the
    whole country 2021–2030 (Skr. 2020/21:133), by which Tillväxtverket compiles the regions' yearly
    follow-ups. National, not the region's: versioned with the tool."""

    EQUAL_OPPORTUNITIES = "equal-opportunities"
    SKILLS = "skills"
    INNOVATION = "innovation"
    ACCESSIBILITY = "accessibility"


_labels(
    NationalArea,
    {
        "equal-opportunities": Label(
            "Likvärdiga möjligheter till boende, arbete och välfärd i hela landet",
            "Equal opportunities for housing, work and welfare throughout the country",
        ),
        "skills": Label(
            "Kompetensförsörjning och kompetensutveckling i hela landet",
            "Skills supply and skills development throughout the country",
        ),
        "innovation": Label(
            "Innovation och förnyelse samt entreprenörskap och företagande i hela landet",
            "Innovation and renewal, and entrepreneurship and enterprise throughout the country",
        ),
        "accessibility": Label(
            "Tillgänglighet i hela landet genom digital kommunikation och transportsystem",
            "Accessibility throughout the country through digital communication and transport systems",
        ),
    },
)

#: The country codes of ISO 3166-1 alpha-2 (the 249 officially assigned codes), for an actor's country.
_COUNTRY_CODES = """AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT
    BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER
    ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID
    IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV
    LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR
    NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL
    SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC
    VE VG VI VN VU WF WS YE YT ZA ZM ZW"""
COUNTRY_CODES: frozenset[str] = frozenset(_COUNTRY_CODES.split())

class Frequency(Vocab):
    """How often an indicator is measured."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half-yearly"
    YEARLY = "yearly"
    MULTI_YEAR = "multi-year"


_labels(
    Frequency,
    {
        "monthly": Label("Varje månad", "Monthly"),
        "quarterly": Label("Varje kvartal", "Quarterly"),
        "half-yearly": Label("Varje halvår", "Half-yearly", "Inför varje revision av planen", "Before each revision of the plan"),
        "yearly": Label("Varje år", "Yearly"),
        "multi-year": Label("Mer sällan än varje år", "Less often than yearly", "T.ex. vartannat år eller vid varje ny undersökning", "E.g. every second year, or with each new survey"),
    },
)

#: Every vocabulary, for documentation, schema generation and label tests.
VOCABULARIES: tuple[type[Vocab] | type[RegionVocab], ...] = (
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
    Programme,
    Instrument,
    FundingState,
    Dimension,
    Rating,
    SamiRelevance,
    SamiInterest,
    ConsultationForm,
    ConsultationOutcome,
    EvaluationKind,
    ConflictState,
    Criterion,
    NationalArea,
    Frequency,
)

#: What each vocabulary is, in both languages (for the schema and documentation).
VOCAB_TITLES: dict[type[Vocab] | type[RegionVocab], Label] = {
    Area: Label("Styrkeområde", "Strength area"),
    Municipality: Label("Kommun", "Municipality"),
    Priority: Label("Långsiktig prioritering", "Long-term priority"),
    Phase: Label("Steg i sexstegsprocessen", "Step of the six-step process"),
    Helix: Label("Helixtyp", "Helix type"),
    LadderStep: Label("Steg på Samhandlingstrappan", "Step on the ladder of joint action"),
    Status: Label("Insatsens status", "Activity status"),
    PlanState: Label("Planens status", "Plan state"),
    IndicatorKind: Label("Indikatortyp", "Indicator kind"),
    ActorRole: Label("Roll", "Role"),
    FundingSource: Label("Finansieringskälla", "Funding source"),
    Programme: Label("Program", "Programme"),
    Instrument: Label("Instrument", "Instrument"),
    FundingState: Label("Finansieringens status", "Funding state"),
    Dimension: Label("Hållbarhetsdimension", "Sustainability dimension"),
    Rating: Label("Bedömning", "Rating"),
    SamiRelevance: Label("Samisk relevans", "Sámi relevance"),
    SamiInterest: Label("Samiskt intresse som berörs", "Sámi interest touched"),
    ConsultationForm: Label("Konsultationens form", "Form of consultation"),
    ConsultationOutcome: Label("Konsultationens utfall", "Outcome of consultation"),
    EvaluationKind: Label("Typ av utvärdering", "Kind of evaluation"),
    ConflictState: Label("Målkonfliktens status", "Goal conflict state"),
    Criterion: Label("EU:s uppfyllandekriterium för smart specialisering", "EU fulfilment criterion for smart specialisation"),
    NationalArea: Label("Strategiskt område i den nationella strategin", "Strategic area of the national strategy"),
    Frequency: Label("Mätfrekvens", "Measurement frequency"),
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
    members: list[V] = list(vocab)  # type: ignore[call-overload]  # an enum class, or a region vocabulary class (iterable through its metaclass)
    for member in members:
        label = LABELS[member]
        if wanted in (fold(member.value), fold(label.sv), fold(label.en)):
            return member
    return None
