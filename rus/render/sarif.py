"""SARIF 2.1.0 rendering of validation results, so findings show in code-scanning views.

One run of the tool ``rus``; its rules are the diagnostic codes that occur (from :mod:`rus.codes`,
with their names, message and help texts), and every result is located by file, line and column.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from rus import __version__
from rus.codes import CODES, N_
from rus.diagnostics import Diagnostic, Severity
from rus.i18n import translate
from rus.validation import ValidationResult
from rus.vocab import Lang

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
#: Where relative file locations are rooted: the repository that was checked.
SRCROOT = "SRCROOT"

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning"}
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
#: The language tags of SARIF's ``run.language`` (RFC 5646).
_LANGUAGE_TAGS: dict[str, str] = {"sv": "sv-SE", "en": "en-US"}


def artifact_uri(path: str) -> str:
    """A URI reference for a displayed path: relative stays relative, absolute gets ``file:``."""
    windows = PureWindowsPath(path)
    if windows.drive:
        return windows.as_uri()
    posix = windows.as_posix()
    if PurePosixPath(posix).is_absolute():
        return PurePosixPath(posix).as_uri()
    return quote(posix)


def artifact_location(path: str) -> dict[str, str]:
    """An ``artifactLocation``; relative paths are rooted at the checked repository, ``SRCROOT``."""
    uri = artifact_uri(path)
    return {"uri": uri} if uri.startswith("file:") else {"uri": uri, "uriBaseId": SRCROOT}


def _generic(template: str, lang: Lang) -> str:
    """A code's template with its parameters shown as an ellipsis (for a rule's description)."""
    return _PLACEHOLDER.sub("…", translate(template, lang)) if template else ""


def sarif_rule(code: str, lang: Lang) -> dict[str, Any]:
    """The ``reportingDescriptor`` of one diagnostic code."""
    entry = CODES[code]
    rule: dict[str, Any] = {
        "id": code,
        "name": entry.name,
        "shortDescription": {"text": _generic(entry.message, lang)},
        "defaultConfiguration": {"level": "error" if entry.severity == "error" else "warning"},
    }
    help_text = _generic(entry.hint, lang)
    if help_text:
        rule["help"] = {"text": help_text}
    return rule


def sarif_result(diagnostic: Diagnostic, rule_index: int, lang: Lang) -> dict[str, Any]:
    """The ``result`` of one diagnostic, located by file, line and column."""
    message = diagnostic.message(lang)
    hint = diagnostic.hint(lang)
    return {
        "ruleId": diagnostic.code,
        "ruleIndex": rule_index,
        "level": _LEVELS[diagnostic.level],
        "message": {"text": f"{message} — {hint}" if hint else message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(diagnostic.path),
                    "region": {
                        "startLine": max(diagnostic.line, 1),
                        "startColumn": max(diagnostic.column, 1),
                    },
                }
            }
        ],
    }


def to_sarif_data(result: ValidationResult, lang: Lang) -> dict[str, Any]:
    """The SARIF log of a validation result, as plain data."""
    diagnostics = result.diagnostics
    codes = sorted({d.code for d in diagnostics})
    index = {code: position for position, code in enumerate(codes)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "rus",
                "fullName": translate(N_("rus: plans as code for regional development"), lang),
                "version": __version__,
                "semanticVersion": __version__,
                "language": _LANGUAGE_TAGS[lang],
                "rules": [sarif_rule(code, lang) for code in codes],
            }
        },
        "language": _LANGUAGE_TAGS[lang],
        "columnKind": "unicodeCodePoints",
        "artifacts": [{"location": artifact_location(f.path)} for f in result.files],
        "invocations": [{"executionSuccessful": True}],
        "results": [sarif_result(d, index[d.code], lang) for d in diagnostics],
    }
    return {"$schema": SARIF_SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def render_sarif(result: ValidationResult, lang: Lang) -> str:
    """The result as a SARIF 2.1.0 log (JSON text)."""
    return json.dumps(to_sarif_data(result, lang), ensure_ascii=False, indent=2) + "\n"
