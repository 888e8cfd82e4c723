"""The follow-up before a mobilising meeting, as data: what a facilitator should look at, per area.

Per area: activities by status, milestones overdue or due soon, indicators behind their target,
activities without a lead, and the time since the last revision (plans are revised at least twice
a year, so more than six months is a warning).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from rus.base.vocab import FINAL_STATUSES, Area, Status
from rus.plans.planset import PlanSet
from rus.reporting.report import (
    VERDICT_BEHIND,
    VERDICT_WRONG_WAY,
    ActivityRef,
    RecordedRevision,
    county_trajectory,
    judge_indicator,
)

#: How far ahead a milestone counts as due.
DUE_HORIZON_DAYS = 60
#: Plans are revised at least twice a year: a revision older than this many months is a warning.
STALE_MONTHS = 6


@dataclass(frozen=True)
class MilestoneDue:
    """A milestone not yet done whose date has passed (overdue) or is near."""

    activity: ActivityRef
    date: date
    title: str
    days: int

    @property
    def overdue(self) -> bool:
        """Whether the milestone's date has passed."""
        return self.days < 0


@dataclass(frozen=True)
class IndicatorBehind:
    """An indicator whose latest county value is behind the straight line to its target."""

    id: str
    name: str
    period: str
    #: None for a target of holding the baseline that the value has left (no share of a way to go)
    progress: float | None
    expected: float
    verdict: str


@dataclass(frozen=True)
class AreaFollowUp:
    """One area's follow-up."""

    area: Area
    revision: str
    counts: dict[Status, int]
    overdue: list[MilestoneDue]
    due: list[MilestoneDue]
    behind: list[IndicatorBehind]
    without_lead: list[ActivityRef]
    last_revision: date
    recorded: bool
    days_since: int
    stale: bool


@dataclass(frozen=True)
class FollowUp:
    """The follow-up of every area (or one) on a given day."""

    today: date
    horizon_days: int
    areas: list[AreaFollowUp]

    @property
    def overdue(self) -> list[MilestoneDue]:
        """Every overdue milestone, oldest first."""
        return sorted((m for a in self.areas for m in a.overdue), key=lambda m: m.date)


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (the month's last day when it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, min(day.day, (next_month - timedelta(days=1)).day))


def build_follow_up(
    plans: PlanSet,
    today: date,
    revisions: Iterable[RecordedRevision] = (),
    area: Area | None = None,
    horizon_days: int = DUE_HORIZON_DAYS,
) -> FollowUp:
    """The follow-up of the plans on ``today`` (recorded revisions date the last revision)."""
    latest: dict[Area, date] = {}
    for revision in revisions:
        when = revision.date.date()
        if revision.area not in latest or when > latest[revision.area]:
            latest[revision.area] = when
    stale_before = months_before(today, STALE_MONTHS)
    result: list[AreaFollowUp] = []
    for plan_area, plan in plans.plans.items():
        if area is not None and plan_area is not area:
            continue
        counts = Counter(a.status for a in plan.activities)
        overdue: list[MilestoneDue] = []
        due: list[MilestoneDue] = []
        without_lead: list[ActivityRef] = []
        for activity in plan.activities:
            if activity.status in FINAL_STATUSES:
                continue
            ref = ActivityRef(activity.id, activity.title, plan_area)
            if not activity.lead:
                without_lead.append(ref)
            for milestone in activity.milestones:
                if milestone.done:
                    continue
                days = (milestone.date - today).days
                item = MilestoneDue(ref, milestone.date, milestone.title, days)
                if days < 0:
                    overdue.append(item)
                elif days <= horizon_days:
                    due.append(item)
        behind: list[IndicatorBehind] = []
        for indicator in plan.indicators:
            trajectory = county_trajectory(indicator)
            latest_point = trajectory[-1] if trajectory else None
            verdict, progress, expected = judge_indicator(indicator, latest_point)
            if (
                verdict in (VERDICT_BEHIND, VERDICT_WRONG_WAY)
                and latest_point
                and expected is not None
            ):
                behind.append(
                    IndicatorBehind(
                        indicator.id,
                        indicator.name,
                        latest_point.period,
                        progress,
                        expected,
                        verdict,
                    )
                )
        # A revision is dated by its mobilising meeting; when it was tagged does not make the plan
        # any fresher (tagging late must not hide a plan that has gone stale).
        recorded = plan_area in latest and latest[plan_area] >= plan.meeting.date
        last = plan.meeting.date
        result.append(
            AreaFollowUp(
                area=plan_area,
                revision=plan.revision,
                counts={s: counts.get(s, 0) for s in Status},
                overdue=sorted(overdue, key=lambda m: m.date),
                due=sorted(due, key=lambda m: m.date),
                behind=behind,
                without_lead=without_lead,
                last_revision=last,
                recorded=recorded,
                days_since=(today - last).days,
                stale=last < stale_before,
            )
        )
    return FollowUp(today, horizon_days, result)
