"""Diagnostics: findings about plan files, as data.

A diagnostic names a file, a 1-based line and column, a severity, a stable code and the parameters
of its message. The message and hint are rendered in Swedish or English on demand, through the
gettext catalog (see :mod:`rus.base.i18n`), so one result can be shown in either language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from rus.base.codes import CODES
from rus.base.i18n import localize, translate
from rus.base.vocab import Lang


class Severity(StrEnum):
    """How serious a finding is: errors fail validation, warnings only under ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One finding about one place in one file."""

    path: str
    line: int
    column: int
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    hint_id: str | None = None
    severity: Severity | None = None
    #: Where what the finding points at ends (1-based, just past its last character), when known.
    end_line: int | None = None
    end_column: int | None = None

    @property
    def level(self) -> Severity:
        """The severity: the one given, else the code's default."""
        if self.severity is not None:
            return self.severity
        return Severity(CODES[self.code].severity)

    @property
    def rule(self) -> str:
        """The short rule name of the code, e.g. ``unknown-key``."""
        return CODES[self.code].name

    def message(self, lang: Lang = "en") -> str:
        """What is wrong, in the given language."""
        return _render(CODES[self.code].message, self.params, lang)

    def hint(self, lang: Lang = "en") -> str:
        """How to fix it, in the given language ("" when there is nothing to add)."""
        template = self.hint_id if self.hint_id is not None else CODES[self.code].hint
        return _render(template, self.params, lang) if template else ""

    def message_parts(self, lang: Lang = "en") -> list[tuple[str, bool]]:
        """The message in pieces, each marked whether the template shows it as code (in backticks).

        For renderers with a code style of their own (Markdown): the pieces are filled in one by
        one, so backticks inside a value never open or close code.
        """
        return _parts(CODES[self.code].message, self.params, lang)

    def hint_parts(self, lang: Lang = "en") -> list[tuple[str, bool]]:
        """The hint in pieces, as :meth:`message_parts` (an empty list when there is no hint)."""
        template = self.hint_id if self.hint_id is not None else CODES[self.code].hint
        return _parts(template, self.params, lang) if template else []

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order by file, then position, then code."""
        return (self.path, self.line, self.column, self.code)

    def to_dict(self, lang: Lang = "en") -> dict[str, Any]:
        """The diagnostic as the documented JSON object."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.level.value,
            "code": self.code,
            "rule": self.rule,
            "message": self.message(lang),
            "hint": self.hint(lang),
        }


def _render(template: str, params: dict[str, Any], lang: Lang) -> str:
    text = translate(template, lang)
    if not params:
        return text
    localized = {key: _localize(value, lang) for key, value in params.items()}
    return text.format(**localized)


def _parts(template: str, params: dict[str, Any], lang: Lang) -> list[tuple[str, bool]]:
    pieces = translate(template, lang).split("`")
    if len(pieces) % 2 == 0:  # a lone backtick in the text: no code in it
        return [(_render(template, params, lang), False)]
    localized = {key: _localize(value, lang) for key, value in params.items()}
    return [
        (piece.format(**localized) if params else piece, index % 2 == 1)
        for index, piece in enumerate(pieces)
        if piece
    ]


def _localize(value: Any, lang: Lang) -> Any:
    """Translate parameters that are message ids (marked by a leading ``@``) or vocabulary values."""
    return localize(value, lang)


def count(diagnostics: list[Diagnostic]) -> tuple[int, int]:
    """The number of errors and warnings."""
    errors = sum(1 for d in diagnostics if d.level is Severity.ERROR)
    return errors, len(diagnostics) - errors
