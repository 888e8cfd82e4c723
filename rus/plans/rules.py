"""The domain's rules for action plans and the actor registry, within a plan and across plans.

Each rule reports a located :class:`~rus.base.diagnostics.Diagnostic`; the table of codes with their
severities is in :mod:`rus.base.codes` and documented in ``docs/diagnostics.md``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rus.base.codes import HINT_CLOSEST_ACTORS, HINT_DID_YOU_MEAN
from rus.base.diagnostics import Diagnostic
from rus.base.i18n import InText, Listed
from rus.base.suggest import suggest
from rus.base.vocab import (
    AREA_PREFIX,
    COUNTRY_CODES,
    ConsultationForm,
    ConsultationOutcome,
    Dimension,
    FundingState,
    IndicatorKind,
    Rating,
    SamiRelevance,
    Status,
    active_region,
    fold,
)
from rus.plans.models import Activity, ActorRegistry, Consultation, Plan
from rus.plans.revision import (
    expected_for_meeting,
    fits_meeting,
    period_after_revision,
    revision_key,
)
from rus.plans.source import Source

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Ref:
    """A reference from the programme file to a plan's item, and where it stands (1-based)."""

    ref: str
    what: str  # "@goal in the plans", …
    line: int
    column: int


@dataclass
class ProgrammeIndex:
    """What the programme file refers to, kept until every file has been read."""

    path: str
    member_state: str
    ids: list[Ref] = field(default_factory=list)
    meetings: list[tuple[str, str, int, int]] = field(default_factory=list)  # area, revision, line, column
    documents: list[Ref] = field(default_factory=list)
    own_documents: set[str] = field(default_factory=set)
    #: The activities named on a side of a goal conflict.
    conflict_activities: set[str] = field(default_factory=set)
    #: The activities cited for criterion 7 (when any is cited, one must have an actor abroad), and
    #: where that criterion stands.
    abroad: tuple[tuple[str, ...], int, int] | None = None

#: How a sustainability dimension is named at the start of a sentence (R012).
_DIMENSION_PHRASES: dict[Dimension, str] = {
    Dimension.SOCIAL: "@The social dimension",
    Dimension.ECONOMIC: "@The economic dimension",
    Dimension.ENVIRONMENTAL: "@The environmental dimension",
}


@dataclass
class CrossIndex:
    """What the rules across files need from each file: ids, and references to actors."""

    ids: dict[str, str] = field(default_factory=dict)
    actor_ids: set[str] = field(default_factory=set)
    #: The actors' names by id, to suggest an id for a name (``regionen`` → ``rjh``).
    actor_names: dict[str, str] = field(default_factory=dict)
    has_registry: bool = False
    registry_broken: bool = False
    #: References to actors not (yet) known when their file was checked: actor, path, line, column.
    actor_refs: list[tuple[str, str, int, int]] = field(default_factory=list)
    #: For the programme file: the plans' goal, indicator and activity ids as written, each area's
    #: revision, the reference numbers of the plans' documents, each activity's actors (lead and
    #: partners) and the country of each actor outside the programme's member state.
    plan_ids: set[str] = field(default_factory=set)
    revisions: dict[str, str] = field(default_factory=dict)
    documents: set[str] = field(default_factory=set)
    activity_actors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    actor_countries: dict[str, str] = field(default_factory=dict)
    #: R012 findings (path, line, column, activity): a goal conflict of the programme file that
    #: names the activity settles them once every file is read.
    risks: list[tuple[str, int, int, str]] = field(default_factory=list)
    #: What the programme file refers to, resolved when every file has been read (rus.plans.programme).
    programme: ProgrammeIndex | None = None


def _where(path: str, line: int) -> str:
    return f"{path}:{line}"


_NUMBERED_ID = re.compile(r"^([A-Z]{3}-[A-Z]?)0*([0-9]+)$")


def canonical_id(ident: str) -> str:
    """The id with its number's leading zeros dropped: ``ABC-012`` and ``ABC-0012`` are one id."""
    match = _NUMBERED_ID.match(ident)
    return f"{match.group(1)}{match.group(2)}" if match else ident


def check_actor_registry(registry: ActorRegistry, source: Source, index: CrossIndex) -> None:
    """Rules for the actor registry: unique ids, country codes that exist."""
    index.has_registry = True
    for i, actor in enumerate(registry.actors):
        line, column = source.locate(("actors", i, "id"))
        if actor.id in index.actor_ids:
            source.add(line, column, "R001", id=actor.id, other=index.ids.get("actor:" + actor.id, "?"))
            continue
        index.actor_ids.add(actor.id)
        index.actor_names[actor.id] = actor.name
        index.ids["actor:" + actor.id] = _where(source.path, line)
        if actor.country is not None:
            index.actor_countries[actor.id] = actor.country
            if actor.country not in COUNTRY_CODES:
                line, column = source.locate(("actors", i, "country"))
                source.add(line, column, "R040", country=actor.country)


@dataclass(frozen=True)
class Partial:
    """Where the items of a plan that validated only in part stand in the file, and the ids of the rest.

    When some items of a plan fail the schema, the rules still run on the items that passed; their
    positions in the file are kept here, and the ids of the failed items still count as known, so
    that references to them are not reported twice.
    """

    positions: dict[str, list[int]]
    other_ids: dict[str, set[str]]
    dropped: frozenset[str]


def _position(partial: Partial | None, section: str, i: int) -> int:
    return partial.positions[section][i] if partial is not None else i


def check_plan(plan: Plan, source: Source, index: CrossIndex, file_name: str, partial: Partial | None = None) -> None:
    """Every rule that can be checked within one plan, and its ids and actor references indexed."""
    _check_ids(plan, source, index, partial)
    _check_references(plan, source, index, partial)
    _check_indicators(plan, source, partial)
    _check_audit(plan, source, partial)
    _check_activities(plan, source, partial, index)
    _check_funding(plan, source, partial)
    _check_meeting(plan, source)
    _index_for_programme(plan, index, partial)
    _check_consultations(plan, source, partial)
    _check_evaluations(plan, source, partial)
    _check_documents(plan, source)
    expected = f"{plan.area.value}.yaml"
    if Path(file_name).stem != plan.area.value:
        line, column = source.locate(("area",))
        source.add(line, column, "R019", name=file_name, area=plan.area.value, expected=expected)


def _index_for_programme(plan: Plan, index: CrossIndex, partial: Partial | None) -> None:
    """What the programme file's references are resolved against (see :mod:`rus.plans.programme`)."""
    ids = index.plan_ids
    ids.update(g.id for g in plan.goals)
    ids.update(i.id for i in plan.indicators)
    for act in plan.activities:
        ids.add(act.id)
        index.activity_actors[act.id] = (*act.lead, *(p.actor for p in act.partners))
    if partial is not None:
        for section in ("goals", "indicators", "activities"):
            ids.update(partial.other_ids.get(section, ()))
    index.documents.update(d.reference for d in plan.documents if d.reference is not None)
    area = plan.area.value
    if area not in index.revisions or revision_key(plan.revision) > revision_key(index.revisions[area]):
        index.revisions[area] = plan.revision


def _check_ids(plan: Plan, source: Source, index: CrossIndex, partial: Partial | None) -> None:
    prefix = AREA_PREFIX[plan.area]
    groups: list[tuple[str, list[str], str]] = [
        ("sub_areas", [s.id for s in plan.sub_areas], f"{prefix}-D1"),
        ("goals", [g.id for g in plan.goals], f"{prefix}-M1"),
        ("indicators", [i.id for i in plan.indicators], f"{prefix}-I1"),
        ("activities", [a.id for a in plan.activities], f"{prefix}-001"),
        ("consultations", [c.id for c in plan.consultations], f"{prefix}-K1"),
        ("evaluations", [e.id for e in plan.evaluations], f"{prefix}-U1"),
    ]
    for section, ids, example in groups:
        for i, ident in enumerate(ids):
            line, column = source.locate((section, _position(partial, section, i), "id"))
            if not ident.startswith(prefix + "-"):
                source.add(line, column, "R002", id=ident, prefix=prefix, example=example)
            same = canonical_id(ident)
            if same in index.ids:
                source.add(line, column, "R001", id=ident, other=index.ids[same])
            else:
                index.ids[same] = _where(source.path, line)


def _unknown(source: Source, loc: Loc, ref: str, what: str, known: Iterable[str]) -> None:
    known_list = sorted(known)
    line, column = source.locate(loc)
    guess = suggest(ref, known_list)
    shown = ", ".join(known_list[:12]) + (" …" if len(known_list) > 12 else "") or "—"
    if guess:
        source.add(line, column, "R003", hint_id=HINT_DID_YOU_MEAN, ref=ref, what=what, suggestion=guess, known=shown)
    else:
        source.add(line, column, "R003", ref=ref, what=what, known=shown)


def closest_actors(ref: str, names: dict[str, str], limit: int = 3) -> list[str]:
    """The ids of the actors closest to ``ref`` by id or by name (``regionen`` → ``region``, the
    region's own entry; ``fjällgården`` → ``fjallgarden``), best first."""
    wanted = fold(ref)
    scores: dict[str, float] = {}
    for ident, name in names.items():
        words = fold(name).split()
        by_id = difflib.SequenceMatcher(None, wanted, fold(ident)).ratio()
        by_name = difflib.SequenceMatcher(None, wanted, fold(name)).ratio()
        by_word = max((difflib.SequenceMatcher(None, wanted, w).ratio() for w in words if len(w) >= 3), default=0.0)
        initials = "".join(w[0] for w in words if w not in ("och", "i", "and", "of"))
        by_initials = 1.0 if len(wanted) >= 2 and wanted.replace(" ", "") == initials else 0.0
        scores[ident] = max(by_id, by_name, by_word, by_initials)
    ranked = sorted((ident for ident, score in scores.items() if score >= 0.7), key=lambda i: (-scores[i], i))
    return ranked[:limit]


def _check_references(plan: Plan, source: Source, index: CrossIndex, partial: Partial | None) -> None:
    other = partial.other_ids if partial is not None else {}
    sub_areas = {s.id for s in plan.sub_areas} | other.get("sub_areas", set())
    goals = {g.id for g in plan.goals} | other.get("goals", set())
    activities = {a.id for a in plan.activities} | other.get("activities", set())
    for g, goal in enumerate(plan.goals):
        for j, ref in enumerate(goal.sub_areas):
            if ref not in sub_areas:
                _unknown(source, ("goals", _position(partial, "goals", g), "sub_areas", j), ref, "@sub-area in this plan", sub_areas)
    for i, indicator in enumerate(plan.indicators):
        if indicator.goal not in goals:
            _unknown(source, ("indicators", _position(partial, "indicators", i), "goal"), indicator.goal, "@goal in this plan", goals)
    for a, act in enumerate(plan.activities):
        base: Loc = ("activities", _position(partial, "activities", a))
        if act.sub_area not in sub_areas:
            _unknown(source, (*base, "sub_area"), act.sub_area, "@sub-area in this plan", sub_areas)
        for j, ref in enumerate(act.goals):
            if ref not in goals:
                _unknown(source, (*base, "goals", j), ref, "@goal in this plan", goals)
        if act.replaced_by is not None:
            if act.replaced_by == act.id:
                line, column = source.locate((*base, "replaced_by"))
                source.add(line, column, "R022")
            elif act.replaced_by not in activities:
                _unknown(source, (*base, "replaced_by"), act.replaced_by, "@activity in this plan", activities)
        for j, actor in enumerate(act.lead):
            actor_ref(source, index, (*base, "lead", j), actor)
        for j, partner in enumerate(act.partners):
            actor_ref(source, index, (*base, "partners", j, "actor"), partner.actor)
    for c, consultation in enumerate(plan.consultations):
        base = ("consultations", _position(partial, "consultations", c))
        for j, ref in enumerate(consultation.activities):
            if ref not in activities:
                _unknown(source, (*base, "activities", j), ref, "@activity in this plan", activities)
        for j, actor in enumerate(consultation.actors):
            actor_ref(source, index, (*base, "actors", j), actor)
    for e, evaluation in enumerate(plan.evaluations):
        base = ("evaluations", _position(partial, "evaluations", e))
        for j, ref in enumerate(evaluation.activities):
            if ref not in activities:
                _unknown(source, (*base, "activities", j), ref, "@activity in this plan", activities)
        for j, change in enumerate(evaluation.changes):
            if change.activity not in activities:
                _unknown(source, (*base, "changes", j, "activity"), change.activity, "@activity in this plan", activities)
        if evaluation.evaluator is not None:
            actor_ref(source, index, (*base, "evaluator"), evaluation.evaluator)
    for j, actor in enumerate(plan.meeting.participants):
        actor_ref(source, index, ("meeting", "participants", j), actor)


def actor_ref(source: Source, index: CrossIndex, loc: Loc, actor: str) -> None:
    # Once a registry is read, a reference to an actor already in it can never fail (ids are only
    # added): it is neither located nor kept, so the index holds only references still open.
    if index.has_registry and actor in index.actor_ids:
        return
    line, column = source.locate(loc)
    index.actor_refs.append((actor, source.path, line, column))


def _check_indicators(plan: Plan, source: Source, partial: Partial | None) -> None:
    measured = {i.goal for i in plan.indicators}
    # an indicator that failed the schema may measure a goal: say nothing about unmeasured goals then
    judge_goals = partial is None or "indicators" not in partial.dropped
    for g, goal in enumerate(plan.goals):
        if judge_goals and goal.id not in measured:
            line, column = source.locate(("goals", _position(partial, "goals", g), "id"))
            source.add(line, column, "R020", id=goal.id)
    for i, indicator in enumerate(plan.indicators):
        seen: set[tuple[str, str | None]] = set()
        for j, actual in enumerate(indicator.actuals):
            loc: Loc = ("indicators", _position(partial, "indicators", i), "actuals", j, "period")
            if period_after_revision(actual.period, plan.revision):
                line, column = source.locate(loc)
                source.add(line, column, "R006", period=actual.period, revision=plan.revision)
            scope = actual.municipality.value if actual.municipality else None
            if (actual.period, scope) in seen:
                line, column = source.locate(loc)
                source.add(line, column, "R007", period=actual.period,
                           scope=actual.municipality.text("sv") if actual.municipality else "@whole county")
            seen.add((actual.period, scope))


#: The audit trail an indicator needs (R028), as the keys that hold it.
_AUDIT_KEYS = ("definition", "method", "source", "frequency")


def _check_audit(plan: Plan, source: Source, partial: Partial | None) -> None:
    """Indicators that can be audited (R028), and result indicators that say which priority they measure (R029)."""
    for i, indicator in enumerate(plan.indicators):
        at: Loc = ("indicators", _position(partial, "indicators", i))
        missing = [key for key in _AUDIT_KEYS if getattr(indicator, key) is None or getattr(indicator, key) == ""]
        if missing:
            line, column = source.locate((*at, "id"))
            source.add(line, column, "R028", missing=Listed(tuple(f"`{key}`" for key in missing)))
        if indicator.kind is IndicatorKind.RESULT and indicator.priority is None:
            line, column = source.locate((*at, "kind"))
            source.add(line, column, "R029", id=indicator.id)


def _grouped(amount: int) -> str:
    """Whole kronor with the thousands grouped by spaces (``1 200 000``), as both languages may write them."""
    return f"{amount:,}".replace(",", " ")


def _check_funding(plan: Plan, source: Source, partial: Partial | None) -> None:
    """Money by year and what was paid out (R023–R026); amounts in whole kronor."""
    for a, act in enumerate(plan.activities):
        for f, row in enumerate(act.funding):
            at: Loc = ("activities", _position(partial, "activities", a), "funding", f)
            if row.year is None:
                line, column = source.locate(at)
                source.add(line, column, "R023")
            paid = sum(payment.amount_sek for payment in row.payments)
            if row.payments and row.state not in (FundingState.GRANTED, FundingState.PAID):
                line, column = source.locate((*at, "payments"), key=True)
                source.add(line, column, "R024", state=InText(row.state))
            elif paid > row.amount_sek:
                line, column = source.locate((*at, "payments"), key=True)
                source.add(line, column, "R025", paid=_grouped(paid), amount=_grouped(row.amount_sek))
            elif row.state is FundingState.PAID and paid != row.amount_sek:
                line, column = source.locate((*at, "state"))
                source.add(line, column, "R026", paid=_grouped(paid), amount=_grouped(row.amount_sek))


def _check_activities(plan: Plan, source: Source, partial: Partial | None, index: CrossIndex) -> None:
    for a, act in enumerate(plan.activities):
        base: Loc = ("activities", _position(partial, "activities", a))

        def add(loc: Loc, code: str, *, key: bool = False, base: Loc = base, **params: Any) -> None:
            line, column = source.locate((*base, *loc), key=key)
            source.add(line, column, code, **params)

        start, end = act.period.start, act.period.end
        if end is not None and end < start:
            add(("period", "end"), "R004", start=start.isoformat(), end=end.isoformat())
        for m, milestone in enumerate(act.milestones):
            if milestone.date < start or (end is not None and milestone.date > end):
                add(("milestones", m, "date"), "R005", date=milestone.date.isoformat(),
                    start=start.isoformat(), end=end.isoformat() if end else "…")
        if act.status is Status.COMPLETED:
            if act.progress != 100:
                add(("progress",) if "progress" in act.model_fields_set else ("status",), "R008", progress=act.progress)
            if end is None:
                add(("period",), "R009", key=True)
        if act.status is Status.CANCELLED and not (act.status_note or "").strip():
            add(("status",), "R010")
        if act.replaced_by is not None and act.replaced_by != act.id and act.status not in (Status.CANCELLED, Status.COMPLETED):
            add(("replaced_by",), "R014", replacement=act.replaced_by, status=InText(act.status))
        if act.sami is None and judges_sami_relevance():
            add(("id",), "R011")
        elif act.sami is not None and act.sami.relevance is not SamiRelevance.NONE and not act.sami.touches:
            add(("sami", "relevance"), "R031", relevance=InText(act.sami.relevance))
        # a consultation record that failed the schema may be the one: say nothing then
        judge_consultations = partial is None or "consultations" not in partial.dropped
        if judge_consultations and needs_consultation(act) and not any(is_documented(c) for c in consultations_of(plan, act.id)):
            add(("sami", "relevance"), "R030", status=InText(act.status))
        for dimension in Dimension:
            rating = getattr(act.sustainability, dimension.value)
            if rating is Rating.RISK and not act.goal_conflicts:
                add(("sustainability", dimension.value), "R012", dimension=_DIMENSION_PHRASES[dimension])
                found = source.diagnostics[-1]
                index.risks.append((found.path, found.line, found.column, act.id))
        if not act.goals:
            add(("id",), "R015")
        if not act.priorities:
            add(("id",), "R016")
        if not act.national_areas:
            add(("id",), "R027")
        if not act.municipalities and not act.whole_county:
            add(("id",), "R017")
        elif act.municipalities and act.whole_county:
            add(("whole_county",), "R018")


#: From this day regions and municipalities are bound by Lag (2022:66) (amendment SFS 2022:69).
CONSULTATION_DUTY_FROM = date(2024, 3, 1)
#: The statuses of an activity that has been decided on and started.
_STARTED = (Status.ONGOING, Status.PAUSED, Status.COMPLETED)


def judges_sami_relevance() -> bool:
    """Whether every activity states its Sámi relevance: in a region that lies in Sápmi.

    The duty to consult under Lag (2022:66) follows what a matter touches, anywhere in the country,
    not the Sámi administrative area (which concerns language rights, Lag 2009:724). The region
    file has no Sápmi setting yet: a region with municipalities in the administrative area is taken
    to lie in Sápmi, and there every activity is judged, wherever it takes place.
    """
    return active_region().has_sami_area


def needs_consultation(activity: Activity) -> bool:
    """Whether an activity that may be of particular importance to the Sámi was started when the law bound the region."""
    return (
        activity.sami is not None
        and activity.sami.relevance is SamiRelevance.DIRECT
        and activity.status in _STARTED
        and activity.period.start >= CONSULTATION_DUTY_FROM
    )


def consultations_of(plan: Plan, activity_id: str) -> list[Consultation]:
    """The plan's consultation records that name the activity."""
    return [c for c in plan.consultations if activity_id in c.activities]


def is_documented(consultation: Consultation) -> bool:
    """Whether a record shows a consultation under the law that has ended and says where it is documented."""
    return (
        consultation.form is ConsultationForm.STATUTORY
        and consultation.outcome not in (None, ConsultationOutcome.ONGOING)
        and (consultation.reference is not None or consultation.documented_in is not None)
    )


def _check_consultations(plan: Plan, source: Source, partial: Partial | None) -> None:
    for c, consultation in enumerate(plan.consultations):
        base: Loc = ("consultations", _position(partial, "consultations", c))
        if consultation.form is not ConsultationForm.STATUTORY:
            continue
        missing = [key for key in ("activities", "actors", "matter", "date", "outcome") if not getattr(consultation, key)]
        if missing:
            line, column = source.locate((*base, "id"))
            source.add(line, column, "R033", keys=Listed(tuple(f"`{key}`" for key in missing)))
        ended = consultation.outcome not in (None, ConsultationOutcome.ONGOING)
        if ended and consultation.reference is None and consultation.documented_in is None:
            line, column = source.locate((*base, "outcome"))
            source.add(line, column, "R032")
        if consultation.date is not None and consultation.concluded is not None and consultation.concluded < consultation.date:
            line, column = source.locate((*base, "concluded"))
            source.add(line, column, "R034", concluded=consultation.concluded.isoformat(), date=consultation.date.isoformat())


def _check_evaluations(plan: Plan, source: Source, partial: Partial | None) -> None:
    for e, evaluation in enumerate(plan.evaluations):
        base: Loc = ("evaluations", _position(partial, "evaluations", e))
        if evaluation.evaluator is None and evaluation.evaluator_name is None:
            line, column = source.locate((*base, "id"))
            source.add(line, column, "R035")
        for j, change in enumerate(evaluation.changes):
            loc = (*base, "changes", j, "revision")
            if revision_key(change.revision) > revision_key(plan.revision):
                line, column = source.locate(loc)
                source.add(line, column, "R036", revision=change.revision, current=plan.revision)
            elif _before(change.revision, plan, evaluation.date):
                line, column = source.locate(loc)
                source.add(line, column, "R037", revision=change.revision, date=evaluation.date.isoformat())


def _before(revision: str, plan: Plan, day: date) -> bool:
    """Whether a revision was made before ``day``: a revision of an earlier year, or this plan's own
    revision when its meeting was held before that day (of earlier revisions only the year is known here)."""
    if revision_key(revision)[0] < day.year:
        return True
    return revision == plan.revision and plan.meeting.date < day


def _check_documents(plan: Plan, source: Source) -> None:
    from rus.plans.elections import last_full_term

    term = last_full_term(plan.meeting.date)
    if term is None:
        return
    start, end = term
    for d, document in enumerate(plan.documents):
        dates = [day for day in (document.adopted, document.reviewed) if day is not None]
        if not dates or max(dates) >= start:
            continue
        key = "reviewed" if document.reviewed is not None else "adopted"
        line, column = source.locate(("documents", d, key))
        source.add(line, column, "R038", last=max(dates).isoformat(), start=start.isoformat(), end=end.isoformat())


def _check_meeting(plan: Plan, source: Source) -> None:
    if not plan.meeting.cycle:
        line, column = source.locate(("meeting",), key=True)
        source.add(line, column, "R039")
    meeting_date = plan.meeting.date
    if not fits_meeting(plan.revision, meeting_date):
        line, column = source.locate(("revision",))
        source.add(line, column, "R013", revision=plan.revision, date=meeting_date.isoformat(),
                   expected=expected_for_meeting(meeting_date))


def check_cross(index: CrossIndex, paths: list[str]) -> list[tuple[str, list[Diagnostic]]]:
    """Rules across files: actor references against the registry."""
    found: dict[str, list[Diagnostic]] = {}
    if not index.has_registry:
        if index.registry_broken:
            return []  # the registry's own errors say what is wrong; "not found" would mislead
        if index.actor_refs:
            first = index.actor_refs[0][1]
            found.setdefault(first, []).append(Diagnostic(first, 1, 1, "R021"))
        return list(found.items())
    known = sorted(index.actor_ids)
    for actor, path, line, column in index.actor_refs:
        if actor in index.actor_ids:
            continue
        guess = suggest(actor, known)
        closest = closest_actors(actor, index.actor_names) if not guess else []
        shown = ", ".join(known[:12]) + (" …" if len(known) > 12 else "")
        params: dict[str, object] = {"ref": actor, "what": "@actor in the actor registry", "known": shown}
        hint = HINT_DID_YOU_MEAN if guess else None
        if guess:
            params["suggestion"] = guess
        elif closest:
            params["closest"] = Listed(tuple(f"{ident} ({index.actor_names[ident]})" for ident in closest))
            hint = HINT_CLOSEST_ACTORS
        found.setdefault(path, []).append(Diagnostic(path, line, column, "R003", params, hint))
    return list(found.items())
