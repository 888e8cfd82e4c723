"""Editions of the file formats, and the steps that upgrade a file from one edition to the next.

Every YAML file rus reads (a plan, the actor registry, the programme file, the region file) says
which edition of its format it is written in, as its first key: ``schema_version: 2``. A file
without the key is of the first edition (written before editions were marked).

An upgrade step is a plain function that changes a file's mapping *in place* and returns what it
changed, as (English gettext message id, format parameters). It works on a plain ``dict`` (a file
read from git, upgraded in memory before its model is built, so that history across an upgrade
shows only real changes) and on a ruamel ``CommentedMap`` (``rus migrate`` rewrites the file with
every comment kept). Steps only do what is mechanical (moving, renaming, restructuring keys); they
never invent facts: an obligation old data cannot meet is a rule with a code, not a step.

:func:`upgrade` runs the steps of each edition from the file's own up to :data:`CURRENT_EDITION`
and then stamps the file with the edition it reached.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import Any

from rus.base.codes import N_

#: The edition of the file formats this version of rus reads and writes.
CURRENT_EDITION = 2
#: The first edition: what a file without ``schema_version`` is.
FIRST_EDITION = 1
#: The key that holds a file's edition (always the file's first key).
EDITION_KEY = "schema_version"
#: The kinds of file, as :func:`rus.plans.loader.file_kind` and the region file name them.
KINDS = ("plan", "actors", "programme", "region")

Change = tuple[str, dict[str, Any]]
Step = Callable[[MutableMapping[str, Any]], list[Change]]

#: The upgrade steps per kind of file: ``STEPS[kind][n]`` take a file from edition n to n + 1, in order.
STEPS: dict[str, dict[int, list[Step]]] = {kind: {} for kind in KINDS}
#: The modules that register steps (imported before the first upgrade, so that a command that
#: never upgrades does not pay for them).
STEP_MODULES = ("rus.plans.sami_upgrade",)
_loaded = False


def _load_steps() -> None:
    global _loaded
    if not _loaded:
        import importlib

        _loaded = True
        for module in STEP_MODULES:
            importlib.import_module(module)


def register(kind: str, from_edition: int, step: Step) -> Step:
    """Add an upgrade step of one kind of file from ``from_edition`` to the next (after those added before)."""
    if kind not in STEPS:
        raise ValueError(f"unknown kind of file: {kind}")
    if not FIRST_EDITION <= from_edition < CURRENT_EDITION:
        raise ValueError(f"no edition after {from_edition} to upgrade to")
    STEPS[kind].setdefault(from_edition, []).append(step)
    return step


def edition_of(data: object) -> int | None:
    """The edition a file's data is written in: its ``schema_version`` (absent: 1); None when that is not a whole number."""
    if not isinstance(data, MutableMapping) or EDITION_KEY not in data:
        return FIRST_EDITION
    value = data[EDITION_KEY]
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def needs_upgrade(data: object) -> bool:
    """Whether a file's data is of an edition older than the current one."""
    edition = edition_of(data)
    return edition is not None and edition < CURRENT_EDITION


def stamp(data: MutableMapping[str, Any], edition: int) -> None:
    """Set ``schema_version`` to ``edition`` as the mapping's first key (in place; ruamel keeps the comments above it)."""
    insert = getattr(data, "insert", None)
    if EDITION_KEY in data:
        if next(iter(data)) == EDITION_KEY:
            data[EDITION_KEY] = edition
            return
        del data[EDITION_KEY]
    if callable(insert):  # a ruamel CommentedMap: put the key first, where the comment above the file stays
        insert(0, EDITION_KEY, edition)
        return
    rest = list(data.items())
    data.clear()
    data[EDITION_KEY] = edition
    data.update(rest)


def upgrade(data: MutableMapping[str, Any], kind: str) -> list[Change]:
    """Upgrade a file's data in place to the current edition; what changed, in order (nothing when current).

    A file of an edition newer than the current one, or whose edition is not a number, is left as
    it is (the validation reports it).
    """
    edition = edition_of(data)
    changes: list[Change] = []
    if edition is None or edition >= CURRENT_EDITION or kind not in STEPS:
        return changes
    _load_steps()
    while edition < CURRENT_EDITION:
        for step in STEPS[kind].get(edition, []):
            changes.extend(step(data))
        edition += 1
        stamp(data, edition)
        changes.append((N_("marked the file as edition {edition} (schema_version: {edition})"), {"edition": edition}))
    return changes


__all__ = [
    "CURRENT_EDITION",
    "EDITION_KEY",
    "FIRST_EDITION",
    "KINDS",
    "STEPS",
    "Change",
    "Step",
    "edition_of",
    "needs_upgrade",
    "register",
    "stamp",
    "upgrade",
]
