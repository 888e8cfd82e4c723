"""Swedish general elections (val till riksdag, region- och kommunfullmäktige): tool data for the
rule that governing documents are reviewed once per term of office (Förordning 2017:583).

Ordinary elections are held on the second Sunday of September every four years (vallagen
2005:837). Only held or announced elections are listed; add the next one when it is
set. An extra election (extra val) does not start a new term of office for this purpose.
"""

from __future__ import annotations

from datetime import date

#: Ordinary general elections, oldest first (2026-09-13: the second Sunday of September 2026, as the
#: municipalities announce it).
GENERAL_ELECTIONS: tuple[date, ...] = (date(2018, 9, 9), date(2022, 9, 11), date(2026, 9, 13))


def last_full_term(day: date) -> tuple[date, date] | None:
    """The last term of office that had ended by ``day``: the two latest elections held on or
    before it (None when the list does not reach back that far)."""
    held = [e for e in GENERAL_ELECTIONS if e <= day]
    if len(held) < 2:
        return None
    return held[-2], held[-1]
