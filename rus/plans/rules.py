"""The domain's rules for action plans and the actor registry, within a plan and across plans.

Each rule is one unit of the registry (:mod:`rus.plans.ruleset`): a check decorated with
:func:`~rus.plans.ruleset.rule` that takes the validated model (with the cross index) and returns
findings located by a path in the data; its code, severity, message and hint are in
:mod:`rus.base.codes`, its rationale in :mod:`rus.base.rationales`, and ``docs/diagnostics.md`` is
generated from them. :func:`check_plan`, :func:`check_actor_registry` and :func:`check_cross` run
the units and locate their findings in the file.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

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
from rus.plans.models import Activity, ActorRegistry, Consultation, Funding, Plan
from rus.plans.revision import (
    expected_for_meeting,
    fits_meeting,
    period_after_revision,
    revision_key,
)
from rus.plans.ruleset import Finding, Place, Scope, rule, run, to_diagnostics
from rus.plans.ruleset import (
    Loc as Loc,  # the path of a value in a file's data (public here since before the registry)
)
from rus.plans.source import Source


@dataclass(frozen=True)
class Ref:
    """A reference from the programme file to a plan's item, and where it stands."""

    ref: str
    what: str  # "@goal in the plans", …
    place: Place


@dataclass
class ProgrammeIndex:
    """What the programme file refers to, kept until every file has been read."""

    path: str
    member_state: str
    ids: list[Ref] = field(default_factory=list)
    meetings: list[tuple[str, str, Place]] = field(default_factory=list)  # area, revision, where
    documents: list[Ref] = field(default_factory=list)
    own_documents: set[str] = field(default_factory=set)
    #: The activities named on a side of a goal conflict.
    conflict_activities: set[str] = field(default_factory=set)
    #: The activities cited for criterion 7 (when any is cited, one must have an actor abroad), and
    #: where that criterion stands.
    abroad: tuple[tuple[str, ...], Place] | None = None

#: How a sustainability dimension is named at the start of a sentence (R012).
_DIMENSION_PHRASES: dict[Dimension, str] = {
    Dimension.SOCIAL: "@The social dimension",
    Dimension.ECONOMIC: "@The economic dimension",
    Dimension.ENVIRONMENTAL: "@The environmental dimension",
}


@dataclass
class CrossIndex:
    """What the rules across files need from each file: ids, and references to actors."""

    #: Where each id (canonical; an actor's as ``actor:<id>``) was first seen.
    ids: dict[str, Place] = field(default_factory=dict)
    actor_ids: set[str] = field(default_factory=set)
    #: The actors' names by id, to suggest an id for a name (``regionen`` → ``rjh``).
    actor_names: dict[str, str] = field(default_factory=dict)
    has_registry: bool = False
    registry_broken: bool = False
    #: References to actors not (yet) known when their file was checked, and where they stand.
    actor_refs: list[tuple[str, Place]] = field(default_factory=list)
    #: For the programme file: the plans' goal, indicator and activity ids as written, each area's
    #: revision, the reference numbers of the plans' documents, each activity's actors (lead and
    #: partners) and the country of each actor outside the programme's member state.
    plan_ids: set[str] = field(default_factory=set)
    revisions: dict[str, str] = field(default_factory=dict)
    documents: set[str] = field(default_factory=set)
    activity_actors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    actor_countries: dict[str, str] = field(default_factory=dict)
    #: R012 findings (where, activity): a goal conflict of the programme file that names the
    #: activity settles them once every file is read.
    risks: list[tuple[Place, str]] = field(default_factory=list)
    #: What the programme file refers to, resolved when every file has been read (rus.plans.programme).
    programme: ProgrammeIndex | None = None


@dataclass(kw_only=True)
class Context:
    """What a rule's check gets besides its model: the file's name as shown, the cross index, and the
    places the checks keep in the index (located by the runner before the file is let go)."""

    file: str
    index: CrossIndex
    places: list[Place] = field(default_factory=list)

    def place(self, loc: Loc, *, key: bool = False) -> Place:
        """A place in this file, to keep in the cross index (located once the checks have run)."""
        kept = Place(self.file, loc, key)
        self.places.append(kept)
        return kept


def apply(scope: Scope, context: Context, source: Source | None, codes: Iterable[str] | None = None,
          moved: Callable[[Loc], Loc] | None = None) -> list[Finding]:
    """Run the units of ``scope`` on ``context``; with a ``source``, add their findings to it as
    diagnostics located in its node tree (the places kept in the index located too)."""
    findings = run(scope, context, codes)
    if source is not None:
        source.diagnostics.extend(
            to_diagnostics(findings, source.path, lambda loc, key: source.locate(loc, key=key), context.places, moved)
        )
    return findings


_NUMBERED_ID = re.compile(r"^([A-Z]{3}-[A-Z]?)0*([0-9]+)$")


def canonical_id(ident: str) -> str:
    """The id with its number's leading zeros dropped: ``ABC-012`` and ``ABC-0012`` are one id."""
    match = _NUMBERED_ID.match(ident)
    return f"{match.group(1)}{match.group(2)}" if match else ident


# --- the actor registry ---------------------------------------------------------------------------


@dataclass(kw_only=True)
class ActorsContext(Context):
    """The actor registry being checked, and which of its entries repeat an id read before (by position)."""

    registry: ActorRegistry
    repeated: dict[int, Place | str] = field(default_factory=dict)


def check_actor_registry(registry: ActorRegistry, source: Source | None, index: CrossIndex,
                         file: str | None = None) -> list[Finding]:
    """Rules for the actor registry: unique ids, country codes that exist.

    With ``source`` None (a registry in memory) nothing is located: the findings are returned.
    """
    context = ActorsContext(file=source.path if source is not None else file or "actors.yaml", index=index, registry=registry)
    _index_registry(context)
    return apply("actors", context, source)


def _index_registry(context: ActorsContext) -> None:
    index = context.index
    index.has_registry = True
    for i, actor in enumerate(context.registry.actors):
        if actor.id in index.actor_ids:
            context.repeated[i] = index.ids.get("actor:" + actor.id, "?")
            continue
        index.actor_ids.add(actor.id)
        index.actor_names[actor.id] = actor.name
        index.ids["actor:" + actor.id] = context.place(("actors", i, "id"))
        if actor.country is not None:
            index.actor_countries[actor.id] = actor.country


@rule("R001", "actors")
def _actor_id_twice(context: ActorsContext) -> Iterator[Finding]:
    for i, other in context.repeated.items():
        yield Finding("R001", ("actors", i, "id"), {"id": context.registry.actors[i].id, "other": other})


@rule("R040", "actors")
def _unknown_country(context: ActorsContext) -> Iterator[Finding]:
    for i, actor in enumerate(context.registry.actors):
        if i not in context.repeated and actor.country is not None and actor.country not in COUNTRY_CODES:
            yield Finding("R040", ("actors", i, "country"), {"country": actor.country})


# --- a plan ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Partial:
    """Where the items of a plan that validated only in part stand in the file, and the ids of the rest.

    When some items of a plan fail the schema, the rules still run on the items that passed; their
    positions in the file are kept here, and the ids of the failed items still count as known, so
    that references to them are not reported twice. The rules locate their findings by the items'
    places in the model; the runner maps them back to the file with :meth:`moved`.
    """

    positions: dict[str, list[int]]
    other_ids: dict[str, set[str]]
    dropped: frozenset[str]

    def moved(self, loc: Loc) -> Loc:
        """The path in the file of a path in the partial plan (``("activities", 0, …)`` → the item's position)."""
        if len(loc) > 1 and isinstance(loc[0], str) and isinstance(loc[1], int) and loc[0] in self.positions:
            return (loc[0], self.positions[loc[0]][loc[1]], *loc[2:])
        return loc


@dataclass(kw_only=True)
class PlanContext(Context):
    """The plan being checked, the name of its file, and (for a plan checked in part) what was left out."""

    plan: Plan
    file_name: str = ""
    partial: Partial | None = None
    #: The ids of this plan read before (here or in another file): where, id, where it was first seen.
    repeated: list[tuple[Loc, str, Place]] = field(default_factory=list)

    @cached_property
    def activities(self) -> list[tuple[Loc, Activity]]:
        """Each activity with its path, listed once for the rules that check every activity."""
        return [(("activities", a), act) for a, act in enumerate(self.plan.activities)]

    @cached_property
    def funding_rows(self) -> list[tuple[Loc, Funding, int]]:
        """Each funding row with its path and what its payments add up to, listed once (R023–R026)."""
        return [((*base, "funding", f), row, sum(payment.amount_sek for payment in row.payments))
                for base, act in self.activities for f, row in enumerate(act.funding)]

    def known(self, section: str, ids: Iterable[str]) -> set[str]:
        """The ids of a section, with those of its items that failed the schema."""
        other = self.partial.other_ids.get(section, set()) if self.partial is not None else set()
        return set(ids) | other

    def judges(self, section: str) -> bool:
        """Whether every item of a section is in the model (none failed the schema)."""
        return self.partial is None or section not in self.partial.dropped


def check_plan(plan: Plan, source: Source | None, index: CrossIndex, file_name: str,
               partial: Partial | None = None) -> list[Finding]:
    """Every rule that can be checked within one plan, and its ids and actor references indexed.

    With ``source`` None (a plan in memory) nothing is located: the findings are returned, by path.
    """
    context = PlanContext(file=source.path if source is not None else file_name, index=index, plan=plan,
                          file_name=file_name, partial=partial)
    _index_plan(context)
    return apply("plan", context, source, moved=partial.moved if partial is not None else None)


def _id_groups(plan: Plan) -> list[tuple[str, list[str], str]]:
    prefix = AREA_PREFIX[plan.area]
    return [
        ("sub_areas", [s.id for s in plan.sub_areas], f"{prefix}-D1"),
        ("goals", [g.id for g in plan.goals], f"{prefix}-M1"),
        ("indicators", [i.id for i in plan.indicators], f"{prefix}-I1"),
        ("activities", [a.id for a in plan.activities], f"{prefix}-001"),
        ("consultations", [c.id for c in plan.consultations], f"{prefix}-K1"),
        ("evaluations", [e.id for e in plan.evaluations], f"{prefix}-U1"),
    ]


def _index_plan(context: PlanContext) -> None:
    """The plan's ids (R001 reports those read before), its references to actors (checked against
    the registry once every file is read), and what the programme file's references are resolved
    against (see :mod:`rus.plans.programme`)."""
    plan, index = context.plan, context.index
    for section, ids, _ in _id_groups(plan):
        for i, ident in enumerate(ids):
            same = canonical_id(ident)
            if same in index.ids:
                context.repeated.append(((section, i, "id"), ident, index.ids[same]))
            else:
                index.ids[same] = context.place((section, i, "id"))
    for a, act in enumerate(plan.activities):
        for j, actor in enumerate(act.lead):
            actor_ref(context, ("activities", a, "lead", j), actor)
        for j, partner in enumerate(act.partners):
            actor_ref(context, ("activities", a, "partners", j, "actor"), partner.actor)
    for c, consultation in enumerate(plan.consultations):
        for j, actor in enumerate(consultation.actors):
            actor_ref(context, ("consultations", c, "actors", j), actor)
    for e, evaluation in enumerate(plan.evaluations):
        if evaluation.evaluator is not None:
            actor_ref(context, ("evaluations", e, "evaluator"), evaluation.evaluator)
    for j, actor in enumerate(plan.meeting.participants):
        actor_ref(context, ("meeting", "participants", j), actor)
    _index_for_programme(context)


def _index_for_programme(context: PlanContext) -> None:
    plan, index = context.plan, context.index
    ids = index.plan_ids
    ids.update(g.id for g in plan.goals)
    ids.update(i.id for i in plan.indicators)
    for act in plan.activities:
        ids.add(act.id)
        index.activity_actors[act.id] = (*act.lead, *(p.actor for p in act.partners))
    if context.partial is not None:
        for section in ("goals", "indicators", "activities"):
            ids.update(context.partial.other_ids.get(section, ()))
    index.documents.update(d.reference for d in plan.documents if d.reference is not None)
    area = plan.area.value
    if area not in index.revisions or revision_key(plan.revision) > revision_key(index.revisions[area]):
        index.revisions[area] = plan.revision


def actor_ref(context: Context, loc: Loc, actor: str) -> None:
    """Keep a reference to an actor, checked against the registry once every file is read (R003, R021)."""
    # Once a registry is read, a reference to an actor already in it can never fail (ids are only
    # added): it is neither located nor kept, so the index holds only references still open.
    index = context.index
    if index.has_registry and actor in index.actor_ids:
        return
    index.actor_refs.append((actor, context.place(loc)))


@rule("R002", "plan")
def _id_prefix(context: PlanContext) -> Iterator[Finding]:
    prefix = AREA_PREFIX[context.plan.area]
    for section, ids, example in _id_groups(context.plan):
        for i, ident in enumerate(ids):
            if not ident.startswith(prefix + "-"):
                yield Finding("R002", (section, i, "id"), {"id": ident, "prefix": prefix, "example": example})


@rule("R001", "plan")
def _id_twice(context: PlanContext) -> Iterator[Finding]:
    for loc, ident, other in context.repeated:
        yield Finding("R001", loc, {"id": ident, "other": other})


def _unknown(loc: Loc, ref: str, what: str, known: Iterable[str]) -> Finding:
    known_list = sorted(known)
    guess = suggest(ref, known_list)
    shown = ", ".join(known_list[:12]) + (" …" if len(known_list) > 12 else "") or "—"
    if guess:
        return Finding("R003", loc, {"ref": ref, "what": what, "suggestion": guess, "known": shown}, hint=HINT_DID_YOU_MEAN)
    return Finding("R003", loc, {"ref": ref, "what": what, "known": shown})


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


@rule("R003", "plan")
def _unknown_reference(context: PlanContext) -> Iterator[Finding]:
    plan = context.plan
    sub_areas = context.known("sub_areas", (s.id for s in plan.sub_areas))
    goals = context.known("goals", (g.id for g in plan.goals))
    activities = context.known("activities", (a.id for a in plan.activities))
    for g, goal in enumerate(plan.goals):
        for j, ref in enumerate(goal.sub_areas):
            if ref not in sub_areas:
                yield _unknown(("goals", g, "sub_areas", j), ref, "@sub-area in this plan", sub_areas)
    for i, indicator in enumerate(plan.indicators):
        if indicator.goal not in goals:
            yield _unknown(("indicators", i, "goal"), indicator.goal, "@goal in this plan", goals)
    for a, act in enumerate(plan.activities):
        base: Loc = ("activities", a)
        if act.sub_area not in sub_areas:
            yield _unknown((*base, "sub_area"), act.sub_area, "@sub-area in this plan", sub_areas)
        for j, ref in enumerate(act.goals):
            if ref not in goals:
                yield _unknown((*base, "goals", j), ref, "@goal in this plan", goals)
        if act.replaced_by is not None and act.replaced_by != act.id and act.replaced_by not in activities:
            yield _unknown((*base, "replaced_by"), act.replaced_by, "@activity in this plan", activities)
    for c, consultation in enumerate(plan.consultations):
        for j, ref in enumerate(consultation.activities):
            if ref not in activities:
                yield _unknown(("consultations", c, "activities", j), ref, "@activity in this plan", activities)
    for e, evaluation in enumerate(plan.evaluations):
        base = ("evaluations", e)
        for j, ref in enumerate(evaluation.activities):
            if ref not in activities:
                yield _unknown((*base, "activities", j), ref, "@activity in this plan", activities)
        for j, change in enumerate(evaluation.changes):
            if change.activity not in activities:
                yield _unknown((*base, "changes", j, "activity"), change.activity, "@activity in this plan", activities)


@rule("R022", "plan")
def _replaced_by_self(context: PlanContext) -> Iterator[Finding]:
    for a, act in enumerate(context.plan.activities):
        if act.replaced_by is not None and act.replaced_by == act.id:
            yield Finding("R022", ("activities", a, "replaced_by"))


@rule("R020", "plan")
def _goal_without_indicator(context: PlanContext) -> Iterator[Finding]:
    # an indicator that failed the schema may measure a goal: say nothing about unmeasured goals then
    if not context.judges("indicators"):
        return
    measured = {i.goal for i in context.plan.indicators}
    for g, goal in enumerate(context.plan.goals):
        if goal.id not in measured:
            yield Finding("R020", ("goals", g, "id"), {"id": goal.id})


@rule("R006", "plan")
def _actual_after_revision(context: PlanContext) -> Iterator[Finding]:
    revision = context.plan.revision
    for i, indicator in enumerate(context.plan.indicators):
        for j, actual in enumerate(indicator.actuals):
            if period_after_revision(actual.period, revision):
                yield Finding("R006", ("indicators", i, "actuals", j, "period"), {"period": actual.period, "revision": revision})


@rule("R007", "plan")
def _actual_twice(context: PlanContext) -> Iterator[Finding]:
    for i, indicator in enumerate(context.plan.indicators):
        seen: set[tuple[str, str | None]] = set()
        for j, actual in enumerate(indicator.actuals):
            scope = actual.municipality.value if actual.municipality else None
            if (actual.period, scope) in seen:
                shown = actual.municipality.text("sv") if actual.municipality else "@whole county"
                yield Finding("R007", ("indicators", i, "actuals", j, "period"), {"period": actual.period, "scope": shown})
            seen.add((actual.period, scope))


#: The audit trail an indicator needs (R028), as the keys that hold it.
_AUDIT_KEYS = ("definition", "method", "source", "frequency")


@rule("R028", "plan")
def _indicator_not_auditable(context: PlanContext) -> Iterator[Finding]:
    for i, indicator in enumerate(context.plan.indicators):
        missing = [key for key in _AUDIT_KEYS if getattr(indicator, key) is None or getattr(indicator, key) == ""]
        if missing:
            yield Finding("R028", ("indicators", i, "id"), {"missing": Listed(tuple(f"`{key}`" for key in missing))})


@rule("R029", "plan")
def _result_without_priority(context: PlanContext) -> Iterator[Finding]:
    for i, indicator in enumerate(context.plan.indicators):
        if indicator.kind is IndicatorKind.RESULT and indicator.priority is None:
            yield Finding("R029", ("indicators", i, "kind"), {"id": indicator.id})


def _activities(context: PlanContext) -> list[tuple[Loc, Activity]]:
    """Each activity of the plan with its path (the iteration the rules on one activity share)."""
    return context.activities


@rule("R004", "plan")
def _period_order(context: PlanContext) -> Iterator[Finding]:
    for base, act in _activities(context):
        start, end = act.period.start, act.period.end
        if end is not None and end < start:
            yield Finding("R004", (*base, "period", "end"), {"start": start.isoformat(), "end": end.isoformat()})


@rule("R005", "plan")
def _milestone_outside_period(context: PlanContext) -> Iterator[Finding]:
    for base, act in _activities(context):
        start, end = act.period.start, act.period.end
        for m, milestone in enumerate(act.milestones):
            if milestone.date < start or (end is not None and milestone.date > end):
                yield Finding("R005", (*base, "milestones", m, "date"), {
                    "date": milestone.date.isoformat(), "start": start.isoformat(), "end": end.isoformat() if end else "…"})


@rule("R008", "plan")
def _completed_progress(context: PlanContext) -> Iterator[Finding]:
    for base, act in _activities(context):
        if act.status is Status.COMPLETED and act.progress != 100:
            at = "progress" if "progress" in act.model_fields_set else "status"
            yield Finding("R008", (*base, at), {"progress": act.progress})


@rule("R009", "plan")
def _completed_without_end(context: PlanContext) -> Iterator[Finding]:
    for base, act in _activities(context):
        if act.status is Status.COMPLETED and act.period.end is None:
            yield Finding("R009", (*base, "period"), key=True)


@rule("R010", "plan")
def _cancelled_without_reason(context: PlanContext) -> Iterator[Finding]:
    for base, act in _activities(context):
        if act.status is Status.CANCELLED and not (act.status_note or "").strip():
            yield Finding("R010", (*base, "status"))


@rule("R014", "plan")
def _replaced_but_active(context: PlanContext) -> Iterator[Finding]:
    for base, act in _activities(context):
        if act.replaced_by is not None and act.replaced_by != act.id and act.status not in (Status.CANCELLED, Status.COMPLETED):
            yield Finding("R014", (*base, "replaced_by"), {"replacement": act.replaced_by, "status": InText(act.status)})


@rule("R011", "plan")
def _sami_relevance_missing(context: PlanContext) -> Iterator[Finding]:
    if not judges_sami_relevance():
        return
    for base, act in _activities(context):
        if act.sami is None:
            yield Finding("R011", (*base, "id"))


@rule("R031", "plan")
def _sami_touches_missing(context: PlanContext) -> Iterator[Finding]:
    for base, act in _activities(context):
        if act.sami is not None and act.sami.relevance is not SamiRelevance.NONE and not act.sami.touches:
            yield Finding("R031", (*base, "sami", "relevance"), {"relevance": InText(act.sami.relevance)})


@rule("R030", "plan")
def _consultation_missing(context: PlanContext) -> Iterator[Finding]:
    # a consultation record that failed the schema may be the one: say nothing then
    if not context.judges("consultations"):
        return
    for base, act in _activities(context):
        if needs_consultation(act) and not any(is_documented(c) for c in consultations_of(context.plan, act.id)):
            yield Finding("R030", (*base, "sami", "relevance"), {"status": InText(act.status)})


@rule("R012", "plan")
def _risk_without_conflict(context: PlanContext) -> Iterator[Finding]:
    for base, act in _activities(context):
        if act.goal_conflicts:
            continue
        for dimension in Dimension:
            if getattr(act.sustainability, dimension.value) is Rating.RISK:
                loc: Loc = (*base, "sustainability", dimension.value)
                # a goal conflict of the programme file that names the activity settles it (rus.plans.programme)
                context.index.risks.append((context.place(loc), act.id))
                yield Finding("R012", loc, {"dimension": _DIMENSION_PHRASES[dimension]})


@rule("R015", "plan")
def _no_goal(context: PlanContext) -> Iterator[Finding]:
    yield from (Finding("R015", (*base, "id")) for base, act in _activities(context) if not act.goals)


@rule("R016", "plan")
def _no_priority(context: PlanContext) -> Iterator[Finding]:
    yield from (Finding("R016", (*base, "id")) for base, act in _activities(context) if not act.priorities)


@rule("R027", "plan")
def _no_national_area(context: PlanContext) -> Iterator[Finding]:
    yield from (Finding("R027", (*base, "id")) for base, act in _activities(context) if not act.national_areas)


@rule("R017", "plan")
def _no_reach(context: PlanContext) -> Iterator[Finding]:
    for base, act in _activities(context):
        if not act.municipalities and not act.whole_county:
            yield Finding("R017", (*base, "id"))


@rule("R018", "plan")
def _reach_both(context: PlanContext) -> Iterator[Finding]:
    for base, act in _activities(context):
        if act.municipalities and act.whole_county:
            yield Finding("R018", (*base, "whole_county"))


def _grouped(amount: int) -> str:
    """Whole kronor with the thousands grouped by spaces (``1 200 000``), as both languages may write them."""
    return f"{amount:,}".replace(",", " ")


def _funding_rows(context: PlanContext) -> list[tuple[Loc, Funding, int]]:
    """Each funding row of each activity, with its path and what its payments add up to (R023–R026)."""
    return context.funding_rows


@rule("R023", "plan")
def _funding_without_year(context: PlanContext) -> Iterator[Finding]:
    yield from (Finding("R023", at) for at, row, _ in _funding_rows(context) if row.year is None)


def _paid_before_granted(row: Funding) -> bool:
    return bool(row.payments) and row.state not in (FundingState.GRANTED, FundingState.PAID)


@rule("R024", "plan")
def _payments_not_granted(context: PlanContext) -> Iterator[Finding]:
    for at, row, _ in _funding_rows(context):
        if _paid_before_granted(row):
            yield Finding("R024", (*at, "payments"), {"state": InText(row.state)}, key=True)


@rule("R025", "plan")
def _payments_over_amount(context: PlanContext) -> Iterator[Finding]:
    for at, row, paid in _funding_rows(context):
        if not _paid_before_granted(row) and paid > row.amount_sek:
            yield Finding("R025", (*at, "payments"), {"paid": _grouped(paid), "amount": _grouped(row.amount_sek)}, key=True)


@rule("R026", "plan")
def _paid_not_paid(context: PlanContext) -> Iterator[Finding]:
    for at, row, paid in _funding_rows(context):
        if not _paid_before_granted(row) and paid <= row.amount_sek and row.state is FundingState.PAID and paid != row.amount_sek:
            yield Finding("R026", (*at, "state"), {"paid": _grouped(paid), "amount": _grouped(row.amount_sek)})


@rule("R039", "plan")
def _meeting_cycle_missing(context: PlanContext) -> Iterator[Finding]:
    if not context.plan.meeting.cycle:
        yield Finding("R039", ("meeting",), key=True)


@rule("R013", "plan")
def _revision_meeting_mismatch(context: PlanContext) -> Iterator[Finding]:
    plan = context.plan
    meeting_date = plan.meeting.date
    if not fits_meeting(plan.revision, meeting_date):
        yield Finding("R013", ("revision",), {
            "revision": plan.revision, "date": meeting_date.isoformat(), "expected": expected_for_meeting(meeting_date)})


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


def _statutory(context: PlanContext) -> Iterator[tuple[Loc, Consultation]]:
    """Each consultation under Lag (2022:66) (``form: statutory``) with its path (R032–R034)."""
    for c, consultation in enumerate(context.plan.consultations):
        if consultation.form is ConsultationForm.STATUTORY:
            yield ("consultations", c), consultation


@rule("R033", "plan")
def _consultation_incomplete(context: PlanContext) -> Iterator[Finding]:
    for base, consultation in _statutory(context):
        missing = [key for key in ("activities", "actors", "matter", "date", "outcome") if not getattr(consultation, key)]
        if missing:
            yield Finding("R033", (*base, "id"), {"keys": Listed(tuple(f"`{key}`" for key in missing))})


@rule("R032", "plan")
def _consultation_undocumented(context: PlanContext) -> Iterator[Finding]:
    for base, consultation in _statutory(context):
        ended = consultation.outcome not in (None, ConsultationOutcome.ONGOING)
        if ended and consultation.reference is None and consultation.documented_in is None:
            yield Finding("R032", (*base, "outcome"))


@rule("R034", "plan")
def _consultation_dates(context: PlanContext) -> Iterator[Finding]:
    for base, consultation in _statutory(context):
        if consultation.date is not None and consultation.concluded is not None and consultation.concluded < consultation.date:
            yield Finding("R034", (*base, "concluded"), {
                "concluded": consultation.concluded.isoformat(), "date": consultation.date.isoformat()})


@rule("R035", "plan")
def _evaluation_without_evaluator(context: PlanContext) -> Iterator[Finding]:
    for e, evaluation in enumerate(context.plan.evaluations):
        if evaluation.evaluator is None and evaluation.evaluator_name is None:
            yield Finding("R035", ("evaluations", e, "id"))


@rule("R036", "plan")
def _evaluation_change_later(context: PlanContext) -> Iterator[Finding]:
    plan = context.plan
    for e, evaluation in enumerate(plan.evaluations):
        for j, change in enumerate(evaluation.changes):
            if revision_key(change.revision) > revision_key(plan.revision):
                yield Finding("R036", ("evaluations", e, "changes", j, "revision"), {"revision": change.revision, "current": plan.revision})


@rule("R037", "plan")
def _evaluation_change_earlier(context: PlanContext) -> Iterator[Finding]:
    plan = context.plan
    for e, evaluation in enumerate(plan.evaluations):
        for j, change in enumerate(evaluation.changes):
            if revision_key(change.revision) <= revision_key(plan.revision) and _before(change.revision, plan, evaluation.date):
                yield Finding("R037", ("evaluations", e, "changes", j, "revision"), {
                    "revision": change.revision, "date": evaluation.date.isoformat()})


def _before(revision: str, plan: Plan, day: date) -> bool:
    """Whether a revision was made before ``day``: a revision of an earlier year, or this plan's own
    revision when its meeting was held before that day (of earlier revisions only the year is known here)."""
    if revision_key(revision)[0] < day.year:
        return True
    return revision == plan.revision and plan.meeting.date < day


@rule("R038", "plan")
def _document_not_reviewed(context: PlanContext) -> Iterator[Finding]:
    from rus.plans.elections import last_full_term

    term = last_full_term(context.plan.meeting.date)
    if term is None:
        return
    start, end = term
    for d, document in enumerate(context.plan.documents):
        dates = [day for day in (document.adopted, document.reviewed) if day is not None]
        if not dates or max(dates) >= start:
            continue
        key = "reviewed" if document.reviewed is not None else "adopted"
        yield Finding("R038", ("documents", d, key), {"last": max(dates).isoformat(), "start": start.isoformat(), "end": end.isoformat()})


@rule("R019", "plan")
def _file_name_area(context: PlanContext) -> Iterator[Finding]:
    area = context.plan.area.value
    if context.file_name and Path(context.file_name).stem != area:
        yield Finding("R019", ("area",), {"name": context.file_name, "area": area, "expected": f"{area}.yaml"})


# --- across files ---------------------------------------------------------------------------------


@dataclass(kw_only=True)
class FilesContext(Context):
    """Every file read: the rules across files run on the cross index alone."""

    file: str = ""


@rule("R021", "files")
def _no_actor_registry(context: FilesContext) -> Iterator[Finding]:
    index = context.index
    # with a broken registry, its own errors say what is wrong; "not found" would mislead
    if not index.has_registry and not index.registry_broken and index.actor_refs:
        yield Finding("R021", Place(index.actor_refs[0][1].file, (), line=1, column=1))


@rule("R003", "files")
def _unknown_actor(context: FilesContext) -> Iterator[Finding]:
    index = context.index
    if not index.has_registry:
        return
    known = sorted(index.actor_ids)
    for actor, place in index.actor_refs:
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
        yield Finding("R003", place, params, hint=hint)


def check_cross(index: CrossIndex, paths: list[str]) -> list[tuple[str, list[Diagnostic]]]:
    """Rules across files: actor references against the registry."""
    findings = run("files", FilesContext(index=index), codes=("R003", "R021"))
    found: dict[str, list[Diagnostic]] = {}
    for diagnostic in to_diagnostics(findings, "", lambda loc, key: (1, 1)):
        found.setdefault(diagnostic.path, []).append(diagnostic)
    return list(found.items())
