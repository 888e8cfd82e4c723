"""The plan's edition 1 -> 2 step for Sámi consultation: the activity's ``sami:`` keys ``consulted``,
``consultation`` and ``consulted_on`` become a record under the plan's ``consultations:``.

Edition 1 merged samråd and konsultation into one free text and one date. The step moves what is
there and invents nothing: the record's form is ``dialogue`` (samråd), because nothing in the old
data says that a consultation under Lag (2022:66) was held (and a statutory consultation is a
legal fact a person must state). Its outcome, matter and documentation are left out; the old text
is kept as the record's ``notes``. The summary asks the user to change the form where a
consultation under the law was held (validation then asks for its outcome and documentation).
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from typing import Any

from rus.base.codes import N_
from rus.plans.editions import register

#: The keys of an edition-1 ``sami:`` block that move to a consultation record.
OLD_KEYS = ("consulted", "consultation", "consulted_on")

_ACTIVITY_ID = re.compile(r"^([A-Z]{3})-[0-9]{3,5}$")
_RECORD_ID = re.compile(r"^[A-Z]{3}-K([0-9]{1,3})$")

Change = tuple[str, dict[str, Any]]


def upgrade_sami_consultations(data: MutableMapping[str, Any]) -> list[Change]:
    """Move each activity's old consultation keys to a record under ``consultations:`` (in place).

    Works on a ruamel ``CommentedMap`` (``rus migrate`` keeps the file's comments) and on a plain
    dict (history read from git). Returns what it changed, as (msgid, parameters).
    """
    activities = data.get("activities")
    if not isinstance(activities, list):
        return []
    changes: list[Change] = []
    records: list[dict[str, Any]] = []
    existing = data.get("consultations")
    taken = {int(m.group(1)) for m in (_RECORD_ID.match(str(c.get("id", ""))) for c in existing or [] if isinstance(c, MutableMapping)) if m}
    for activity in activities:
        if not isinstance(activity, MutableMapping):
            continue
        sami = activity.get("sami")
        if not isinstance(sami, MutableMapping) or not any(key in sami for key in OLD_KEYS):
            continue
        ident = activity.get("id")
        match = _ACTIVITY_ID.match(ident) if isinstance(ident, str) else None
        actors, text, day = sami.get("consulted"), sami.get("consultation"), sami.get("consulted_on")
        if not (actors or text or day):
            _remove(sami, OLD_KEYS)
            changes.append((N_("{activity}: the empty keys consulted, consultation and consulted_on were removed from `sami:`"), {"activity": _shown(ident)}))
            continue
        if match is None:
            # without the activity's id a record could not name it: leave the keys for a person to move
            changes.append((N_("{activity}: the Sámi consultation was not moved, because the activity has no valid id; move it to `consultations:` by hand"),
                            {"activity": _shown(ident)}))
            continue
        number = next(n for n in range(1, 1000) if n not in taken)
        taken.add(number)
        record: dict[str, Any] = {"id": f"{match.group(1)}-K{number}", "form": "dialogue", "activities": [ident]}
        if actors:
            record["actors"] = list(actors) if isinstance(actors, list) else actors
        if day:
            record["date"] = day
        if text:
            record["notes"] = text
        _remove(sami, OLD_KEYS)
        records.append(record)
        changes.append((
            N_("{activity}: the Sámi consultation moved to record {id} under `consultations:` as `form: dialogue` (samråd); "
               "change it to `form: statutory` if it was a consultation under Lag (2022:66)"),
            {"activity": ident, "id": record["id"]},
        ))
    if records:
        if isinstance(existing, list):
            existing.extend(records)
        else:
            data["consultations"] = records
    return changes


def _remove(mapping: MutableMapping[str, Any], keys: tuple[str, ...]) -> None:
    """Remove ``keys`` from a mapping; in a ruamel mapping the full-line comments that followed a
    removed key (they belong to what comes next) move to the key before it."""
    comments = getattr(getattr(mapping, "ca", None), "items", None)
    order = list(mapping)
    for position, key in enumerate(order):
        if key not in keys:
            continue
        if isinstance(comments, dict):
            kept = [k for k in order[:position] if k not in keys]
            text = _own_line_comments(mapping, key, comments.pop(key, None))
            if text and kept:
                _append_comment(comments, kept[-1], text)
        del mapping[key]


def _own_line_comments(mapping: Any, key: str, entry: Any) -> str:
    """The full-line comments after a key's value, with their indentation (an end-of-line comment
    on the key's own line is about the removed key, and goes with it)."""
    token = entry[2] if isinstance(entry, list) and len(entry) > 2 else None
    if token is None:
        return ""
    text: str = token.value
    column: int = token.column
    if text.startswith("\n"):  # no end-of-line comment: the lines that follow carry their indentation
        return text[1:]
    try:
        key_column = mapping.lc.key(key)[1]
    except (AttributeError, KeyError, TypeError):
        key_column = column
    if column > key_column:  # an end-of-line comment first: drop that line
        _, _, text = text.partition("\n")
        return text
    return " " * column + text  # after a block text: the first line starts at the token's column


def _append_comment(comments: dict[Any, Any], key: str, text: str) -> None:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    entry = comments.setdefault(key, [None, None, None, None])
    previous = entry[2].value if entry[2] is not None else "\n"
    entry[2] = CommentToken(previous + text, CommentMark(0), None)


def _shown(ident: Any) -> str:
    return ident if isinstance(ident, str) and ident else "?"


register("plan", 1, upgrade_sami_consultations)
