"""The programme file's rules: every EU fulfilment criterion evidenced, every reference resolved.

The programme file (``programme.yaml``, beside the plans and the actor registry) records the smart
specialisation programme, the evidence in the plans for each of the seven fulfilment criteria of
Regulation (EU) 2021/1060, Annex IV, enabling condition 1.1, and the goal conflicts that run between
goals or strength areas. Its rules within the file run when it is read; its references to the
plans (goals, indicators, activities, meetings, documents) are resolved once every file has been
read (:func:`check_programme_refs`), whatever the order of the files.
"""

from __future__ import annotations

import difflib

from rus.base.codes import HINT_DID_YOU_MEAN
from rus.base.diagnostics import Diagnostic
from rus.base.i18n import InText
from rus.base.vocab import ConflictState, Criterion
from rus.plans.models import ProgrammeFile
from rus.plans.revision import revision_key
from rus.plans.rules import CrossIndex, Loc, ProgrammeIndex, Ref, actor_ref
from rus.plans.source import Source

_WHAT = {"goals": "@goal in the plans", "indicators": "@indicator in the plans", "activities": "@activity in the plans"}


def check_programme(programme: ProgrammeFile, source: Source, index: CrossIndex) -> None:
    """The rules within the programme file; its references are kept in ``index`` for later."""
    if index.programme is not None:
        # one programme per set of plans: a second file would make the evidence ambiguous
        source.add(1, 1, "P014", other=index.programme.path)
        return
    found = ProgrammeIndex(source.path, programme.programme.member_state)
    index.programme = found
    found.own_documents = {d.reference for d in programme.documents if d.reference is not None}
    actor_ref(source, index, ("programme", "responsible_body"), programme.programme.responsible_body)
    _check_criteria(programme, source, found)
    _check_conflicts(programme, source, index, found)


def _add_ids(source: Source, found: ProgrammeIndex, base: Loc, section: str, ids: list[str]) -> None:
    for j, ident in enumerate(ids):
        line, column = source.locate((*base, section, j))
        found.ids.append(Ref(ident, _WHAT[section], line, column))


def _check_criteria(programme: ProgrammeFile, source: Source, found: ProgrammeIndex) -> None:
    seen: dict[Criterion, int] = {}
    for i, evidence in enumerate(programme.criteria):
        base: Loc = ("criteria", i)
        line, column = source.locate((*base, "criterion"))
        if evidence.criterion in seen:
            source.add(line, column, "P002", criterion=InText(evidence.criterion), number=evidence.criterion.number, other=seen[evidence.criterion])
            continue
        seen[evidence.criterion] = line
        if not (evidence.documents or evidence.meetings or evidence.indicators or evidence.activities):
            source.add(line, column, "P003", criterion=InText(evidence.criterion), number=evidence.criterion.number)
        for j, reference in enumerate(evidence.documents):
            ref_line, ref_column = source.locate((*base, "documents", j))
            found.documents.append(Ref(reference, "@document", ref_line, ref_column))
        for j, meeting in enumerate(evidence.meetings):
            ref_line, ref_column = source.locate((*base, "meetings", j, "revision"))
            found.meetings.append((meeting.area.value, meeting.revision, ref_line, ref_column))
        _add_ids(source, found, base, "indicators", evidence.indicators)
        _add_ids(source, found, base, "activities", evidence.activities)
        if evidence.criterion is Criterion.INTERNATIONAL_COOPERATION:
            found.abroad = (tuple(evidence.activities), line, column)
    missing = [c for c in Criterion if c not in seen]
    if missing:
        line, column = source.locate(("criteria",), key=True) if "criteria" in programme.model_fields_set else (1, 1)
        for criterion in missing:
            source.add(line, column, "P001", criterion=InText(criterion), number=criterion.number, criterion_slug=criterion.value)


def _check_conflicts(programme: ProgrammeFile, source: Source, index: CrossIndex, found: ProgrammeIndex) -> None:
    seen: dict[str, int] = {}
    for i, conflict in enumerate(programme.conflicts):
        base: Loc = ("conflicts", i)
        line, column = source.locate((*base, "id"))
        if conflict.id in seen:
            source.add(line, column, "P008", id=conflict.id, other=seen[conflict.id])
        else:
            seen[conflict.id] = line
        for j, side in enumerate(conflict.sides):
            if not side.goals and not side.activities:
                side_line, side_column = source.locate((*base, "sides", j, "interest"))
                source.add(side_line, side_column, "P009", interest=side.interest)
            _add_ids(source, found, (*base, "sides", j), "goals", side.goals)
            _add_ids(source, found, (*base, "sides", j), "activities", side.activities)
            found.conflict_activities.update(side.activities)
        for j, actor in enumerate(conflict.handled_by):
            actor_ref(source, index, (*base, "handled_by", j), actor)
        if conflict.state is not ConflictState.IDENTIFIED:
            state_line, state_column = source.locate((*base, "state"))
            if not (conflict.handling or "").strip():
                source.add(state_line, state_column, "P010", state=InText(conflict.state))
            if not conflict.handled_by:
                source.add(state_line, state_column, "P011", state=InText(conflict.state))


def check_programme_refs(index: CrossIndex) -> list[Diagnostic]:
    """The programme file's references against the plans read with it (once every file is read)."""
    found = index.programme
    if found is None:
        return []
    path = found.path
    if not index.revisions:
        return [Diagnostic(path, 1, 1, "P013")]  # no plans beside it: nothing to resolve against
    out: list[Diagnostic] = []
    known_ids = sorted(index.plan_ids)
    for ref in found.ids:
        if ref.ref not in index.plan_ids:
            out.append(_unknown(path, ref, "P004", known_ids))
    for area, revision, line, column in found.meetings:
        current = index.revisions.get(area)
        if current is None:
            out.append(Diagnostic(path, line, column, "P005", {"area": area, "revision": revision, "areas": ", ".join(sorted(index.revisions))}))
        elif revision_key(revision) > revision_key(current):
            out.append(Diagnostic(path, line, column, "P006", {"area": area, "revision": revision, "current": current}))
    documents = sorted(index.documents | found.own_documents)
    for ref in found.documents:
        if ref.ref not in index.documents and ref.ref not in found.own_documents:
            out.append(_unknown(path, ref, "P007", documents))
    if found.abroad is not None:
        activities, line, column = found.abroad
        if activities and not any(
            index.actor_countries.get(actor, found.member_state) != found.member_state
            for activity in activities
            for actor in index.activity_actors.get(activity, ())
        ):
            out.append(Diagnostic(path, line, column, "P012", {"member_state": found.member_state}))
    return out


def settled_risks(index: CrossIndex) -> set[tuple[str, int, int]]:
    """The places of R012 findings whose activity a goal conflict of the programme file names: a
    conflict across areas is recorded there once, not on each activity."""
    found = index.programme
    if found is None or not found.conflict_activities:
        return set()
    return {(path, line, column) for path, line, column, activity in index.risks if activity in found.conflict_activities}


def _unknown(path: str, ref: Ref, code: str, known: list[str]) -> Diagnostic:
    shown = ", ".join(known[:12]) + (" …" if len(known) > 12 else "") or "—"
    params: dict[str, object] = {"ref": ref.ref, "what": ref.what, "known": shown}
    guess = difflib.get_close_matches(ref.ref, known, n=1, cutoff=0.75)
    if guess:
        params["suggestion"] = guess[0]
        return Diagnostic(path, ref.line, ref.column, code, params, HINT_DID_YOU_MEAN)
    return Diagnostic(path, ref.line, ref.column, code, params)


__all__ = ["ProgrammeIndex", "check_programme", "check_programme_refs", "settled_risks"]
