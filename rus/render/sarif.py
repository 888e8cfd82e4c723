"""SARIF 2.1.0 rendering of validation results, so findings show in code-scanning views.

One run of the tool ``rus``; its rules are the diagnostic codes that occur (from :mod:`rus.base.codes`,
with their names, descriptions (a rule of the domain with its rationale) and help, and a link to
the code's entry in docs/diagnostics.md),
and every result is located by file, line and column, relative to the repository (``SRCROOT``).

GitHub code scanning's requirements (docs.github.com, "SARIF support for code scanning") are met:
every rule has a ``shortDescription``, a ``fullDescription`` and ``help`` text without unfilled
placeholders; the driver has an ``informationUri``; a file outside the repository is never given
as an absolute ``file:`` URI (which would name the runner's folders): such a result has no
location, only its message. Texts are escaped as in every format (:mod:`rus.render.escape`).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from rus import __version__
from rus.base.codes import CODES, N_
from rus.base.diagnostics import Diagnostic, Severity
from rus.base.i18n import translate
from rus.base.rationales import RATIONALES
from rus.base.vocab import Lang
from rus.plans.validation import ValidationResult
from rus.render.escape import json_dumps, one_line, shorten

#: Where rus and its documentation live (the driver's ``informationUri``).
PROJECT_URL = "https://github.com/OWNER/rus"
#: The documentation of the diagnostic codes; each code has an anchor there (its code in lower case).
DIAGNOSTICS_DOC = "docs/diagnostics.md"
DIAGNOSTICS_URL = f"{PROJECT_URL}/blob/main/{DIAGNOSTICS_DOC}"
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


def artifact_uri(path: str) -> str | None:
    """A relative URI reference for a displayed path, or None for a file outside the repository.

    Displayed paths are relative to the repository's root where the file lies in it; an absolute
    path or one that climbs out with ``..`` names a file elsewhere, which code scanning cannot
    show and whose absolute name would only tell the world about the machine that ran the check.
    """
    if PureWindowsPath(path).drive or PureWindowsPath(path).root:
        return None
    posix = posixpath.normpath(PureWindowsPath(path).as_posix())
    if PurePosixPath(posix).is_absolute() or posix == ".." or posix.startswith("../"):
        return None
    return quote(posix)


def artifact_location(path: str) -> dict[str, str] | None:
    """An ``artifactLocation`` rooted at the checked repository (``SRCROOT``), or None (outside)."""
    uri = artifact_uri(path)
    return None if uri is None else {"uri": uri, "uriBaseId": SRCROOT}


def rule_anchor(code: str) -> str:
    """The anchor of a code's entry in docs/diagnostics.md (``s003`` for ``S003``)."""
    return code.lower()


def _generic(template: str, lang: Lang) -> str:
    """A code's template with its parameters shown as an ellipsis (for a rule's short description)."""
    return _PLACEHOLDER.sub("…", translate(template, lang)) if template else ""


def _help(code: str, lang: Lang) -> str:
    """How to fix findings of a code: its hint when that needs no parameters, else a general word."""
    hint = CODES[code].hint
    if hint and not _PLACEHOLDER.search(hint):
        return translate(hint, lang)
    return translate(N_("Each finding names the place and the values involved and says how to fix it."), lang)


def sarif_rule(code: str, lang: Lang) -> dict[str, Any]:
    """The ``reportingDescriptor`` of one diagnostic code."""
    entry = CODES[code]
    short = _generic(entry.message, lang)
    help_text = _help(code, lang)
    more = translate(N_("The code is explained in {url}"), lang).format(url=f"{DIAGNOSTICS_URL}#{rule_anchor(code)}")
    why = RATIONALES.get(code)  # a rule of the domain says why it exists
    full = f"{short} — {translate(why, lang)} {help_text}" if why else f"{short} — {help_text}"
    return {
        "id": code,
        "name": entry.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "helpUri": f"{DIAGNOSTICS_URL}#{rule_anchor(code)}",
        "help": {"text": f"{help_text} {more}"},
        "defaultConfiguration": {"level": "error" if entry.severity == "error" else "warning"},
    }


def sarif_result(diagnostic: Diagnostic, rule_index: int, lang: Lang) -> dict[str, Any]:
    """The ``result`` of one diagnostic, located by file, line and column (when in the repository)."""
    message = diagnostic.message(lang)
    hint = diagnostic.hint(lang)
    text = one_line(f"{message} — {hint}" if hint else message)
    result: dict[str, Any] = {
        "ruleId": diagnostic.code,
        "ruleIndex": rule_index,
        "level": _LEVELS[diagnostic.level],
        "message": {"text": text},
    }
    location = artifact_location(diagnostic.path)
    if location is None:
        result["message"]["text"] = f"{shorten(diagnostic.path)}: {text}"
        return result
    result["locations"] = [
        {
            "physicalLocation": {
                "artifactLocation": location,
                "region": {
                    "startLine": max(diagnostic.line, 1),
                    "startColumn": max(diagnostic.column, 1),
                },
            }
        }
    ]
    return result


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
                "informationUri": PROJECT_URL,
                "semanticVersion": __version__,
                "language": _LANGUAGE_TAGS[lang],
                "rules": [sarif_rule(code, lang) for code in codes],
            }
        },
        "language": _LANGUAGE_TAGS[lang],
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {
            SRCROOT: {"description": {"text": translate(N_("The root of the repository that was checked"), lang)}}
        },
        "artifacts": [
            {"location": location}
            for location in (artifact_location(f.path) for f in result.files)
            if location is not None
        ],
        "invocations": [{"executionSuccessful": True}],
        "results": [sarif_result(d, index[d.code], lang) for d in diagnostics],
    }
    return {"$schema": SARIF_SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def render_sarif(result: ValidationResult, lang: Lang) -> str:
    """The result as a SARIF 2.1.0 log (JSON text)."""
    return json_dumps(to_sarif_data(result, lang)) + "\n"
