"""The yearly report as data: one section per question the region answers to the government.

Everything here is computed from the plans (their periods, statuses, funding, indicator actuals,
municipalities, sustainability ratings, goal conflicts, Sámi consultation and the actor registry)
and, where revisions are recorded as tags, from their history. Nothing is rendered here: the
renderers in :mod:`rus.render` turn a :class:`Report` into HTML, Markdown or text.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from itertools import pairwise

from rus.models import Activity, ActorRegistry, Indicator, Plan
from rus.revision import period_key, revision_half_key, revision_key
from rus.vocab import (
    CO_FUNDING_SOURCES,
    Area,
    ConflictState,
    Dimension,
    FundingSource,
    FundingState,
    Helix,
    Instrument,
    LadderStep,
    Municipality,
    Phase,
    Priority,
    Rating,
    SamiRelevance,
    Status,
)

#: The statuses the first question asks about, in the order they are shown.
STATUS_ORDER: tuple[Status, ...] = tuple(Status)


@dataclass(frozen=True)
class PlansAt:
    """The plans and the actor registry as they stood at one point (working tree or commit)."""

    plans: dict[Area, Plan]
    registry: ActorRegistry | None


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


@dataclass(frozen=True)
class ReportInput:
    """What a report is computed from: the plans at the window's end and the recorded history."""

    end: PlansAt
    window: Window
    revisions: tuple[RecordedRevision, ...] = ()
    before: dict[Area, RecordedRevision] = field(default_factory=dict)
    start_registry: ActorRegistry | None = None
    source: str = ""
    #: Per (area, from tag, to tag): how many items of the plan changed, by category (added,
    #: removed, replaced, cancelled, completed, changed), from the semantic diff of :mod:`rus.changes`.
    diffs: dict[tuple[Area, str, str], dict[str, int]] = field(default_factory=dict)


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
    """Activities and money serving one long-term priority."""

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
    """Money from one source through one instrument, by funding state."""

    source: FundingSource
    instrument: Instrument
    by_state: dict[FundingState, int]

    @property
    def committed(self) -> int:
        """Granted plus applied plus planned: every line that is not rejected."""
        return sum(v for k, v in self.by_state.items() if k is not FundingState.REJECTED)


@dataclass(frozen=True)
class FundingSection:
    """Question 3: money per source and instrument, and the co-funding drawn in."""

    rows: list[FundingRow]
    per_source: dict[FundingSource, int]
    granted_total: int
    committed_total: int
    rejected_total: int
    own_granted: int
    co_funding_granted: int

    @property
    def leverage(self) -> float | None:
        """Granted co-funding per krona of the region's own granted money (None without any)."""
        return self.co_funding_granted / self.own_granted if self.own_granted else None


@dataclass(frozen=True)
class Point:
    """An indicator value in one revision period."""

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


@dataclass(frozen=True)
class IndicatorSection:
    """Question 4: what the indicators showed against baseline and target."""

    rows: list[IndicatorRow]

    def count(self, verdict: str) -> int:
        """How many indicators have the given verdict."""
        return sum(1 for row in self.rows if row.verdict == verdict)


@dataclass(frozen=True)
class MunicipalityRow:
    """Question 5, one municipality: activities reaching it by name, and SEK of those."""

    municipality: Municipality
    activities: int
    granted_sek: int
    sami_area: bool
    thin: bool


@dataclass(frozen=True)
class MunicipalitySection:
    """Question 5: where in the county the efforts landed, with the thin municipalities named."""

    rows: list[MunicipalityRow]
    whole_county: int
    mean: float
    threshold: float

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
class SamiSection:
    """Question 8: activities affecting Sámi conditions, and whether there was consultation."""

    rows: list[SamiRow]
    unassessed_in_sami_area: list[ActivityRef]

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
class ParticipationSection:
    """Question 9: actors per helix type and their steps on the Samhandlingstrappan."""

    registry_actors: dict[Helix, int]
    active_actors: dict[Helix, int]
    meeting_actors: dict[Helix, int]
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


def _money(activity: Activity, states: Iterable[FundingState]) -> int:
    wanted = set(states)
    return sum(line.amount_sek for line in activity.funding if line.state in wanted)


_PIPELINE = (FundingState.APPLIED, FundingState.PLANNED)


def build_report(data: ReportInput, today: date) -> Report:
    """Compute every section of the report from the plans and their recorded history."""
    plans = data.end.plans
    areas = [area for area in Area if area in plans]
    scoped: dict[Area, list[Activity]] = {}
    steps = _steps(data)
    changed_ids = {change.activity.id for step in steps for change in step.status_changes}
    for area in areas:
        scoped[area] = [
            a for a in plans[area].activities if in_window(a, data.window) or a.id in changed_ids
        ]
    history = sorted(
        {(r.area, r.revision, r.date) for r in (*data.revisions, *data.before.values())},
        key=lambda item: (item[2], item[0].value),
    )
    return Report(
        window=data.window,
        today=today,
        areas=areas,
        revisions={area: plans[area].revision for area in areas},
        history=history,
        source=data.source,
        actor_names={a.id: a.name for a in (data.end.registry.actors if data.end.registry else [])},
        status=_status_section(plans, scoped, steps, data),
        priorities=_priority_section(scoped),
        funding=_funding_section(scoped),
        indicators=_indicator_section(plans, data),
        municipalities=_municipality_section(scoped),
        sustainability=_sustainability_section(scoped),
        conflicts=_conflict_section(scoped),
        sami=_sami_section(scoped),
        participation=_participation_section(plans, scoped, data),
        learning=_learning_section(plans, scoped, steps, data),
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
            step = compare_plans(area, old.plan, new.plan, old.date, new.date)
            counts = data.diffs.get((area, old.tag, new.tag))
            steps.append(replace(step, item_changes=counts) if counts is not None else step)
    return steps


def compare_plans(
    area: Area, old: Plan, new: Plan, old_date: datetime | None, new_date: datetime
) -> RevisionStep:
    """What changed in one area's activities from one revision of its plan to the next."""
    before = {a.id: a for a in old.activities}
    added = [_ref(a, area) for a in new.activities if a.id not in before]
    changes: list[StatusChange] = []
    reprioritised: list[tuple[ActivityRef, list[Priority], list[Priority]]] = []
    for activity in new.activities:
        previous = before.get(activity.id)
        if previous is None:
            continue
        if previous.status != activity.status:
            changes.append(
                StatusChange(
                    _ref(activity, area),
                    previous.status,
                    activity.status,
                    old.revision,
                    new.revision,
                    activity.status_note,
                )
            )
        if set(previous.priorities) != set(activity.priorities):
            reprioritised.append(
                (_ref(activity, area), list(previous.priorities), list(activity.priorities))
            )
    old_actuals = {(i.id, a.period, a.municipality) for i in old.indicators for a in i.actuals}
    new_actuals = sum(
        1
        for i in new.indicators
        for a in i.actuals
        if (i.id, a.period, a.municipality) not in old_actuals
    )
    return RevisionStep(
        area,
        old.revision,
        new.revision,
        old_date,
        new_date,
        added,
        changes,
        reprioritised,
        new_actuals,
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


def _priority_totals(scoped: dict[Area, list[Activity]]) -> dict[Priority, tuple[int, int, int]]:
    totals: dict[Priority, tuple[int, int, int]] = {}
    for priority in Priority:
        serving = [a for _, a in _all(scoped) if priority in a.priorities]
        granted = sum(_money(a, [FundingState.GRANTED]) for a in serving)
        pipeline = sum(_money(a, _PIPELINE) for a in serving)
        totals[priority] = (len(serving), granted, pipeline)
    return totals


def _priority_section(scoped: dict[Area, list[Activity]]) -> PrioritySection:
    rows = [PriorityRow(p, n, g, pl) for p, (n, g, pl) in _priority_totals(scoped).items()]
    without = [_ref(a, area) for area, a in _all(scoped) if not a.priorities]
    return PrioritySection(rows, without)


def _funding_section(scoped: dict[Area, list[Activity]]) -> FundingSection:
    table: dict[tuple[FundingSource, Instrument], Counter[FundingState]] = defaultdict(Counter)
    for _, activity in _all(scoped):
        for line in activity.funding:
            table[(line.source, line.instrument)][line.state] += line.amount_sek
    order = {s: i for i, s in enumerate(FundingSource)}, {s: i for i, s in enumerate(Instrument)}
    rows = [
        FundingRow(source, instrument, {state: amounts.get(state, 0) for state in FundingState})
        for (source, instrument), amounts in sorted(
            table.items(), key=lambda kv: (order[0][kv[0][0]], order[1][kv[0][1]])
        )
    ]
    per_source: Counter[FundingSource] = Counter()
    for row in rows:
        per_source[row.source] += row.by_state[FundingState.GRANTED]
    granted = sum(r.by_state[FundingState.GRANTED] for r in rows)
    own = sum(r.by_state[FundingState.GRANTED] for r in rows if r.source not in CO_FUNDING_SOURCES)
    return FundingSection(
        rows=rows,
        per_source={s: per_source[s] for s in FundingSource if s in per_source},
        granted_total=granted,
        committed_total=sum(r.committed for r in rows),
        rejected_total=sum(r.by_state[FundingState.REJECTED] for r in rows),
        own_granted=own,
        co_funding_granted=granted - own,
    )


#: Verdicts on an indicator, as message ids translated by the renderers.
VERDICT_REACHED = "reached"
VERDICT_ON_TRACK = "on-track"
VERDICT_BEHIND = "behind"
VERDICT_WRONG_WAY = "wrong-way"
VERDICT_NO_DATA = "no-data"
VERDICTS = (VERDICT_REACHED, VERDICT_ON_TRACK, VERDICT_BEHIND, VERDICT_WRONG_WAY, VERDICT_NO_DATA)


def indicator_progress(indicator: Indicator, value: float) -> float:
    """How far a value has come from baseline to target: 0 at the baseline, 1 at the target."""
    span = indicator.target.value - indicator.baseline.value
    if span == 0:
        # a target of holding the baseline: reached while the value is on the right side of it
        on_target = value >= indicator.target.value if indicator.higher_is_better else value <= indicator.target.value
        return 1.0 if on_target else 0.0
    return (value - indicator.baseline.value) / span


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
                )
            )
    return IndicatorSection(rows)


def _municipality_section(scoped: dict[Area, list[Activity]]) -> MunicipalitySection:
    from rus.vocab import MUNICIPALITY_INFO

    counts: Counter[Municipality] = Counter()
    money: Counter[Municipality] = Counter()
    whole = 0
    for _, activity in _all(scoped):
        if activity.whole_county:
            whole += 1
        for municipality in set(activity.municipalities):
            counts[municipality] += 1
            money[municipality] += _money(activity, [FundingState.GRANTED])
    mean = sum(counts.values()) / len(Municipality)
    # Thin: named by fewer than half the mean number of activities per municipality.
    threshold = mean / 2
    rows = [
        MunicipalityRow(
            m,
            counts[m],
            money[m],
            MUNICIPALITY_INFO[m].sami_area,
            counts[m] < threshold or counts[m] == 0,
        )
        for m in Municipality
    ]
    return MunicipalitySection(rows, whole, mean, threshold)


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


def _sami_section(scoped: dict[Area, list[Activity]]) -> SamiSection:
    from rus.vocab import MUNICIPALITY_INFO

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
            rows.append(
                SamiRow(
                    _ref(activity, area),
                    activity.sami.relevance,
                    list(activity.sami.consulted),
                    activity.sami.consultation,
                    activity.sami.consulted_on,
                )
            )
    return SamiSection(rows, unassessed)


def _participation_section(
    plans: dict[Area, Plan], scoped: dict[Area, list[Activity]], data: ReportInput
) -> ParticipationSection:
    registry = data.end.registry
    actors = {actor.id: actor for actor in (registry.actors if registry else [])}
    active: set[str] = set()
    for _, activity in _all(scoped):
        active.update(activity.lead)
        active.update(p.actor for p in activity.partners)
    met = {actor for plan in plans.values() for actor in plan.meeting.participants}

    def per_helix(ids: Iterable[str]) -> dict[Helix, int]:
        counts = Counter(actors[i].helix for i in ids if i in actors)
        return {h: counts.get(h, 0) for h in Helix}

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
        meeting_actors=per_helix(met),
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
        before_totals = _priority_totals(start_plans)
        after_totals = _priority_totals(end_subset)
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
    phases = Counter(a.phase for _, a in _all(scoped))
    return LearningSection(
        shifts=shifts,
        added=added,
        ended=ended,
        reprioritised=reprioritised,
        phases={p: phases.get(p, 0) for p in Phase},
        meetings=_meetings(plans),
        compared=compared,
    )

