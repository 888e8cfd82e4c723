"""Vocabulary values as people type them on the command line: a slug, or a Swedish or English label.

``rus activity status ABC-001 pågående`` means the same as ``… ongoing``; case and diacritics do not
matter. A value that names nothing is a usage error that names the option and lists the values in
the reader's language.
"""

from __future__ import annotations

from rus.base.codes import N_
from rus.base.errors import UsageError
from rus.base.i18n import Choices, InText
from rus.base.vocab import AREA_PREFIX, Area, V, fold, lookup


class ChoiceError(UsageError):
    """A value given for an option or argument is not one of the vocabulary's values."""


def parse_choice(vocab: type[V], text: str, option: str) -> V:
    """The value of ``vocab`` that ``text`` names (slug or label); ``option`` names where it was given."""
    found = lookup(vocab, text)
    if found is not None:
        return found
    raise _refused(vocab, text, option)


def parse_area(text: str, option: str = "AREA") -> Area:
    """A strength area named by its slug, its label or its id prefix (``UPP``)."""
    for area, prefix in AREA_PREFIX.items():
        if fold(text) == fold(prefix):
            return area
    found = lookup(Area, text)
    if found is not None:
        return found
    raise _refused(Area, text, option, N_("Unknown strength area `{value}` (for {option})"))


def _refused(vocab: type[V], text: str, option: str, message: str = N_("`{value}` is not an allowed value for {option}")) -> ChoiceError:
    from rus.base.suggest import suggest

    members: tuple[V, ...] = tuple(vocab)  # type: ignore[arg-type]  # iterable through its (enum or region) metaclass
    names = {fold(name): member for member in members for name in (member.value, member.label.sv, member.label.en)}
    guess = suggest(fold(text), list(names))
    allowed = Choices(members)
    if guess is not None:
        return ChoiceError(message, N_("Did you mean {suggestion}? Allowed values: {allowed}."),
                           value=text, option=option, suggestion=InText(names[guess]), allowed=allowed)
    return ChoiceError(message, N_("Allowed values: {allowed}."),
                       value=text, option=option, allowed=allowed)


__all__ = ["ChoiceError", "parse_area", "parse_choice"]
