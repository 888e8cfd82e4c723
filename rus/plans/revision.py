"""What a plan revision and an indicator period are, and the one order they sort in.

A **revision** names one revision of an area's plan: ``YYYY-N``, the N-th revision in year YYYY
(N >= 1, written without leading zeros). The programme revises its plans at least twice a year,
and may do so more often: ``2026-3`` is the year's third revision. Revisions compare by year and
then by number as numbers, so ``2026-10`` comes after ``2026-2`` (as text it would not).

The first two numbers keep what they have always meant: ``-1`` is the spring revision (a meeting
from January to June), ``-2`` the autumn one; a revision from a meeting in the second half of the
year is therefore at least the year's second (see :func:`fits_meeting`, rule R013).

An **indicator period** (``Actual.period``, the report's ``--from``/``--to``) is a half-year:
``YYYY-1`` (January to June) or ``YYYY-2`` (July to December), never ``YYYY-3``. The half-year a
revision reports on is :func:`half_of` it: ``-1`` the spring, any later number the autumn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

#: A revision as the schema checks it: the year, a hyphen, the number (1, 2, 3, … without leading zeros).
REVISION_PATTERN = r"^[0-9]{4}-[1-9][0-9]{0,2}$"
#: An indicator period: a half-year, ``YYYY-1`` (spring) or ``YYYY-2`` (autumn).
PERIOD_PATTERN = r"^[0-9]{4}-[12]$"
#: A revision inside a longer name (a tag ``<area>/<revision>``).
REVISION_PART = r"[0-9]{4}-[1-9][0-9]{0,2}"

_REVISION = re.compile(REVISION_PATTERN)
_PERIOD = re.compile(PERIOD_PATTERN)


@dataclass(frozen=True, order=True)
class RevisionId:
    """A revision's identity: its year and its number in that year (ordered by both, as numbers)."""

    year: int
    number: int

    def __str__(self) -> str:
        return f"{self.year}-{self.number}"

    @property
    def half(self) -> int:
        """The half-year the revision reports on: 1 (spring) for the year's first, else 2 (autumn)."""
        return 1 if self.number == 1 else 2


def is_revision(text: str) -> bool:
    """Whether ``text`` is a revision name (``2026-1``, ``2026-3``; not ``2026-0`` or ``2026-01``)."""
    return bool(_REVISION.match(text))


def is_period(text: str) -> bool:
    """Whether ``text`` is an indicator period (``2026-1`` or ``2026-2``)."""
    return bool(_PERIOD.match(text))


def parse_revision(text: str) -> RevisionId:
    """The revision ``text`` names; ValueError when it is not ``YYYY-N``."""
    if not _REVISION.match(text):
        raise ValueError(f"not a revision: {text!r}")
    year, number = text.split("-")
    return RevisionId(int(year), int(number))


def revision_key(text: str) -> tuple[int, int]:
    """The sort key of a revision name: (year, number) as numbers."""
    found = parse_revision(text)
    return found.year, found.number


def period_key(period: str) -> tuple[int, int]:
    """The sort key of an indicator period (year, half), comparable with :func:`revision_half_key`."""
    if not _PERIOD.match(period):
        raise ValueError(f"not an indicator period: {period!r}")
    year, half = period.split("-")
    return int(year), int(half)


def half_of(revision: str) -> str:
    """The indicator period (half-year) a revision reports on: ``2026-1`` → ``2026-1``, ``2026-3`` → ``2026-2``."""
    found = parse_revision(revision)
    return f"{found.year}-{found.half}"


def next_period(period: str) -> str:
    """The half-year after an indicator period: ``2025-1`` → ``2025-2``, ``2025-2`` → ``2026-1``."""
    year, half = period_key(period)
    return f"{year + 1}-1" if half == 2 else f"{year}-2"


def revision_half_key(revision: str) -> tuple[int, int]:
    """The (year, half) a revision reports on, to compare it with indicator periods."""
    found = parse_revision(revision)
    return found.year, found.half


def period_after_revision(period: str, revision: str) -> bool:
    """Whether an indicator period lies after the half-year the revision reports on (rule R006)."""
    return period_key(period) > revision_half_key(revision)


def half_of_date(when: date) -> int:
    """The half-year of a date: 1 (January to June) or 2 (July to December)."""
    return 1 if when.month <= 6 else 2


def fits_meeting(revision: str, meeting: date) -> bool:
    """Whether a revision fits the date of the meeting it came from (rule R013).

    The revision is numbered within the year of its meeting, and a meeting from July on gives at
    least the year's second revision (``-1`` stays the spring revision). A second spring revision
    (``-2`` from a meeting in May) fits; the autumn's then is ``-3``.
    """
    found = parse_revision(revision)
    return found.year == meeting.year and found.number >= half_of_date(meeting)


def expected_for_meeting(meeting: date, current: str | None = None) -> str:
    """The revision a new meeting gives the plan whose revision is ``current``.

    The first revision of a year from a spring meeting is ``-1``, from an autumn meeting ``-2``;
    another revision in the same year takes the next number (``2026-2`` → ``2026-3``).
    """
    least = half_of_date(meeting)
    if current is not None and is_revision(current):
        found = parse_revision(current)
        if found.year == meeting.year:
            return str(RevisionId(meeting.year, max(least, found.number + 1)))
    return str(RevisionId(meeting.year, least))


def next_revision(revision: str, today: date | None = None) -> str:
    """The revision after ``revision``: the next number in its year, or the first of a later ``today``'s year.

    ``2026-1`` → ``2026-2`` → ``2026-3``; on a day in 2027, ``2026-2`` → ``2027-1``.
    """
    found = parse_revision(revision)
    if today is not None and today.year > found.year:
        return str(RevisionId(today.year, half_of_date(today)))
    return str(RevisionId(found.year, found.number + 1))


def latest(revisions: list[str]) -> str | None:
    """The latest of some revision names (None for none)."""
    return max(revisions, key=revision_key, default=None)


__all__ = [
    "PERIOD_PATTERN",
    "REVISION_PART",
    "REVISION_PATTERN",
    "RevisionId",
    "expected_for_meeting",
    "fits_meeting",
    "half_of",
    "half_of_date",
    "is_period",
    "is_revision",
    "latest",
    "next_period",
    "next_revision",
    "parse_revision",
    "period_after_revision",
    "period_key",
    "revision_half_key",
    "revision_key",
]
