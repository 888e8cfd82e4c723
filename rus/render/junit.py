"""JUnit XML rendering of validation results, for the test reports of CI systems.

One ``testsuite`` per checked file; every finding is a failing ``testcase`` located by file,
line and column, and a file without findings is one passing test case.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby

from rus.codes import N_
from rus.diagnostics import Diagnostic
from rus.i18n import translate
from rus.validation import ValidationResult
from rus.vocab import Lang


def _testcase(suite: ET.Element, diagnostic: Diagnostic, lang: Lang) -> None:
    where = f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}"
    case = ET.SubElement(
        suite,
        "testcase",
        {
            "classname": diagnostic.path,
            "name": f"{diagnostic.line}:{diagnostic.column} {diagnostic.code} {diagnostic.rule}",
            "file": diagnostic.path,
            "line": str(diagnostic.line),
        },
    )
    message = diagnostic.message(lang)
    # The level and code stay machine tokens, as in the parsable format; the texts are translated.
    failure = ET.SubElement(
        case, "failure", {"message": message, "type": f"{diagnostic.level.value} {diagnostic.code}"}
    )
    body = [f"{where}: [{diagnostic.level.value}] {message} ({diagnostic.code})"]
    hint = diagnostic.hint(lang)
    if hint:
        body.append(hint)
    failure.text = "\n".join(body)


def to_junit_element(result: ValidationResult, lang: Lang) -> ET.Element:
    """The ``testsuites`` element of a validation result."""
    diagnostics = result.diagnostics
    by_path = {path: list(group) for path, group in groupby(diagnostics, key=lambda d: d.path)}
    cases = sum(max(len(by_path.get(f.path, [])), 1) for f in result.files)
    root = ET.Element(
        "testsuites",
        {
            "name": "rus validate",
            "tests": str(cases),
            "failures": str(len(diagnostics)),
            "errors": "0",
        },
    )
    for file_result in result.files:
        found = by_path.get(file_result.path, [])
        suite = ET.SubElement(
            root,
            "testsuite",
            {
                "name": file_result.path,
                "tests": str(max(len(found), 1)),
                "failures": str(len(found)),
                "errors": "0",
                "skipped": "0",
            },
        )
        if not found:
            ET.SubElement(
                suite,
                "testcase",
                {
                    "classname": file_result.path,
                    "name": translate(N_("The file has no findings"), lang),
                    "file": file_result.path,
                },
            )
        for diagnostic in found:
            _testcase(suite, diagnostic, lang)
    return root


def render_junit(result: ValidationResult, lang: Lang) -> str:
    """The result as a JUnit XML report."""
    root = to_junit_element(result, lang)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
