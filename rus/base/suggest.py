"""Did-you-mean: the one close match for a misspelt word, used by every check and command."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

#: How alike (difflib's ratio) a choice must be to be suggested at all.
CUTOFF = 0.72


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The one close match for a misspelt word among ``choices``, if there is a clear one.

    Case never matters, and ``_``/space stand for ``-``; two equally close choices suggest nothing
    (a guess between them would be as likely wrong as right).
    """
    options = list(choices)
    lowered = {c.lower(): c for c in options}
    if word.lower() in lowered:
        return lowered[word.lower()]
    normalised = word.lower().replace("_", "-").replace(" ", "-")
    for choice in options:
        if choice.replace("_", "-").lower() == normalised:
            return choice
    matches = difflib.get_close_matches(word.lower(), options, n=2, cutoff=CUTOFF)
    if len(matches) == 1 or (len(matches) == 2 and _ratio(word, matches[0]) > _ratio(word, matches[1])):
        return matches[0]
    return None


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.lower(), b).ratio()
