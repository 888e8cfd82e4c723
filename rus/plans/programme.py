"""The programme file's rules: every EU fulfilment criterion evidenced, every reference resolved.

The programme file (``programme.yaml``, beside the plans and the actor registry) records the smart
specialisation programme, the evidence in the plans for each of the seven fulfilment criteria of
Regulation (EU) 2021/1060, Annex IV, enabling condition 1.1, and the goal conflicts that run between
goals or strength areas. Its rules within the file run when it is read; its references to the
plans (goals, indicators, activities, meetings, documents) are resolved once every file has been
read (:func:`check_programme_refs`), whatever the order of the files. Each rule (a ``P`` code) is one
unit of the rule registry (:mod:`rus.plans.ruleset`) that returns findings located by path.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field

from rus.base.codes import HINT_DID_YOU_MEAN
from rus.base.diagnostics import Diagnostic
from rus.base.i18n import InText
from rus.base.vocab import ConflictState, Criterion
from rus.plans.models import ProgrammeFile
from rus.plans.revision import revision_key
from rus.plans.rules import (
    Context,
    CrossIndex,
    FilesContext,
    ProgrammeIndex,
    Ref,
    actor_ref,
    apply,
)
from rus.plans.ruleset import Finding, LineOf, Loc, Place, rule, run, to_diagnostics
from rus.plans.source import Source

_WHAT = {"goals": "@goal in the plans", "indicators": "@indicator in the plans", "activities": "@activity in the plans"}


@dataclass(kw_only=True)
class ProgrammeContext(Context):
    """The programme file being checked; ``first`` is the index of its references (None for a
    second programme file, which is reported and not checked further)."""

    programme: ProgrammeFile
    first: ProgrammeIndex | None = None
    #: Where each criterion and goal conflict is first listed (P002, P008).
    criteria: dict[Criterion, Place] = field(default_factory=dict)
    conflicts: dict[str, Place] = field(default_factory=dict)


def check_programme(programme: ProgrammeFile, source: Source | None, index: CrossIndex,
                    file: str = "programme.yaml") -> list[Finding]:
    """The rules within the programme file; its references are kept in ``index`` for later.

    With ``source`` None (a programme in memory) nothing is located: the findings are returned.
    """
    context = ProgrammeContext(file=source.path if source is not None else file, index=index, programme=programme)
    if index.programme is not None:
        # one programme per set of plans: a second file would make the evidence ambiguous
        return apply("programme", context, source, codes=("P014",))
    _index_programme(context)
    return apply("programme", context, source)


def _add_ids(context: ProgrammeContext, found: ProgrammeIndex, base: Loc, section: str, ids: list[str]) -> None:
    for j, ident in enumerate(ids):
        found.ids.append(Ref(ident, _WHAT[section], context.place((*base, section, j))))


def _index_programme(context: ProgrammeContext) -> None:
    """What the programme file refers to (resolved once every file is read) and where its criteria
    and goal conflicts are first listed."""
    programme, index = context.programme, context.index
    found = ProgrammeIndex(context.file, programme.programme.member_state)
    index.programme = context.first = found
    found.own_documents = {d.reference for d in programme.documents if d.reference is not None}
    actor_ref(context, ("programme", "responsible_body"), programme.programme.responsible_body)
    for i, evidence in enumerate(programme.criteria):
        base: Loc = ("criteria", i)
        if evidence.criterion in context.criteria:
            continue
        context.criteria[evidence.criterion] = context.place((*base, "criterion"))
        for j, reference in enumerate(evidence.documents):
            found.documents.append(Ref(reference, "@document", context.place((*base, "documents", j))))
        for j, meeting in enumerate(evidence.meetings):
            found.meetings.append((meeting.area.value, meeting.revision, context.place((*base, "meetings", j, "revision"))))
        _add_ids(context, found, base, "indicators", evidence.indicators)
        _add_ids(context, found, base, "activities", evidence.activities)
        if evidence.criterion is Criterion.INTERNATIONAL_COOPERATION:
            found.abroad = (tuple(evidence.activities), context.criteria[evidence.criterion])
    for i, conflict in enumerate(programme.conflicts):
        base = ("conflicts", i)
        if conflict.id not in context.conflicts:
            context.conflicts[conflict.id] = context.place((*base, "id"))
        for j, side in enumerate(conflict.sides):
            _add_ids(context, found, (*base, "sides", j), "goals", side.goals)
            _add_ids(context, found, (*base, "sides", j), "activities", side.activities)
            found.conflict_activities.update(side.activities)
        for j, actor in enumerate(conflict.handled_by):
            actor_ref(context, (*base, "handled_by", j), actor)


@rule("P014", "programme")
def _programme_twice(context: ProgrammeContext) -> Iterator[Finding]:
    if context.index.programme is not None and context.first is None:
        yield Finding("P014", Place(context.file, (), line=1, column=1), {"other": context.index.programme.path})


@rule("P002", "programme")
def _criterion_twice(context: ProgrammeContext) -> Iterator[Finding]:
    for i, evidence in enumerate(context.programme.criteria):
        first = context.criteria[evidence.criterion]
        if first.loc[:2] != ("criteria", i):
            criterion = evidence.criterion
            yield Finding("P002", ("criteria", i, "criterion"), {
                "criterion": InText(criterion), "number": criterion.number, "other": LineOf(first)})


@rule("P003", "programme")
def _criterion_without_evidence(context: ProgrammeContext) -> Iterator[Finding]:
    for i, evidence in enumerate(context.programme.criteria):
        if context.criteria[evidence.criterion].loc[:2] != ("criteria", i):
            continue  # listed twice: P002
        if not (evidence.documents or evidence.meetings or evidence.indicators or evidence.activities):
            criterion = evidence.criterion
            yield Finding("P003", ("criteria", i, "criterion"), {"criterion": InText(criterion), "number": criterion.number})


@rule("P001", "programme")
def _criterion_missing(context: ProgrammeContext) -> Iterator[Finding]:
    missing = [c for c in Criterion if c not in context.criteria]
    if not missing:
        return
    listed = "criteria" in context.programme.model_fields_set
    at: Loc | Place = ("criteria",) if listed else Place(context.file, (), line=1, column=1)
    for criterion in missing:
        yield Finding("P001", at, {"criterion": InText(criterion), "number": criterion.number,
                                   "criterion_slug": criterion.value}, key=listed)


@rule("P008", "programme")
def _conflict_id_twice(context: ProgrammeContext) -> Iterator[Finding]:
    for i, conflict in enumerate(context.programme.conflicts):
        first = context.conflicts[conflict.id]
        if first.loc[:2] != ("conflicts", i):
            yield Finding("P008", ("conflicts", i, "id"), {"id": conflict.id, "other": LineOf(first)})


@rule("P009", "programme")
def _conflict_side_empty(context: ProgrammeContext) -> Iterator[Finding]:
    for i, conflict in enumerate(context.programme.conflicts):
        for j, side in enumerate(conflict.sides):
            if not side.goals and not side.activities:
                yield Finding("P009", ("conflicts", i, "sides", j, "interest"), {"interest": side.interest})


@rule("P010", "programme")
def _conflict_handling_missing(context: ProgrammeContext) -> Iterator[Finding]:
    for i, conflict in enumerate(context.programme.conflicts):
        if conflict.state is not ConflictState.IDENTIFIED and not (conflict.handling or "").strip():
            yield Finding("P010", ("conflicts", i, "state"), {"state": InText(conflict.state)})


@rule("P011", "programme")
def _conflict_handlers_missing(context: ProgrammeContext) -> Iterator[Finding]:
    for i, conflict in enumerate(context.programme.conflicts):
        if conflict.state is not ConflictState.IDENTIFIED and not conflict.handled_by:
            yield Finding("P011", ("conflicts", i, "state"), {"state": InText(conflict.state)})


# --- the programme file's references, once every file is read ---------------------------------------


@rule("P013", "files")
def _programme_without_plans(context: FilesContext) -> Iterator[Finding]:
    found = context.index.programme
    if found is not None and not context.index.revisions:
        yield Finding("P013", Place(found.path, (), line=1, column=1))


def _resolving(context: FilesContext) -> ProgrammeIndex | None:
    """The programme file's references, when there are plans to resolve them against."""
    return context.index.programme if context.index.revisions else None


@rule("P004", "files")
def _unknown_plan_reference(context: FilesContext) -> Iterator[Finding]:
    found = _resolving(context)
    if found is None:
        return
    known_ids = sorted(context.index.plan_ids)
    for ref in found.ids:
        if ref.ref not in context.index.plan_ids:
            yield _unknown(ref, "P004", known_ids)


@rule("P005", "files")
def _meeting_area_without_plan(context: FilesContext) -> Iterator[Finding]:
    found = _resolving(context)
    for area, revision, place in found.meetings if found is not None else ():
        if area not in context.index.revisions:
            yield Finding("P005", place, {"area": area, "revision": revision, "areas": ", ".join(sorted(context.index.revisions))})


@rule("P006", "files")
def _meeting_after_revision(context: FilesContext) -> Iterator[Finding]:
    found = _resolving(context)
    for area, revision, place in found.meetings if found is not None else ():
        current = context.index.revisions.get(area)
        if current is not None and revision_key(revision) > revision_key(current):
            yield Finding("P006", place, {"area": area, "revision": revision, "current": current})


@rule("P007", "files")
def _unknown_document(context: FilesContext) -> Iterator[Finding]:
    found = _resolving(context)
    if found is None:
        return
    documents = sorted(context.index.documents | found.own_documents)
    for ref in found.documents:
        if ref.ref not in context.index.documents and ref.ref not in found.own_documents:
            yield _unknown(ref, "P007", documents)


@rule("P012", "files")
def _no_partner_abroad(context: FilesContext) -> Iterator[Finding]:
    found = _resolving(context)
    if found is None or found.abroad is None:
        return
    index = context.index
    activities, place = found.abroad
    if activities and not any(
        index.actor_countries.get(actor, found.member_state) != found.member_state
        for activity in activities
        for actor in index.activity_actors.get(activity, ())
    ):
        yield Finding("P012", place, {"member_state": found.member_state})


#: The rules of the programme file's references (run by :func:`check_programme_refs`).
_REFS = ("P013", "P004", "P005", "P006", "P007", "P012")


def check_programme_refs(index: CrossIndex) -> list[Diagnostic]:
    """The programme file's references against the plans read with it (once every file is read)."""
    if index.programme is None:
        return []
    findings = run("files", FilesContext(index=index), codes=_REFS)
    return list(to_diagnostics(findings, index.programme.path, lambda loc, key: (1, 1)))


def settled_risks(index: CrossIndex) -> set[tuple[str, int, int]]:
    """The places of R012 findings whose activity a goal conflict of the programme file names: a
    conflict across areas is recorded there once, not on each activity."""
    found = index.programme
    if found is None or not found.conflict_activities:
        return set()
    return {(place.file, place.line, place.column) for place, activity in index.risks if activity in found.conflict_activities}


def _unknown(ref: Ref, code: str, known: list[str]) -> Finding:
    shown = ", ".join(known[:12]) + (" …" if len(known) > 12 else "") or "—"
    params: dict[str, object] = {"ref": ref.ref, "what": ref.what, "known": shown}
    guess = difflib.get_close_matches(ref.ref, known, n=1, cutoff=0.75)
    if guess:
        params["suggestion"] = guess[0]
        return Finding(code, ref.place, params, hint=HINT_DID_YOU_MEAN)
    return Finding(code, ref.place, params)


__all__ = ["ProgrammeIndex", "check_programme", "check_programme_refs", "settled_risks"]
