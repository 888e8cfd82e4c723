"""The yearly report as data: one section per question the region answers to the government.

Everything here is computed from the plans (their periods, statuses, funding, indicator actuals,
municipalities, sustainability ratings, goal conflicts, Sámi consultation and the actor registry)
and, where revisions are recorded as tags, from their history. Nothing is rendered here: the
renderers in :mod:`rus.render` turn a :class:`Report` into HTML, Markdown or text.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import pairwise

from rus.base.vocab import (
    CO_FUNDING_SOURCES,
    Area,
    ConflictState,
    ConsultationForm,
    ConsultationOutcome,
    Criterion,
    Dimension,
    EvaluationKind,
    FundingSource,
    FundingState,
    Helix,
    Instrument,
    LadderStep,
    Lang,
    Municipality,
    NationalArea,
    Phase,
    Priority,
    Rating,
    SamiRelevance,
    Status,
)
from rus.plans.models import Activity, ActorRegistry, Indicator, Plan
from rus.plans.planset import PlanSet
from rus.plans.revision import period_key, revision_half_key, revision_key

#: The statuses the first question asks about, in the order they are shown.
STATUS_ORDER: tuple[Status, ...] = tuple(Status)


@dataclass(frozen=True)
class RecordedRevision:
    """One recorded revision of one area's plan (an annotated tag ``<area>/<revision>``)."""

    area: Area
    revision: str
    tag: str
    date: datetime
    plan: Plan


@dataclass(frozen=True)
class Window:
    """The revision periods a report covers, inclusive (``2026-1`` to ``2026-2`` for 2026)."""

    first: str
    last: str
    year: int | None = None
    #: The git revisions (tag, branch or commit) the report's changes run between, when it was
    #: asked for by revision (``--from <area>/2026-1 --to main``) rather than by period.
    from_revision: str | None = None
    to_revision: str | None = None

    @classmethod
    def for_year(cls, year: int) -> Window:
        """The spring and autumn revisions of one year."""
        return cls(f"{year}-1", f"{year}-2", year)

    def contains(self, period: str) -> bool:
        """Whether a half-year, or the half-year a revision reports on (``2026-3``: autumn), lies inside the window."""
        return period_key(self.first) <= revision_half_key(period) <= period_key(self.last)

    def before(self, revision: str) -> bool:
        """Whether a revision (or half-year) lies before the window."""
        return revision_half_key(revision) < period_key(self.first)

    def after(self, revision: str) -> bool:
        """Whether a revision (or half-year) lies after the window."""
        return revision_half_key(revision) > period_key(self.last)

    @property
    def start_date(self) -> date:
        """The first day the window covers."""
        year, half = _period_parts(self.first)
        return date(year, 1 if half == 1 else 7, 1)

    @property
    def end_date(self) -> date:
        """The last day the window covers."""
        year, half = _period_parts(self.last)
        return date(year, 6, 30) if half == 1 else date(year, 12, 31)

    @property
    def years(self) -> tuple[int, ...]:
        """The calendar years the window touches: the years whose money the report counts."""
        return tuple(range(self.start_date.year, self.end_date.year + 1))


@dataclass(frozen=True)
class ReportInput:
    """What a report is computed from: the plans at the window's end and the recorded history."""

    end: PlanSet
    window: Window
    revisions: tuple[RecordedRevision, ...] = ()
    before: dict[Area, RecordedRevision] = field(default_factory=dict)
    start_registry: ActorRegistry | None = None
    source: str = ""


# --- result models -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActivityRef:
    """An activity named in the report: its id, title and area."""

    id: str
    title: str
    area: Area


@dataclass(frozen=True)
class StatusChange:
    """An activity whose status changed between two revisions."""

    activity: ActivityRef
    old: Status
    new: Status
    from_revision: str
    to_revision: str
    note: str | None


@dataclass(frozen=True)
class RevisionStep:
    """What changed in one area's plan from one revision to the next."""

    area: Area
    from_revision: str
    to_revision: str
    from_date: datetime | None
    to_date: datetime
    added: list[ActivityRef]
    status_changes: list[StatusChange]
    priority_changes: list[tuple[ActivityRef, list[Priority], list[Priority]]]
    new_actuals: int
    #: How many items of the plan changed, by category (added, removed, replaced, cancelled,
    #: completed, changed), from the semantic diff of :mod:`rus.timeline.changes`.
    item_changes: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class MeetingNote:
    """The mobilising meeting an area's plan came from, as the plan records it."""

    area: Area
    revision: str
    date: date
    place: str
    participants: int
    notes: str | None


@dataclass(frozen=True)
class NextStep:
    """Planned work after the period: an activity not yet started, or an open milestone ahead."""

    activity: ActivityRef
    status: Status
    start: date
    milestones: list[tuple[date, str]]


@dataclass(frozen=True)
class NextStepsSection:
    """What comes next: ideas and planned activities, and open milestones in the coming year."""

    activities: list[NextStep]
    until: date


@dataclass(frozen=True)
class StatusSection:
    """Question 1: activities by status and area, and what changed between the revisions."""

    counts: dict[Area, dict[Status, int]]
    totals: dict[Status, int]
    in_scope: int
    out_of_scope: int
    ended: list[tuple[ActivityRef, Status, str | None]]
    steps: list[RevisionStep]
    meetings: list[MeetingNote]


@dataclass(frozen=True)
class PriorityRow:
    """Activities and money serving one long-term priority.

    ``granted_sek`` is granted in the report's years (rows dated in them, granted or paid out);
    ``pipeline_sek`` is applied for or planned and not yet decided, whatever its year.
    """

    priority: Priority
    activities: int
    granted_sek: int
    pipeline_sek: int


@dataclass(frozen=True)
class PrioritySection:
    """Question 2: how the activities serve each long-term priority (count and SEK)."""

    rows: list[PriorityRow]
    without_priority: list[ActivityRef]


@dataclass(frozen=True)
class FundingRow:
    """Money from one source through one instrument in the report's years.

    ``granted_sek``: rows granted or paid out whose decision year is in the period; ``paid_sek``:
    payments made in the period (on rows of any year); ``pipeline_sek``: rows applied for or
    planned, dated in the period; ``rejected_sek``: rows rejected, dated in the period.
    """

    source: FundingSource
    instrument: Instrument
    granted_sek: int
    paid_sek: int
    pipeline_sek: int
    rejected_sek: int


@dataclass(frozen=True)
class FundingSection:
    """Question 3: the period's money per source and instrument, its co-funding, and lifetime totals.

    Co-funding (medfinansiering) is the granted money from sources other than the region's
    growth money (appropriation 1:1 and regional funds): EU funds, national agencies,
    municipalities and private parties, cash or in kind, put next to the activity's funding.
    """

    years: tuple[int, ...]
    rows: list[FundingRow]
    per_source: dict[FundingSource, int]
    granted_sek: int
    paid_sek: int
    pipeline_sek: int
    rejected_sek: int
    region_granted_sek: int
    co_funding_sek: int
    undated_granted_sek: int
    undated_activities: list[str]
    lifetime_granted_sek: int
    lifetime_paid_sek: int
    lifetime_activities: int

    @property
    def leverage(self) -> float | None:
        """Granted co-funding per krona granted from the region's growth money (None without any)."""
        return self.co_funding_sek / self.region_granted_sek if self.region_granted_sek else None


@dataclass(frozen=True)
class Point:
    """An indicator value in one revision period."""

    period: str
    value: float


@dataclass(frozen=True)
class MunicipalValue:
    """An indicator's latest value for one municipality in the period."""

    municipality: Municipality
    period: str
    value: float


@dataclass(frozen=True)
class IndicatorRow:
    """Question 4, one indicator: baseline, target, the county values per period and the verdict."""

    area: Area
    id: str
    name: str
    unit: str
    higher_is_better: bool
    baseline: Point
    target: Point
    trajectory: list[Point]
    latest: Point | None
    progress: float | None
    expected: float | None
    verdict: str
    revised: list[str]
    municipal: list[MunicipalValue] = field(default_factory=list)


@dataclass(frozen=True)
class IndicatorSection:
    """Question 4: what the indicators showed against baseline and target."""

    rows: list[IndicatorRow]

    def count(self, verdict: str) -> int:
        """How many indicators have the given verdict."""
        return sum(1 for row in self.rows if row.verdict == verdict)


@dataclass(frozen=True)
class MunicipalityRow:
    """Question 5, one municipality: the activities that name it (its reach; no money).

    Money is not split per municipality: an activity naming three municipalities would count in
    full in each, and the rows would add up to more than was granted.
    """

    municipality: Municipality
    activities: int
    sami_area: bool
    thin: bool


@dataclass(frozen=True)
class MunicipalitySection:
    """Question 5: where in the county the efforts landed, with the least reached named."""

    rows: list[MunicipalityRow]
    whole_county: int
    mean: float
    threshold: float
    #: Activities naming at least one municipality; the rows' sum exceeds it when one names several.
    naming: int

    @property
    def mentions(self) -> int:
        """The rows' sum: every activity counted once per municipality it names."""
        return sum(row.activities for row in self.rows)

    @property
    def thin(self) -> list[Municipality]:
        """The municipalities reached by fewer activities than the threshold."""
        return [row.municipality for row in self.rows if row.thin]

    @property
    def fewest(self) -> list[MunicipalityRow]:
        """The municipalities reached by the fewest activities (ties included)."""
        low = min(row.activities for row in self.rows)
        return [row for row in self.rows if row.activities == low]


@dataclass(frozen=True)
class RiskRow:
    """An activity rated as a risk for a sustainability dimension."""

    activity: ActivityRef
    dimensions: list[Dimension]
    conflict_recorded: bool


@dataclass(frozen=True)
class SustainabilitySection:
    """Question 6: how the three sustainability dimensions were integrated, and the risks."""

    ratings: dict[Dimension, dict[Rating, int]]
    risks: list[RiskRow]


@dataclass(frozen=True)
class ConflictRow:
    """A goal conflict: between what, described how, handled how, and its state."""

    activity: ActivityRef
    between: list[str]
    description: str
    handling: str | None
    state: ConflictState


@dataclass(frozen=True)
class ConflictSection:
    """Question 7: the goal conflicts identified and how they were handled."""

    rows: list[ConflictRow]
    by_state: dict[ConflictState, int]

    @property
    def unhandled(self) -> list[ConflictRow]:
        """Conflicts with no handling described."""
        return [row for row in self.rows if not row.handling]


@dataclass(frozen=True)
class SamiRow:
    """An activity that affects Sámi conditions, with who was consulted and how."""

    activity: ActivityRef
    relevance: SamiRelevance
    consulted: list[str]
    consultation: str | None
    consulted_on: date | None

    @property
    def consulted_at_all(self) -> bool:
        """Whether anyone is recorded as consulted or a consultation is described."""
        return bool(self.consulted or self.consultation)


@dataclass(frozen=True)
class ConsultationRecordRow:
    """A consultation under Lag (2022:66) or a samråd held in the period, with its outcome."""

    area: Area
    id: str
    form: ConsultationForm
    activities: list[ActivityRef]
    actors: list[str]
    matter: str | None
    held: date | None
    concluded: date | None
    outcome: ConsultationOutcome | None
    documented: str | None  # the reference number, else where it is documented


@dataclass(frozen=True)
class SamiSection:
    """Question 8: activities affecting Sámi conditions, and whether there was consultation."""

    rows: list[SamiRow]
    unassessed_in_sami_area: list[ActivityRef]
    #: The plans' consultation records held or concluded in the period, with their outcomes.
    records: list[ConsultationRecordRow] = field(default_factory=list)

    @property
    def without_consultation(self) -> list[SamiRow]:
        """Affecting activities with no consultation recorded."""
        return [row for row in self.rows if not row.consulted_at_all]


@dataclass(frozen=True)
class LadderMove:
    """An actor that moved on the Samhandlingstrappan in one area during the window."""

    actor: str
    name: str
    area: Area
    old: LadderStep | None
    new: LadderStep | None


@dataclass(frozen=True)
class MeetingParticipation:
    """One mobilising meeting of the period: who took part, by helix type, and the registry share."""

    area: Area
    revision: str
    date: date
    place: str
    by_helix: dict[Helix, int]
    participants: int
    unknown: list[str]
    registry_share: float | None


@dataclass(frozen=True)
class ParticipationSection:
    """Question 9: actors per helix type, per meeting, and their steps on the Samhandlingstrappan."""

    registry_actors: dict[Helix, int]
    active_actors: dict[Helix, int]
    meetings: list[MeetingParticipation]
    sami_organisations_active: int
    ladder: dict[Area, dict[LadderStep, int]]
    moves: list[LadderMove]
    ladder_compared: bool
    unknown_actors: list[str]


@dataclass(frozen=True)
class PriorityShift:
    """How one long-term priority's weight changed from the start of the window to its end."""

    priority: Priority
    activities_before: int
    activities_after: int
    sek_before: int
    sek_after: int


@dataclass(frozen=True)
class LearningSection:
    """Question 10: what the learning loop changed in priorities, and why."""

    shifts: list[PriorityShift]
    added: list[ActivityRef]
    ended: list[tuple[ActivityRef, Status, str | None, str | None]]
    reprioritised: list[tuple[ActivityRef, list[Priority], list[Priority]]]
    phases: dict[Phase, int]
    meetings: list[MeetingNote]
    compared: bool


@dataclass(frozen=True)
class DocumentEvidence:
    """A document cited as evidence: its reference number, and the document it names.

    ``holder`` is ``programme`` for the programme file's own documents, else the strength area whose
    plan lists it; ``title`` is None when no document of the programme or the plans has the number.
    ``in_force`` says whether it was adopted by the end of the period (or has no adoption date).
    """

    reference: str
    title: str | None
    holder: str | None
    adopted: date | None
    in_force: bool


@dataclass(frozen=True)
class MeetingEvidence:
    """A mobilising meeting cited as evidence, named by its area and the revision it gave.

    ``date``, ``place`` and ``participants`` come from that revision of the plan (the working tree
    or a recorded revision); they are None when that revision is not among them.
    """

    area: Area
    revision: str
    date: date | None
    place: str | None
    participants: int | None
    in_period: bool


@dataclass(frozen=True)
class IndicatorEvidence:
    """An indicator cited as evidence, with its latest county value and verdict in the period."""

    id: str
    name: str | None
    area: Area | None
    unit: str
    latest: Point | None
    verdict: str | None
    in_period: bool


@dataclass(frozen=True)
class ActivityEvidence:
    """An activity cited as evidence, with its status; ``in_period`` when it ran in the period."""

    id: str
    activity: ActivityRef | None
    status: Status | None
    in_period: bool


@dataclass(frozen=True)
class CriterionRow:
    """One EU fulfilment criterion: the programme file's account of it and its evidence."""

    criterion: Criterion
    number: int
    summary: str | None
    documents: list[DocumentEvidence]
    meetings: list[MeetingEvidence]
    indicators: list[IndicatorEvidence]
    activities: list[ActivityEvidence]

    @property
    def evidenced(self) -> bool:
        """Whether at least one cited item exists in the programme file or the plans."""
        return (
            any(d.title is not None for d in self.documents)
            or bool(self.meetings)
            or any(i.name is not None for i in self.indicators)
            or any(a.activity is not None for a in self.activities)
        )

    @property
    def of_period(self) -> bool:
        """Whether some evidence belongs to the period: a document in force, a meeting held in it,
        an indicator value recorded for it or an activity running in it."""
        return (
            any(d.title is not None and d.in_force for d in self.documents)
            or any(m.in_period for m in self.meetings)
            or any(i.in_period for i in self.indicators)
            or any(a.in_period for a in self.activities)
        )


@dataclass(frozen=True)
class CriteriaSection:
    """The seven fulfilment criteria of enabling condition 1.1 (Regulation (EU) 2021/1060, Annex IV).

    ``rows`` holds all seven in the regulation's order; a criterion the programme file has no entry
    for has no summary and no evidence. ``has_programme`` is False without a programme file.
    """

    has_programme: bool
    programme_name: str | None
    responsible_body: str | None
    rows: list[CriterionRow]

    @property
    def lacking(self) -> list[Criterion]:
        """The criteria with no evidence that exists in the programme file or the plans."""
        return [row.criterion for row in self.rows if not row.evidenced]

    @property
    def not_of_period(self) -> list[Criterion]:
        """The criteria with evidence, none of which belongs to the period."""
        return [row.criterion for row in self.rows if row.evidenced and not row.of_period]


@dataclass(frozen=True)
class GoalRef:
    """A goal named on a side of a goal conflict, with the area whose plan holds it."""

    id: str
    title: str | None
    area: Area | None


@dataclass(frozen=True)
class SideActivity:
    """An activity named on a side of a goal conflict, with its status at the end of the period."""

    id: str
    activity: ActivityRef | None
    status: Status | None


@dataclass(frozen=True)
class ConflictSideRow:
    """One side of a goal conflict: the interest, and the goals and activities that carry it."""

    interest: str
    goals: list[GoalRef]
    activities: list[SideActivity]
    areas: list[Area]


#: Where a goal conflict is recorded: the programme file (across areas) or one activity of a plan.
ORIGIN_PROGRAMME = "programme"
ORIGIN_ACTIVITY = "activity"


@dataclass(frozen=True)
class CrossConflictRow:
    """A goal conflict with its sides and their strength areas, its handling, who handles it and its state.

    From the programme file (``origin`` ``programme``, ``id`` the conflict's id), or an activity's
    own conflict of the period (``origin`` ``activity``, ``id`` the activity's id; its sides are the
    interests it lies between, its area the activity's, and it is handled by the activity's lead).
    """

    origin: str
    id: str
    title: str
    description: str | None
    sides: list[ConflictSideRow]
    areas: list[Area]
    handling: str | None
    handled_by: list[str]
    state: ConflictState

    @property
    def across_areas(self) -> bool:
        """Whether the sides lie in more than one strength area."""
        return len(self.areas) > 1


@dataclass(frozen=True)
class CrossConflictSection:
    """Goal conflicts across strength areas: the programme file's, then the activities' of the period."""

    rows: list[CrossConflictRow]
    by_state: dict[ConflictState, int]

    @property
    def programme_rows(self) -> list[CrossConflictRow]:
        """The conflicts recorded in the programme file."""
        return [row for row in self.rows if row.origin == ORIGIN_PROGRAMME]

    @property
    def across(self) -> int:
        """How many conflicts have sides in more than one strength area."""
        return sum(1 for row in self.rows if row.across_areas)


@dataclass(frozen=True)
class EvaluationChangeRow:
    """A change to an activity made because of an evaluation: the activity, its title and the revision."""

    activity: str
    title: str | None
    revision: str
    description: str


@dataclass(frozen=True)
class EvaluationRow:
    """One evaluation reported in the period, with what it changed.

    ``evaluator`` is the organisation's name (from the actor registry, or as written in the plan);
    ``evaluator_id`` the registry id when there is one.
    """

    area: Area
    id: str
    kind: EvaluationKind
    evaluator: str | None
    evaluator_id: str | None
    date: date
    findings: str
    reference: str | None
    activities: list[str]
    changes: list[EvaluationChangeRow]


@dataclass(frozen=True)
class EvaluationSection:
    """The evaluations reported in the period (by date), and what changed because of them."""

    rows: list[EvaluationRow]

    @property
    def changes(self) -> int:
        """How many changes to activities the period's evaluations led to."""
        return sum(len(row.changes) for row in self.rows)


@dataclass(frozen=True)
class NationalAreaRow:
    """One strategic area of the national strategy: the activities serving it and their money.

    ``granted_sek`` and ``paid_sek`` are defined as in the funding section (:func:`granted_in`,
    :func:`paid_in`), over the activities in the report that serve the area.
    """

    national_area: NationalArea
    activities: int
    granted_sek: int
    paid_sek: int


@dataclass(frozen=True)
class NationalAreaSection:
    """Activities and money by the national strategy's four strategic areas.

    An activity serving several areas counts in each, so the rows add up to more than the whole:
    ``activities``, ``granted_sek`` and ``paid_sek`` are the whole, each activity counted once.
    """

    years: tuple[int, ...]
    rows: list[NationalAreaRow]
    activities: int
    granted_sek: int
    paid_sek: int
    several_areas: int
    without_area: list[ActivityRef]


@dataclass(frozen=True)
class Report:
    """The yearly report: the ten answers, computed from the plans and their recorded history."""

    window: Window
    today: date
    areas: list[Area]
    revisions: dict[Area, str]
    history: list[tuple[Area, str, datetime]]
    source: str
    actor_names: dict[str, str]
    status: StatusSection
    priorities: PrioritySection
    funding: FundingSection
    indicators: IndicatorSection
    municipalities: MunicipalitySection
    sustainability: SustainabilitySection
    conflicts: ConflictSection
    sami: SamiSection
    participation: ParticipationSection
    learning: LearningSection
    next_steps: NextStepsSection
    criteria: CriteriaSection
    cross_area_conflicts: CrossConflictSection
    evaluations: EvaluationSection
    national_areas: NationalAreaSection

    @property
    def has_history(self) -> bool:
        """Whether any revision in (or just before) the window is recorded in git."""
        return bool(self.history)


# --- computing -----------------------------------------------------------------------------------


def _period_parts(period: str) -> tuple[int, int]:
    return period_key(period)


def period_time(period: str) -> float:
    """A revision period on the scale of baseline and target years (``2026-2`` is 2026).

    A baseline or target year means the value for that whole year, known at its end; the autumn
    revision reports the year's value, the spring revision half a year less.
    """
    year, half = _period_parts(period)
    return year - (0.5 if half == 1 else 0.0)


def _ref(activity: Activity, area: Area) -> ActivityRef:
    return ActivityRef(activity.id, activity.title, area)


def in_window(activity: Activity, window: Window) -> bool:
    """Whether the activity's period overlaps the window (an open end runs on)."""
    start, end = activity.period.start, activity.period.end
    return start <= window.end_date and (end is None or end >= window.start_date)


def in_report(activity: Activity, window: Window) -> bool:
    """Whether the report counts the activity: its period overlaps the window, or it is planned work.

    Ideas and planned activities count whatever their dates, so that the work ahead (also what
    starts after the period) is in the status table and the next steps.
    """
    return in_window(activity, window) or activity.status in _NOT_STARTED


_NOT_STARTED = (Status.IDEA, Status.PLANNED)
_GRANTED = (FundingState.GRANTED, FundingState.PAID)
_PIPELINE = (FundingState.APPLIED, FundingState.PLANNED)


def granted_in(activity: Activity, years: Iterable[int]) -> int:
    """SEK granted to the activity in the given years: rows granted or paid out, by decision year."""
    wanted = set(years)
    return sum(
        line.amount_sek for line in activity.funding if line.state in _GRANTED and line.year in wanted
    )


def paid_in(activity: Activity, years: Iterable[int]) -> int:
    """SEK paid out to the activity in the given years, from the payments on its funding rows."""
    wanted = set(years)
    return sum(p.amount_sek for line in activity.funding for p in line.payments if p.year in wanted)


def pipeline(activity: Activity) -> int:
    """SEK applied for or planned and not yet decided, whatever its year."""
    return sum(line.amount_sek for line in activity.funding if line.state in _PIPELINE)


def build_report(data: ReportInput, today: date) -> Report:
    """Compute every section of the report from the plans and their recorded history."""
    plans = data.end.plans
    areas = [area for area in Area if area in plans]
    scoped: dict[Area, list[Activity]] = {}
    steps = _steps(data)
    changed_ids = {change.activity.id for step in steps for change in step.status_changes}
    for area in areas:
        scoped[area] = [
            a for a in plans[area].activities if in_report(a, data.window) or a.id in changed_ids
        ]
    history = sorted(
        {(r.area, r.revision, r.date) for r in (*data.revisions, *data.before.values())},
        key=lambda item: (item[2], item[0].value),
    )
    indicators = _indicator_section(plans, data)
    return Report(
        window=data.window,
        today=today,
        areas=areas,
        revisions={area: plans[area].revision for area in areas},
        history=history,
        source=data.source,
        actor_names={a.id: a.name for a in (data.end.registry.actors if data.end.registry else [])},
        status=_status_section(plans, scoped, steps, data),
        priorities=_priority_section(scoped, data.window.years),
        funding=_funding_section(plans, scoped, data.window),
        indicators=indicators,
        municipalities=_municipality_section(scoped),
        sustainability=_sustainability_section(scoped),
        conflicts=_conflict_section(scoped),
        sami=_sami_section(plans, scoped, data.window),
        participation=_participation_section(plans, scoped, data),
        learning=_learning_section(plans, scoped, steps, data),
        next_steps=_next_steps(scoped, data.window),
        criteria=criteria_section(data, indicators),
        cross_area_conflicts=cross_conflict_section(data, scoped),
        evaluations=evaluation_section(data),
        national_areas=national_area_section(scoped, data.window.years),
    )


def _meetings(plans: dict[Area, Plan]) -> list[MeetingNote]:
    return [
        MeetingNote(
            area,
            plan.revision,
            plan.meeting.date,
            plan.meeting.place,
            len(plan.meeting.participants),
            plan.meeting.notes,
        )
        for area, plan in plans.items()
    ]


def _chains(data: ReportInput) -> dict[Area, list[RecordedRevision]]:
    """Per area, the revision before the window (if recorded) followed by those inside it."""
    chains: dict[Area, list[RecordedRevision]] = defaultdict(list)
    for area, before in data.before.items():
        chains[area].append(before)
    for revision in data.revisions:
        chains[revision.area].append(revision)
    for area, chain in chains.items():
        chain.sort(key=lambda r: (revision_key(r.revision), r.date))
        # A revision in the working tree not yet tagged still shows what changed since the last tag.
        current = data.end.plans.get(area)
        if current is not None and data.window.contains(current.revision) and revision_key(current.revision) > revision_key(chain[-1].revision):
            when = datetime.combine(current.meeting.date, datetime.min.time())
            chain.append(RecordedRevision(area, current.revision, "", when, current))
    return chains


def _steps(data: ReportInput) -> list[RevisionStep]:
    steps: list[RevisionStep] = []
    for area, chain in sorted(_chains(data).items(), key=lambda item: list(Area).index(item[0])):
        for old, new in pairwise(chain):
            steps.append(compare_plans(area, old.plan, new.plan, old.date, new.date))
    return steps


def compare_plans(
    area: Area, old: Plan, new: Plan, old_date: datetime | None, new_date: datetime
) -> RevisionStep:
    """What changed in one area's plan from one revision to the next.

    Read off the semantic diff that ``rus diff`` shows (:func:`rus.timeline.changes.diff_plans`),
    so the report and ``rus diff`` cannot disagree on which activities were added, which changed
    status or priorities, and which indicator values are new. Activities are listed in the plan's
    order.
    """
    from rus.timeline.changes import Side, diff_plans, new_actuals, priority_change

    changes = diff_plans(old, new, Side(old.revision, old.revision), Side(new.revision, new.revision), area)
    by_id = {item.id: item for item in changes.items if item.kind == "activity"}
    added: list[ActivityRef] = []
    status_changes: list[StatusChange] = []
    reprioritised: list[tuple[ActivityRef, list[Priority], list[Priority]]] = []
    for activity in new.activities:
        item = by_id.get(activity.id)
        if item is None:
            continue
        if item.change == "added":
            added.append(_ref(activity, area))
            continue
        status = item.status_change
        if status is not None:
            status_changes.append(
                StatusChange(
                    _ref(activity, area),
                    Status(status.old),
                    Status(status.new),
                    old.revision,
                    new.revision,
                    activity.status_note,
                )
            )
        priorities = priority_change(item)
        if priorities is not None:
            before, after = priorities
            reprioritised.append(
                (_ref(activity, area), [Priority(p) for p in before], [Priority(p) for p in after])
            )
    return RevisionStep(
        area,
        old.revision,
        new.revision,
        old_date,
        new_date,
        added,
        status_changes,
        reprioritised,
        len(new_actuals(changes)),
        dict(changes.summary.counts),
    )


def _status_section(
    plans: dict[Area, Plan],
    scoped: dict[Area, list[Activity]],
    steps: list[RevisionStep],
    data: ReportInput,
) -> StatusSection:
    counts: dict[Area, dict[Status, int]] = {}
    totals: Counter[Status] = Counter()
    for area, activities in scoped.items():
        per = Counter(a.status for a in activities)
        counts[area] = {status: per.get(status, 0) for status in STATUS_ORDER}
        totals.update(per)
    all_count = sum(len(plan.activities) for plan in plans.values())
    in_scope = sum(len(v) for v in scoped.values())
    ended: list[tuple[ActivityRef, Status, str | None]] = []
    recorded_end = {
        c.activity.id
        for step in steps
        for c in step.status_changes
        if c.new in (Status.COMPLETED, Status.CANCELLED)
    }
    for area, activities in scoped.items():
        for activity in activities:
            if activity.status not in (Status.COMPLETED, Status.CANCELLED):
                continue
            end = activity.period.end
            ended_in_window = activity.id in recorded_end or (
                end is not None and data.window.start_date <= end <= data.window.end_date
            )
            if ended_in_window or activity.status is Status.CANCELLED:
                ended.append((_ref(activity, area), activity.status, activity.status_note))
    return StatusSection(
        counts=counts,
        totals={status: totals.get(status, 0) for status in STATUS_ORDER},
        in_scope=in_scope,
        out_of_scope=all_count - in_scope,
        ended=ended,
        steps=steps,
        meetings=_meetings(plans),
    )


def _all(scoped: dict[Area, list[Activity]]) -> Iterable[tuple[Area, Activity]]:
    for area, activities in scoped.items():
        for activity in activities:
            yield area, activity


def _priority_totals(
    scoped: dict[Area, list[Activity]], years: Iterable[int]
) -> dict[Priority, tuple[int, int, int]]:
    totals: dict[Priority, tuple[int, int, int]] = {}
    wanted = tuple(years)
    for priority in Priority:
        serving = [a for _, a in _all(scoped) if priority in a.priorities]
        granted = sum(granted_in(a, wanted) for a in serving)
        totals[priority] = (len(serving), granted, sum(pipeline(a) for a in serving))
    return totals


def _priority_section(scoped: dict[Area, list[Activity]], years: Iterable[int]) -> PrioritySection:
    rows = [PriorityRow(p, n, g, pl) for p, (n, g, pl) in _priority_totals(scoped, years).items()]
    without = [_ref(a, area) for area, a in _all(scoped) if not a.priorities]
    return PrioritySection(rows, without)


def _funding_section(
    plans: dict[Area, Plan], scoped: dict[Area, list[Activity]], window: Window
) -> FundingSection:
    years = set(window.years)
    table: dict[tuple[FundingSource, Instrument], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    undated = 0
    undated_ids: list[str] = []
    # The period's money is every row dated in it, whichever activity it belongs to (a payment
    # on an activity that ended last year is this year's money).
    for plan in plans.values():
        for activity in plan.activities:
            for line in activity.funding:
                cell = table[(line.source, line.instrument)]
                cell[1] += sum(p.amount_sek for p in line.payments if p.year in years)
                if line.year is None:
                    if line.state in _GRANTED and activity in scoped.get(plan.area, []):
                        undated += line.amount_sek
                        if activity.id not in undated_ids:
                            undated_ids.append(activity.id)
                    continue
                if line.year not in years:
                    continue
                if line.state in _GRANTED:
                    cell[0] += line.amount_sek
                elif line.state in _PIPELINE:
                    cell[2] += line.amount_sek
                else:
                    cell[3] += line.amount_sek
    order = {s: i for i, s in enumerate(FundingSource)}, {s: i for i, s in enumerate(Instrument)}
    rows = [
        FundingRow(source, instrument, *amounts)
        for (source, instrument), amounts in sorted(
            table.items(), key=lambda kv: (order[0][kv[0][0]], order[1][kv[0][1]])
        )
        if any(amounts)
    ]
    per_source: Counter[FundingSource] = Counter()
    for row in rows:
        per_source[row.source] += row.granted_sek
    granted = sum(r.granted_sek for r in rows)
    region = sum(r.granted_sek for r in rows if r.source not in CO_FUNDING_SOURCES)
    in_report = [a for _, a in _all(scoped)]
    return FundingSection(
        years=window.years,
        rows=rows,
        per_source={s: per_source[s] for s in FundingSource if per_source[s]},
        granted_sek=granted,
        paid_sek=sum(r.paid_sek for r in rows),
        pipeline_sek=sum(r.pipeline_sek for r in rows),
        rejected_sek=sum(r.rejected_sek for r in rows),
        region_granted_sek=region,
        co_funding_sek=granted - region,
        undated_granted_sek=undated,
        undated_activities=undated_ids,
        lifetime_granted_sek=sum(
            line.amount_sek for a in in_report for line in a.funding if line.state in _GRANTED
        ),
        lifetime_paid_sek=sum(p.amount_sek for a in in_report for line in a.funding for p in line.payments),
        lifetime_activities=sum(1 for a in in_report if a.funding),
    )


#: Verdicts on an indicator, as message ids translated by the renderers.
VERDICT_REACHED = "reached"
VERDICT_ON_TRACK = "on-track"
VERDICT_BEHIND = "behind"
VERDICT_WRONG_WAY = "wrong-way"
VERDICT_NO_DATA = "no-data"
VERDICTS = (VERDICT_REACHED, VERDICT_ON_TRACK, VERDICT_BEHIND, VERDICT_WRONG_WAY, VERDICT_NO_DATA)


def indicator_progress(indicator: Indicator, value: float) -> float | None:
    """How far a value has come from baseline to target: 0 at the baseline, 1 at the target.

    The same judgement as ``rus diff`` (:func:`rus.timeline.changes.progress_fraction`): ``None`` for a
    target of holding the baseline, which has no way to go.
    """
    from rus.timeline.changes import progress_fraction

    return progress_fraction(indicator.baseline.value, indicator.target.value, value)


def holds_target(indicator: Indicator, value: float) -> bool:
    """Whether a value is on the right side of the target (at it, or beyond it)."""
    goal = indicator.target.value
    return value >= goal if indicator.higher_is_better else value <= goal


def expected_progress(indicator: Indicator, period: str) -> float:
    """The share of the way a straight line from baseline to target has come by ``period``."""
    start, end = float(indicator.baseline.year), float(indicator.target.year)
    if end <= start:
        return 1.0
    return min(1.0, max(0.0, (period_time(period) - start) / (end - start)))


def county_trajectory(indicator: Indicator, last_period: str | None = None) -> list[Point]:
    """The county-level actuals in period order (the last one recorded for a period wins)."""
    values: dict[str, float] = {}
    for actual in indicator.actuals:
        if actual.municipality is None and (last_period is None or period_key(actual.period) <= period_key(last_period)):
            values[actual.period] = actual.value
    return [Point(period, values[period]) for period in sorted(values, key=period_key)]


def judge_indicator(
    indicator: Indicator, latest: Point | None
) -> tuple[str, float | None, float | None]:
    """The verdict on an indicator's latest value, its progress and the progress expected."""
    if latest is None:
        return VERDICT_NO_DATA, None, None
    progress = indicator_progress(indicator, latest.value)
    expected = expected_progress(indicator, latest.period)
    if progress is None:
        # a target of holding the baseline: met while the value is on the right side of it
        return (VERDICT_REACHED if holds_target(indicator, latest.value) else VERDICT_WRONG_WAY), None, expected
    if progress >= 1.0:
        verdict = VERDICT_REACHED
    elif progress < 0:
        verdict = VERDICT_WRONG_WAY
    elif progress >= expected:
        verdict = VERDICT_ON_TRACK
    else:
        verdict = VERDICT_BEHIND
    return verdict, progress, expected


def _indicator_section(plans: dict[Area, Plan], data: ReportInput) -> IndicatorSection:
    earlier: dict[tuple[str, str], set[float]] = defaultdict(set)
    for recorded in (*data.before.values(), *data.revisions):
        for indicator in recorded.plan.indicators:
            for point in county_trajectory(indicator):
                earlier[(indicator.id, point.period)].add(point.value)
    rows: list[IndicatorRow] = []
    for area, plan in plans.items():
        for indicator in plan.indicators:
            trajectory = county_trajectory(indicator, data.window.last)
            latest = trajectory[-1] if trajectory else None
            verdict, progress, expected = judge_indicator(indicator, latest)
            revised = [
                p.period
                for p in trajectory
                if earlier.get((indicator.id, p.period), {p.value}) - {p.value}
            ]
            rows.append(
                IndicatorRow(
                    area,
                    indicator.id,
                    indicator.name,
                    indicator.unit,
                    indicator.higher_is_better,
                    Point(str(indicator.baseline.year), indicator.baseline.value),
                    Point(str(indicator.target.year), indicator.target.value),
                    trajectory,
                    latest,
                    progress,
                    expected,
                    verdict,
                    revised,
                    municipal_values(indicator, data.window),
                )
            )
    return IndicatorSection(rows)


def municipal_values(indicator: Indicator, window: Window) -> list[MunicipalValue]:
    """Per municipality, the indicator's latest value recorded up to the end of the window."""
    latest: dict[Municipality, Point] = {}
    for actual in indicator.actuals:
        if actual.municipality is None or actual.period > window.last:
            continue
        known = latest.get(actual.municipality)
        if known is None or actual.period >= known.period:
            latest[actual.municipality] = Point(actual.period, actual.value)
    return [
        MunicipalValue(m, latest[m].period, latest[m].value) for m in Municipality if m in latest
    ]


def _municipality_section(scoped: dict[Area, list[Activity]]) -> MunicipalitySection:
    from rus.base.vocab import MUNICIPALITY_INFO

    counts: Counter[Municipality] = Counter()
    whole = 0
    naming = 0
    for _, activity in _all(scoped):
        if activity.whole_county:
            whole += 1
        if activity.municipalities:
            naming += 1
        for municipality in set(activity.municipalities):
            counts[municipality] += 1
    mean = sum(counts.values()) / len(Municipality)
    # Thin: named by fewer than half the mean number of activities per municipality.
    threshold = mean / 2
    rows = [
        MunicipalityRow(
            m,
            counts[m],
            MUNICIPALITY_INFO[m].sami_area,
            counts[m] < threshold or counts[m] == 0,
        )
        for m in Municipality
    ]
    return MunicipalitySection(rows, whole, mean, threshold, naming)


def _sustainability_section(scoped: dict[Area, list[Activity]]) -> SustainabilitySection:
    ratings: dict[Dimension, dict[Rating, int]] = {d: dict.fromkeys(Rating, 0) for d in Dimension}
    risks: list[RiskRow] = []
    for area, activity in _all(scoped):
        rated = {
            Dimension(name): getattr(activity.sustainability, name)
            for name in ("social", "economic", "environmental")
        }
        for dimension, rating in rated.items():
            ratings[dimension][rating] += 1
        at_risk = [d for d, r in rated.items() if r is Rating.RISK]
        if at_risk:
            risks.append(RiskRow(_ref(activity, area), at_risk, bool(activity.goal_conflicts)))
    return SustainabilitySection(ratings, risks)


def _conflict_section(scoped: dict[Area, list[Activity]]) -> ConflictSection:
    rows = [
        ConflictRow(_ref(activity, area), list(c.between), c.description, c.handling, c.state)
        for area, activity in _all(scoped)
        for c in activity.goal_conflicts
    ]
    states = Counter(row.state for row in rows)
    return ConflictSection(rows, {s: states.get(s, 0) for s in ConflictState})


def _sami_section(plans: dict[Area, Plan], scoped: dict[Area, list[Activity]], window: Window) -> SamiSection:
    from rus.base.vocab import MUNICIPALITY_INFO

    rows: list[SamiRow] = []
    unassessed: list[ActivityRef] = []
    for area, activity in _all(scoped):
        if activity.sami is None:
            reaches_sapmi = activity.whole_county or any(
                MUNICIPALITY_INFO[m].sami_area for m in activity.municipalities
            )
            if reaches_sapmi:
                unassessed.append(_ref(activity, area))
            continue
        if activity.sami.relevance is not SamiRelevance.NONE:
            # the plan's consultation records that name the activity (the latest one's text and date)
            records = [c for c in plans[area].consultations if activity.id in c.activities] if area in plans else []
            latest = max(records, key=lambda c: c.date or date.min, default=None)
            rows.append(
                SamiRow(
                    _ref(activity, area),
                    activity.sami.relevance,
                    list(dict.fromkeys(actor for c in records for actor in c.actors)),
                    (latest.matter or latest.notes) if latest is not None else None,
                    latest.date if latest is not None else None,
                )
            )
    in_period: list[ConsultationRecordRow] = []
    for area, plan in plans.items():
        titles = {a.id: a for a in plan.activities}
        for record in plan.consultations:
            days = [d for d in (record.date, record.concluded) if d is not None]
            if not any(window.start_date <= d <= window.end_date for d in days):
                continue
            in_period.append(
                ConsultationRecordRow(
                    area,
                    record.id,
                    record.form,
                    [_ref(titles[i], area) for i in record.activities if i in titles],
                    list(record.actors),
                    record.matter,
                    record.date,
                    record.concluded,
                    record.outcome,
                    record.reference or record.documented_in,
                )
            )
    in_period.sort(key=lambda r: (r.held or r.concluded or date.min, r.id))
    return SamiSection(rows, unassessed, in_period)


def _participation_section(
    plans: dict[Area, Plan], scoped: dict[Area, list[Activity]], data: ReportInput
) -> ParticipationSection:
    registry = data.end.registry
    actors = {actor.id: actor for actor in (registry.actors if registry else [])}
    active: set[str] = set()
    for _, activity in _all(scoped):
        active.update(activity.lead)
        active.update(p.actor for p in activity.partners)

    def per_helix(ids: Iterable[str]) -> dict[Helix, int]:
        counts = Counter(actors[i].helix for i in ids if i in actors)
        return {h: counts.get(h, 0) for h in Helix}

    meetings: list[MeetingParticipation] = []
    seen_meetings: set[tuple[Area, str]] = set()
    sources = [plan for chain in _chains(data).values() for plan in (r.plan for r in chain)]
    for plan in (*sources, *plans.values()):
        key = (plan.area, plan.revision)
        when = plan.meeting.date
        if key in seen_meetings or not data.window.start_date <= when <= data.window.end_date:
            continue
        seen_meetings.add(key)
        present = sorted(set(plan.meeting.participants))
        known = [i for i in present if i in actors]
        meetings.append(
            MeetingParticipation(
                plan.area,
                plan.revision,
                when,
                plan.meeting.place,
                per_helix(known),
                len(present),
                [i for i in present if i not in actors],
                len(known) / len(actors) if actors else None,
            )
        )
    meetings.sort(key=lambda m: (list(Area).index(m.area), m.date))
    met = {i for plan in plans.values() for i in plan.meeting.participants}

    ladder: dict[Area, dict[LadderStep, int]] = {}
    for area in plans:
        steps = Counter(actor.ladder[area] for actor in actors.values() if area in actor.ladder)
        ladder[area] = {s: steps.get(s, 0) for s in LadderStep}
    moves: list[LadderMove] = []
    compared = data.start_registry is not None
    if data.start_registry is not None:
        before = {actor.id: actor for actor in data.start_registry.actors}
        for actor_id, actor in actors.items():
            old_actor = before.get(actor_id)
            for area in plans:
                old = old_actor.ladder.get(area) if old_actor else None
                new = actor.ladder.get(area)
                if old != new:
                    moves.append(LadderMove(actor_id, actor.name, area, old, new))
    return ParticipationSection(
        registry_actors=per_helix(actors),
        active_actors=per_helix(active),
        meetings=meetings,
        sami_organisations_active=sum(
            1 for i in active if i in actors and actors[i].sami_organisation
        ),
        ladder=ladder,
        moves=moves,
        ladder_compared=compared,
        unknown_actors=sorted((active | met) - set(actors)),
    )


def _learning_section(
    plans: dict[Area, Plan],
    scoped: dict[Area, list[Activity]],
    steps: list[RevisionStep],
    data: ReportInput,
) -> LearningSection:
    chains = _chains(data)
    compared = any(len(chain) >= 2 for chain in chains.values())
    start_plans: dict[Area, list[Activity]] = {}
    for area, chain in chains.items():
        if len(chain) >= 2:
            start_plans[area] = [a for a in chain[0].plan.activities if in_window(a, data.window)]
    shifts: list[PriorityShift] = []
    if compared:
        end_subset = {area: acts for area, acts in scoped.items() if area in start_plans}
        before_totals = _priority_totals(start_plans, data.window.years)
        after_totals = _priority_totals(end_subset, data.window.years)
        for priority in Priority:
            b, a = before_totals[priority], after_totals[priority]
            shifts.append(PriorityShift(priority, b[0], a[0], b[1] + b[2], a[1] + a[2]))
    added = [ref for step in steps for ref in step.added]
    by_id = {a.id: a for _, a in _all(scoped)}
    ended: list[tuple[ActivityRef, Status, str | None, str | None]] = []
    seen: set[str] = set()
    for step in steps:
        for change in step.status_changes:
            if change.new in (Status.CANCELLED, Status.COMPLETED, Status.PAUSED):
                current = by_id.get(change.activity.id)
                ended.append(
                    (
                        change.activity,
                        change.new,
                        change.note,
                        current.replaced_by if current else None,
                    )
                )
                seen.add(change.activity.id)
    # Without recorded changes the plans still say what was cancelled or replaced, and why.
    for area, activity in _all(scoped):
        if activity.id not in seen and (
            activity.status is Status.CANCELLED or activity.replaced_by
        ):
            ended.append(
                (_ref(activity, area), activity.status, activity.status_note, activity.replaced_by)
            )
    reprioritised = [item for step in steps for item in step.priority_changes]
    # where the plans stand in the learning cycle: the steps their meetings worked on
    phases = Counter(step for plan in plans.values() for step in plan.meeting.cycle)
    return LearningSection(
        shifts=shifts,
        added=added,
        ended=ended,
        reprioritised=reprioritised,
        phases={p: phases.get(p, 0) for p in Phase},
        meetings=_meetings(plans),
        compared=compared,
    )



def _next_steps(scoped: dict[Area, list[Activity]], window: Window) -> NextStepsSection:
    """Ideas, planned activities and activities starting after the period, and the milestones of
    the year after it."""
    after = window.end_date
    until = date(after.year + 1, after.month, after.day)
    steps: list[NextStep] = []
    for area, activity in _all(scoped):
        if activity.status in (Status.COMPLETED, Status.CANCELLED):
            continue
        ahead = [
            (m.date, m.title)
            for m in sorted(activity.milestones, key=lambda m: m.date)
            if not m.done and after < m.date <= until
        ]
        if activity.status in _NOT_STARTED or activity.period.start > after or ahead:
            steps.append(NextStep(_ref(activity, area), activity.status, activity.period.start, ahead))
    steps.sort(key=lambda step: (step.start, step.activity.id))
    return NextStepsSection(steps, until)


def number(value: float, lang: Lang, decimals: int = 0) -> str:
    """A number with thousands separated: a narrow space in Swedish, a comma in English."""
    if decimals == 0 and float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.{decimals or 1}f}"
    if lang == "sv":
        return text.replace(",", "\u202f").replace(".", ",")
    return text


def years_text(years: tuple[int, ...]) -> str:
    """The report's years as a reader writes them: 2026, or 2025–2026."""
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


# --- the programme file: EU fulfilment criteria and goal conflicts across areas -------------------


def _plan_at(data: ReportInput, area: Area, revision: str) -> Plan | None:
    """The area's plan at a revision: the plans at the period's end, or a recorded revision."""
    current = data.end.plans.get(area)
    if current is not None and current.revision == revision:
        return current
    for recorded in (*data.revisions, *data.before.values()):
        if recorded.area is area and recorded.revision == revision:
            return recorded.plan
    return None


def criteria_section(data: ReportInput, indicators: IndicatorSection) -> CriteriaSection:
    """Each fulfilment criterion with its evidence, named and linked to the period's statuses and values."""
    programme = data.end.programme
    if programme is None:
        return CriteriaSection(False, None, None, [CriterionRow(c, c.number, None, [], [], [], []) for c in Criterion])
    plans = data.end.plans
    window = data.window
    documents: dict[str, tuple[str, str, date | None]] = {}
    for area, plan in plans.items():
        for document in plan.documents:
            if document.reference is not None:
                documents.setdefault(document.reference, (document.title, area.value, document.adopted))
    for document in programme.documents:  # the programme's own documents first
        if document.reference is not None:
            documents[document.reference] = (document.title, ORIGIN_PROGRAMME, document.adopted)
    activities = {a.id: (a, area) for area, plan in plans.items() for a in plan.activities}
    by_indicator = {row.id: row for row in indicators.rows}
    entries = {entry.criterion: entry for entry in programme.criteria}
    rows: list[CriterionRow] = []
    for criterion in Criterion:
        entry = entries.get(criterion)
        if entry is None:
            rows.append(CriterionRow(criterion, criterion.number, None, [], [], [], []))
            continue
        cited_documents = []
        for reference in entry.documents:
            title, holder, adopted = documents.get(reference, (None, None, None))
            cited_documents.append(
                DocumentEvidence(reference, title, holder, adopted, adopted is None or adopted <= window.end_date)
            )
        meetings = []
        for ref in entry.meetings:
            cited = _plan_at(data, ref.area, ref.revision)
            meeting = cited.meeting if cited is not None else None
            meetings.append(
                MeetingEvidence(
                    ref.area,
                    ref.revision,
                    meeting.date if meeting else None,
                    meeting.place if meeting else None,
                    len(set(meeting.participants)) if meeting else None,
                    window.start_date <= meeting.date <= window.end_date if meeting else window.contains(ref.revision),
                )
            )
        cited_indicators = []
        for ident in entry.indicators:
            row = by_indicator.get(ident)
            if row is None:
                cited_indicators.append(IndicatorEvidence(ident, None, None, "", None, None, False))
                continue
            cited_indicators.append(
                IndicatorEvidence(
                    ident,
                    row.name,
                    row.area,
                    row.unit,
                    row.latest,
                    row.verdict,
                    any(window.contains(p.period) for p in row.trajectory),
                )
            )
        cited_activities = []
        for ident in entry.activities:
            found = activities.get(ident)
            if found is None:
                cited_activities.append(ActivityEvidence(ident, None, None, False))
                continue
            activity, area = found
            cited_activities.append(
                ActivityEvidence(ident, _ref(activity, area), activity.status, in_window(activity, window))
            )
        rows.append(
            CriterionRow(
                criterion,
                criterion.number,
                entry.summary,
                cited_documents,
                meetings,
                cited_indicators,
                cited_activities,
            )
        )
    return CriteriaSection(True, programme.programme.name, programme.programme.responsible_body, rows)


def cross_conflict_section(data: ReportInput, scoped: dict[Area, list[Activity]]) -> CrossConflictSection:
    """The programme file's goal conflicts, with each side's goals, activities and areas, then the
    goal conflicts recorded on the activities of the period."""
    plans = data.end.plans
    goals = {g.id: (g.title, area) for area, plan in plans.items() for g in plan.goals}
    activities = {a.id: (a, area) for area, plan in plans.items() for a in plan.activities}
    order = list(Area)
    rows: list[CrossConflictRow] = []
    programme = data.end.programme
    for conflict in programme.conflicts if programme is not None else []:
        sides: list[ConflictSideRow] = []
        for side in conflict.sides:
            side_goals = [GoalRef(g, *goals.get(g, (None, None))) for g in side.goals]
            side_activities = []
            for ident in side.activities:
                found = activities.get(ident)
                if found is None:
                    side_activities.append(SideActivity(ident, None, None))
                else:
                    side_activities.append(SideActivity(ident, _ref(found[0], found[1]), found[0].status))
            areas = {g.area for g in side_goals if g.area is not None}
            areas |= {a.activity.area for a in side_activities if a.activity is not None}
            sides.append(ConflictSideRow(side.interest, side_goals, side_activities, sorted(areas, key=order.index)))
        all_areas = sorted({area for side in sides for area in side.areas}, key=order.index)
        rows.append(
            CrossConflictRow(
                ORIGIN_PROGRAMME,
                conflict.id,
                conflict.title,
                conflict.description,
                sides,
                all_areas,
                conflict.handling,
                list(conflict.handled_by),
                conflict.state,
            )
        )
    for area, activity in _all(scoped):
        for own in activity.goal_conflicts:
            rows.append(
                CrossConflictRow(
                    ORIGIN_ACTIVITY,
                    activity.id,
                    activity.title,
                    own.description,
                    [ConflictSideRow(interest, [], [], [area]) for interest in own.between],
                    [area],
                    own.handling,
                    list(activity.lead),
                    own.state,
                )
            )
    states = Counter(row.state for row in rows)
    return CrossConflictSection(rows, {s: states.get(s, 0) for s in ConflictState})


# --- evaluations and the national strategy's strategic areas -------------------------------------


def evaluation_section(data: ReportInput) -> EvaluationSection:
    """The evaluations dated in the period, from every plan, with the changes they led to."""
    window = data.window
    names = {a.id: a.name for a in (data.end.registry.actors if data.end.registry else [])}
    rows: list[EvaluationRow] = []
    for area in Area:
        plan = data.end.plans.get(area)
        if plan is None:
            continue
        titles = {a.id: a.title for a in plan.activities}
        for evaluation in plan.evaluations:
            if not window.start_date <= evaluation.date <= window.end_date:
                continue
            evaluator = (
                names.get(evaluation.evaluator, evaluation.evaluator)
                if evaluation.evaluator is not None
                else evaluation.evaluator_name
            )
            rows.append(
                EvaluationRow(
                    area=area,
                    id=evaluation.id,
                    kind=evaluation.kind,
                    evaluator=evaluator,
                    evaluator_id=evaluation.evaluator,
                    date=evaluation.date,
                    findings=evaluation.findings,
                    reference=evaluation.reference,
                    activities=list(evaluation.activities),
                    changes=[
                        EvaluationChangeRow(c.activity, titles.get(c.activity), c.revision, c.description)
                        for c in evaluation.changes
                    ],
                )
            )
    rows.sort(key=lambda row: (row.date, list(Area).index(row.area), row.id))
    return EvaluationSection(rows)


def national_area_section(scoped: dict[Area, list[Activity]], years: Iterable[int]) -> NationalAreaSection:
    """Per strategic area of the national strategy: the report's activities serving it and their money."""
    wanted = tuple(years)
    activities = [a for _, a in _all(scoped)]
    rows = []
    for national in NationalArea:
        serving = [a for a in activities if national in a.national_areas]
        rows.append(
            NationalAreaRow(
                national,
                len(serving),
                sum(granted_in(a, wanted) for a in serving),
                sum(paid_in(a, wanted) for a in serving),
            )
        )
    with_area = [a for a in activities if a.national_areas]
    return NationalAreaSection(
        years=wanted,
        rows=rows,
        activities=len(with_area),
        granted_sek=sum(granted_in(a, wanted) for a in with_area),
        paid_sek=sum(paid_in(a, wanted) for a in with_area),
        several_areas=sum(1 for a in with_area if len(set(a.national_areas)) > 1),
        without_area=[_ref(a, area) for area, a in _all(scoped) if not a.national_areas],
    )
