"""The semantic difference between two sets of plans, as data.

Items are matched by their stable ids (sub-areas, goals, indicators and activities within an area;
actors in the registry), so reordering is never a change. Each difference is reported in the plan's
own terms: an activity added, removed, replaced or cancelled; a status transition; a period moved by
so many months; funding changed per source with the difference in SEK; new indicator actuals with
the progress towards the target; goal conflicts opened or resolved; and any other field as old → new.

The result is a :class:`ChangeSet`; :meth:`ChangeSet.to_dict` is the stable JSON shape documented in
``docs/history.md``. Nothing here prints; renderers are in :mod:`rus.render.changes`.
"""

from __future__ import annotations

import calendar
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from dataclasses import field as _field
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from rus.base.vocab import Area, FundingSource
from rus.plans.models import Actor, ActorRegistry, Plan

if TYPE_CHECKING:
    from rus.plans.region import RegionChange
    from rus.timeline.history import PlanSet

#: The version of the JSON shape; raised on incompatible changes.
JSON_VERSION = 1

#: Kinds of item, in the order they are reported, with the plan list that holds them.
PLAN_ITEMS: dict[str, str] = {
    "sub_area": "sub_areas",
    "goal": "goals",
    "indicator": "indicators",
    "activity": "activities",
}
ACTOR = "actor"

#: What happened to an item, in the order the summary lists them.
CATEGORIES = ("added", "removed", "replaced", "cancelled", "completed", "changed")

#: Plan keys that are not metadata (the items, compared by id; the area, which names the plan; the
#: edition of the format, which says how the file is written, not what the plan says).
_NOT_METADATA = frozenset({"area", "schema_version", *PLAN_ITEMS.values()})
_CONFLICT_CLOSED = "resolved"


# --- the result ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One change to one field of an item or of a plan's metadata.

    ``type`` says how to read it: ``status``, ``period``, ``progress``, ``funding``, ``replaced``,
    ``goal_conflict``, ``target``, ``actual``, ``list`` (elements added and removed) or ``field``
    (any other value, old → new). ``details`` holds what the type adds (see docs/history.md).
    """

    type: str
    field: str
    old: Any = None
    new: Any = None
    details: dict[str, Any] = _field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The change as the documented JSON object."""
        return {"type": self.type, "field": self.field, "old": self.old, "new": self.new, **self.details}


@dataclass(frozen=True)
class ItemChange:
    """What happened to one item (activity, goal, indicator, sub-area or actor) between two sets."""

    kind: str
    id: str
    title: str
    change: str  # one of CATEGORIES
    changes: tuple[Change, ...] = ()
    status: str | None = None  # activities: the status now (for a removed one, its last status)
    item: dict[str, Any] | None = None  # added and removed items: the item as it is (or was)

    @property
    def status_change(self) -> Change | None:
        """The status transition, if the status changed."""
        return next((c for c in self.changes if c.type == "status"), None)

    def to_dict(self) -> dict[str, Any]:
        """The item's changes as the documented JSON object."""
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "change": self.change,
            "status": self.status,
            "changes": [c.to_dict() for c in self.changes],
            "item": self.item,
        }


@dataclass(frozen=True)
class Summary:
    """Counts of what changed: items per category, status transitions and metadata fields."""

    counts: dict[str, int]
    status_changes: int = 0
    metadata: int = 0
    by_kind: dict[str, dict[str, int]] = _field(default_factory=dict)

    @classmethod
    def of(cls, items: Iterable[ItemChange], metadata: int = 0) -> Summary:
        """The summary of some item changes."""
        counts = dict.fromkeys(CATEGORIES, 0)
        by_kind: dict[str, dict[str, int]] = {}
        status_changes = 0
        for item in items:
            counts[item.change] += 1
            kind = by_kind.setdefault(item.kind, {})
            kind[item.change] = kind.get(item.change, 0) + 1
            if item.status_change is not None:
                status_changes += 1
        return cls(counts, status_changes, metadata, by_kind)

    @property
    def total(self) -> int:
        """The number of items that changed in any way."""
        return sum(self.counts.values())

    def __add__(self, other: Summary) -> Summary:
        by_kind = {k: dict(v) for k, v in self.by_kind.items()}
        for kind, counts in other.by_kind.items():
            mine = by_kind.setdefault(kind, {})
            for key, value in counts.items():
                mine[key] = mine.get(key, 0) + value
        return Summary(
            {k: self.counts[k] + other.counts[k] for k in CATEGORIES},
            self.status_changes + other.status_changes,
            self.metadata + other.metadata,
            by_kind,
        )

    def to_dict(self) -> dict[str, Any]:
        """The summary as the documented JSON object."""
        return {
            **self.counts,
            "status_changes": self.status_changes,
            "metadata": self.metadata,
            "by_kind": {k: dict(sorted(v.items())) for k, v in sorted(self.by_kind.items())},
        }


@dataclass(frozen=True)
class Side:
    """Where one side of a comparison was read: the label given, the plan's revision and the commit."""

    label: str
    revision: str | None = None
    commit: str | None = None
    paths: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The side as the documented JSON object."""
        return {"label": self.label, "revision": self.revision, "commit": self.commit, "paths": list(self.paths)}


@dataclass(frozen=True)
class AreaChanges:
    """The changes to one area's plan."""

    area: Area
    change: str  # "added", "removed" or "changed"
    old: Side
    new: Side
    metadata: tuple[Change, ...] = ()
    items: tuple[ItemChange, ...] = ()

    @property
    def summary(self) -> Summary:
        """Counts of this area's changes."""
        return Summary.of(self.items, len(self.metadata))

    @property
    def is_empty(self) -> bool:
        """Whether nothing changed in the area."""
        return not self.metadata and not self.items and self.change == "changed"

    def to_dict(self) -> dict[str, Any]:
        """The area's changes as the documented JSON object."""
        return {
            "area": self.area.value,
            "change": self.change,
            "from": self.old.to_dict(),
            "to": self.new.to_dict(),
            "summary": self.summary.to_dict(),
            "metadata": [c.to_dict() for c in self.metadata],
            "items": [i.to_dict() for i in self.items],
        }


@dataclass(frozen=True)
class ChangeSet:
    """Every change between two sets of plans, per area, and to the actor registry."""

    old_label: str
    new_label: str
    areas: tuple[AreaChanges, ...] = ()
    actors: tuple[ItemChange, ...] = ()
    #: Changes to the region file (areas, municipalities, … added, removed, renamed, merged).
    region: tuple[RegionChange, ...] = ()

    @property
    def is_empty(self) -> bool:
        """Whether nothing changed."""
        return not self.areas and not self.actors and not self.region

    @property
    def summary(self) -> Summary:
        """Counts of every change."""
        total = Summary.of(self.actors)
        for area in self.areas:
            total = total + area.summary
        return total

    def area(self, area: Area) -> AreaChanges | None:
        """The changes to one area (None when it did not change)."""
        return next((a for a in self.areas if a.area == area), None)

    def items(self) -> Iterator[tuple[Area | None, ItemChange]]:
        """Every item change with its area (None for actors)."""
        for area in self.areas:
            for item in area.items:
                yield area.area, item
        for actor in self.actors:
            yield None, actor

    def combine(self, other: ChangeSet) -> ChangeSet:
        """This set and another over different areas, as one."""
        order = {area: i for i, area in enumerate(Area)}  # the active region's order
        areas = sorted((*self.areas, *other.areas), key=lambda a: order.get(a.area, len(order)))
        return ChangeSet(self.old_label, self.new_label, tuple(areas), (*self.actors, *other.actors), (*self.region, *other.region))

    def to_dict(self) -> dict[str, Any]:
        """The documented, stable JSON object (see docs/history.md)."""
        return {
            "version": JSON_VERSION,
            "from": self.old_label,
            "to": self.new_label,
            "empty": self.is_empty,
            "summary": self.summary.to_dict(),
            "areas": [a.to_dict() for a in self.areas],
            "actors": [a.to_dict() for a in self.actors],
            **({"region": [c.to_dict() for c in self.region]} if self.region else {}),
        }


# --- comparing -------------------------------------------------------------------------------------


def diff_plansets(old: PlanSet, new: PlanSet, area: Area | None = None) -> ChangeSet:
    """The semantic changes from ``old`` to ``new`` (only ``area`` when given; then actors are left out)."""
    # the region's areas in its order, then any area a side still has that the region no longer names
    present = dict.fromkeys([*Area, *old.plans, *new.plans])
    areas = [a for a in present if (a in old.plans or a in new.plans) and (area is None or a == area)]
    found: list[AreaChanges] = []
    for each in areas:
        old_side = _side(old, each)
        new_side = _side(new, each)
        changes = diff_plans(old.plans.get(each), new.plans.get(each), old_side, new_side, each)
        if not changes.is_empty:
            found.append(changes)
    actors: tuple[ItemChange, ...] = ()
    if area is None:
        actors = diff_registries(old.registry, new.registry)
    return ChangeSet(old.label, new.label, tuple(found), actors)


def _side(planset: PlanSet, area: Area) -> Side:
    plan = planset.plans.get(area)
    return Side(planset.label, plan.revision if plan else None, planset.commit, planset.paths.get(area, ()))


def diff_plans(old: Plan | None, new: Plan | None, old_side: Side, new_side: Side, area: Area) -> AreaChanges:
    """The changes between two versions of one area's plan (either may be missing)."""
    if old is new:
        return AreaChanges(area, "changed", old_side, new_side)
    change = "added" if old is None else "removed" if new is None else "changed"
    metadata: tuple[Change, ...] = ()
    if old is not None and new is not None:
        metadata = tuple(_metadata_changes(old, new))
    items: list[ItemChange] = []
    for kind, attr in PLAN_ITEMS.items():
        olds = getattr(old, attr) if old is not None else []
        news = getattr(new, attr) if new is not None else []
        items.extend(_diff_items(kind, olds, news))
    return AreaChanges(area, change, old_side, new_side, metadata, tuple(items))


def diff_registries(old: ActorRegistry | None, new: ActorRegistry | None) -> tuple[ItemChange, ...]:
    """The changes to the actor registry, matched by actor id."""
    if old is new:
        return ()
    olds: list[Actor] = old.actors if old is not None else []
    news: list[Actor] = new.actors if new is not None else []
    return tuple(_diff_items(ACTOR, olds, news))


def _metadata_changes(old: Plan, new: Plan) -> list[Change]:
    changes: list[Change] = []
    for name in Plan.model_fields:
        if name in _NOT_METADATA:
            continue
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        changes.extend(_generic(name, as_json(before), as_json(after)))
    return changes


def as_json(value: Any) -> Any:
    """A model or value as plain JSON data (dates as ISO text, vocabulary values as slugs)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "value") and isinstance(getattr(value, "value", None), str):
        return value.value
    return value


def _natural(ident: str) -> tuple[Any, ...]:
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"([0-9]+)", ident))


def item_title(model: Any) -> str:
    """An item's title (activities, goals) or name (sub-areas, indicators, actors)."""
    return str(getattr(model, "title", None) or getattr(model, "name", None) or "")


def _diff_items(kind: str, olds: list[Any], news: list[Any]) -> list[ItemChange]:
    if olds is news:
        return []
    old_by_id = {item.id: item for item in olds}
    new_by_id = {item.id: item for item in news}
    found: list[ItemChange] = []
    # only the ids whose items are not the same object are sorted (most are, between revisions)
    differ = [ident for ident in old_by_id.keys() | new_by_id.keys() if old_by_id.get(ident) is not new_by_id.get(ident)]
    for ident in sorted(differ, key=_natural):
        before, after = old_by_id.get(ident), new_by_id.get(ident)
        if before is None:
            found.append(ItemChange(kind, ident, item_title(after), "added", (), _status(after), as_json(after)))
        elif after is None:
            found.append(ItemChange(kind, ident, item_title(before), "removed", (), _status(before), as_json(before)))
        elif before != after:
            changes = item_changes(kind, as_json(before), as_json(after))
            if changes:
                found.append(ItemChange(kind, ident, item_title(after), _category(changes), tuple(changes), _status(after)))
    return found


def _status(model: Any) -> str | None:
    status = getattr(model, "status", None)
    return status.value if status is not None else None


def _category(changes: list[Change]) -> str:
    if any(c.type == "replaced" and c.new for c in changes):
        return "replaced"
    for c in changes:
        if c.type == "status" and c.new in ("cancelled", "completed"):
            return str(c.new)
    return "changed"


# --- the changes within one item -------------------------------------------------------------------

Handler = Callable[[str, Any, Any, dict[str, Any], dict[str, Any]], list[Change]]

#: Fields reported first, in this order; the rest follow in the model's order.
_FIRST = ("replaced_by", "status")


def item_changes(kind: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """The field changes between two versions of one item (as JSON-mode dumps)."""
    keys = [k for k in _FIRST if k in old or k in new]
    keys += [k for k in (*old, *(k for k in new if k not in old)) if k not in keys and k != "id"]
    changes: list[Change] = []
    for key in keys:
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        handler = _HANDLERS.get((kind, key))
        if handler is None:
            changes.extend(_generic(key, before, after))
        else:
            changes.extend(handler(key, before, after, old, new))
    return changes


def _generic(path: str, old: Any, new: Any) -> list[Change]:
    """Nested values compared key by key; lists as multisets (order is no change); the rest old → new."""
    if old == new:
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        found: list[Change] = []
        for key in (*old, *(k for k in new if k not in old)):
            found.extend(_generic(f"{path}.{key}", old.get(key), new.get(key)))
        return found
    if isinstance(old, list) and isinstance(new, list):
        added, removed = multiset_diff(old, new)
        if not added and not removed:
            return []
        return [Change("list", path, old, new, {"added": added, "removed": removed})]
    return [Change("field", path, old, new)]


def _canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def multiset_diff(old: list[Any], new: list[Any]) -> tuple[list[Any], list[Any]]:
    """The elements of ``new`` not in ``old`` and those of ``old`` not in ``new``, counting repeats."""
    old_count = Counter(_canon(v) for v in old)
    new_count = Counter(_canon(v) for v in new)
    added: list[Any] = []
    removed: list[Any] = []
    seen: Counter[str] = Counter()
    for value in new:
        key = _canon(value)
        seen[key] += 1
        if seen[key] > old_count[key]:
            added.append(value)
    seen.clear()
    for value in old:
        key = _canon(value)
        seen[key] += 1
        if seen[key] > new_count[key]:
            removed.append(value)
    return added, removed


def _status_change(key: str, old: Any, new: Any, *_: Any) -> list[Change]:
    return [Change("status", key, old, new)]


def _replaced(key: str, old: Any, new: Any, *_: Any) -> list[Change]:
    return [Change("replaced", key, old, new)]


def _progress(key: str, old: Any, new: Any, *_: Any) -> list[Change]:
    return [Change("progress", key, old, new, {"difference": (new or 0) - (old or 0)})]


def _last_day(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def months_between(old: date, new: date) -> float:
    """How many months ``new`` is after ``old``: whole months on the same day of the month, else days / 30.44."""
    whole = (new.year - old.year) * 12 + new.month - old.month
    if old.day == new.day or (_last_day(old) and _last_day(new)):
        return whole
    return round((new - old).days / 30.4375, 1)


def _period(key: str, old: Any, new: Any, *_: Any) -> list[Change]:
    old = old or {}
    new = new or {}
    changes: list[Change] = []
    for end in ("start", "end"):
        before, after = old.get(end), new.get(end)
        if before == after:
            continue
        details: dict[str, Any]
        if before is not None and after is not None:
            a, b = date.fromisoformat(before), date.fromisoformat(after)
            details = {
                "days": (b - a).days,
                "months": months_between(a, b),
                "direction": "postponed" if b > a else "brought-forward",
            }
        else:
            details = {"days": None, "months": None, "direction": "set" if before is None else "cleared"}
        changes.append(Change("period", f"{key}.{end}", before, after, details))
    return changes


def _funding(key: str, old: Any, new: Any, *_: Any) -> list[Change]:
    old = old or []
    new = new or []
    order = [s.value for s in FundingSource]
    sources = sorted({line["source"] for line in (*old, *new)}, key=lambda s: (order.index(s) if s in order else len(order), s))
    changes: list[Change] = []
    for source in sources:
        before = [line for line in old if line["source"] == source]
        after = [line for line in new if line["source"] == source]
        added, removed = multiset_diff(before, after)
        if not added and not removed:
            continue
        old_sek = sum(line["amount_sek"] for line in before)
        new_sek = sum(line["amount_sek"] for line in after)
        changes.append(Change("funding", key, old_sek, new_sek, {
            "source": source, "difference_sek": new_sek - old_sek, "added": added, "removed": removed,
        }))
    return changes


def _conflict_key(conflict: dict[str, Any]) -> str:
    return _canon(sorted(conflict.get("between") or []))


def _goal_conflicts(key: str, old: Any, new: Any, *_: Any) -> list[Change]:
    olds: dict[str, list[dict[str, Any]]] = {}
    news: dict[str, list[dict[str, Any]]] = {}
    for conflict in old or []:
        olds.setdefault(_conflict_key(conflict), []).append(conflict)
    for conflict in new or []:
        news.setdefault(_conflict_key(conflict), []).append(conflict)
    changes: list[Change] = []
    for ckey in (*olds, *(k for k in news if k not in olds)):
        before, after = olds.get(ckey, []), news.get(ckey, [])
        # conflicts between the same things are paired by equality first, then in order
        added, removed = multiset_diff(before, after)
        for a, b in zip(removed, added, strict=False):
            changes.append(Change("goal_conflict", key, a, b, {"event": _conflict_event(a, b), "between": b["between"]}))
        for a in removed[len(added):]:
            changes.append(Change("goal_conflict", key, a, None, {"event": "removed", "between": a["between"]}))
        for b in added[len(removed):]:
            changes.append(Change("goal_conflict", key, None, b, {"event": "opened", "between": b["between"]}))
    return changes


def _conflict_event(old: dict[str, Any], new: dict[str, Any]) -> str:
    if new.get("state") == _CONFLICT_CLOSED and old.get("state") != _CONFLICT_CLOSED:
        return "resolved"
    if old.get("state") == _CONFLICT_CLOSED and new.get("state") != _CONFLICT_CLOSED:
        return "reopened"
    return "changed"


def _target(key: str, old: Any, new: Any, *_: Any) -> list[Change]:
    return [Change("target", key, old, new)]


def progress_fraction(baseline: float, target: float, value: float) -> float | None:
    """How far ``value`` has come from ``baseline`` to ``target``: 0 at the baseline, 1 at the target.

    The one judgement of progress that ``rus diff`` and the yearly report share. A target equal to
    its baseline (holding a level) has no way to go, so it has no progress (``None``): whether such
    a target is met is a matter of which side of it the value lies, not of a share.
    """
    if target == baseline:
        return None
    return (float(value) - float(baseline)) / (float(target) - float(baseline))


def progress_percent(fraction: float | None) -> float | None:
    """A progress fraction as the percentage ``rus diff`` shows (one decimal; the report rounds the
    same fraction to a whole percentage)."""
    return None if fraction is None else round(fraction * 100, 1)


def progress_towards_target(value: float, indicator: dict[str, Any]) -> float | None:
    """How far ``value`` has come from the indicator's baseline to its target, in percent."""
    baseline = indicator.get("baseline") or {}
    target = indicator.get("target") or {}
    start, goal = baseline.get("value"), target.get("value")
    if start is None or goal is None:
        return None
    return progress_percent(progress_fraction(float(start), float(goal), float(value)))


def _actual_key(actual: dict[str, Any]) -> tuple[str, str]:
    return (str(actual.get("period")), actual.get("municipality") or "")


def _actuals(key: str, old: Any, new: Any, old_item: dict[str, Any], new_item: dict[str, Any]) -> list[Change]:
    olds = {_actual_key(a): a for a in old or []}
    news = {_actual_key(a): a for a in new or []}
    changes: list[Change] = []
    for akey in sorted(olds.keys() | news.keys()):
        before, after = olds.get(akey), news.get(akey)
        if before == after:
            continue
        event = "added" if before is None else "removed" if after is None else "changed"
        details: dict[str, Any] = {"event": event, "period": akey[0], "municipality": akey[1] or None}
        if after is not None:
            # the target is the county's: a municipality's value is not judged against it (nor in the report)
            details["progress"] = progress_towards_target(after["value"], new_item) if not akey[1] else None
            details["target"] = (new_item.get("target") or {}).get("value")
            details["note"] = after.get("note")
        else:
            details["progress"] = None
            details["target"] = (old_item.get("target") or {}).get("value")
            details["note"] = before.get("note") if before else None
        changes.append(Change(
            "actual", key, before["value"] if before else None, after["value"] if after else None, details,
        ))
    return changes


def new_actuals(area: AreaChanges) -> list[tuple[str, str, str | None]]:
    """The indicator values recorded in the newer plan and not in the older, as (indicator, period,
    municipality): the actuals added to an indicator, and those of an indicator added whole.

    What "new indicator values" means in the yearly report and in ``rus diff`` alike.
    """
    found: list[tuple[str, str, str | None]] = []
    for item in area.items:
        if item.kind != "indicator":
            continue
        if item.change == "added":
            actuals = {_actual_key(a): a for a in (item.item or {}).get("actuals") or []}
            found.extend((item.id, period, municipality or None) for period, municipality in sorted(actuals))
            continue
        for change in item.changes:
            if change.type == "actual" and change.details["event"] == "added":
                found.append((item.id, change.details["period"], change.details["municipality"]))
    return found


def priority_change(item: ItemChange) -> tuple[list[str], list[str]] | None:
    """An activity's long-term priorities before and after, when the set of them changed.

    A priority listed twice serves no more than once listed, so only a change to the set counts.
    """
    for change in item.changes:
        if change.field == "priorities" and set(change.old or []) != set(change.new or []):
            return list(change.old or []), list(change.new or [])
    return None


_HANDLERS: dict[tuple[str, str], Handler] = {
    ("activity", "status"): _status_change,
    ("activity", "replaced_by"): _replaced,
    ("activity", "progress"): _progress,
    ("activity", "period"): _period,
    ("activity", "funding"): _funding,
    ("activity", "goal_conflicts"): _goal_conflicts,
    ("indicator", "target"): _target,
    ("indicator", "actuals"): _actuals,
}
