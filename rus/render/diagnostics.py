"""Machine-readable renderings of validation results: JSON, GitHub annotations, parsable lines.

Plan text and file names are escaped on the way out (:mod:`rus.render.escape`): one line per
finding in the line formats, and no control character in any of them.
"""

from __future__ import annotations

from typing import Any

from rus.base.diagnostics import Diagnostic
from rus.base.vocab import Lang
from rus.plans.validation import ValidationResult
from rus.render.escape import github_data, github_property, json_dumps, one_line

#: The version of the JSON shape (see docs/diagnostics.md); raised on incompatible changes.
JSON_VERSION = 1


def to_json_data(result: ValidationResult, lang: Lang) -> dict[str, Any]:
    """The documented JSON object for a validation result."""
    return {
        "version": JSON_VERSION,
        "lang": lang,
        "summary": {
            "files": len(result.files),
            "errors": result.errors,
            "warnings": result.warnings,
        },
        "files": [
            {
                "path": f.path,
                "kind": f.kind,
                "errors": f.errors,
                "warnings": len(f.diagnostics) - f.errors,
            }
            for f in result.files
        ],
        "diagnostics": [d.to_dict(lang) for d in result.diagnostics],
    }


def render_json(result: ValidationResult, lang: Lang) -> str:
    """The result as pretty-printed JSON."""
    return json_dumps(to_json_data(result, lang)) + "\n"


def github_line(diagnostic: Diagnostic, lang: Lang) -> str:
    """One GitHub Actions workflow command (``::error file=…,line=…,col=…::message``)."""
    level = "error" if diagnostic.level.value == "error" else "warning"
    title = f"{diagnostic.code} {diagnostic.rule}"
    message = diagnostic.message(lang)
    hint = diagnostic.hint(lang)
    if hint:
        message = f"{message} — {hint}"
    props = ",".join(
        [
            f"file={github_property(diagnostic.path)}",
            f"line={diagnostic.line}",
            f"col={diagnostic.column}",
            f"title={github_property(title)}",
        ]
    )
    return f"::{level} {props}::{github_data(message)}"


def render_github(result: ValidationResult, lang: Lang) -> str:
    """Every diagnostic as a GitHub annotation line."""
    return "".join(github_line(d, lang) + "\n" for d in result.diagnostics)


def render_parsable(result: ValidationResult, lang: Lang) -> str:
    """One ``file:line:col: [level] message (code)`` line per diagnostic, as yamllint's format."""
    return "".join(
        f"{one_line(d.path)}:{d.line}:{d.column}: [{d.level.value}] {one_line(d.message(lang))} ({d.code})\n"
        for d in result.diagnostics
    )
