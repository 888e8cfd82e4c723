"""JUnit XML rendering of validation results, for the test reports of CI systems.

The shape is Apache Ant's, which Jenkins and GitLab read, and is valid against the Ant JUnit XML
schema (``tests/schemas/JUnit.xsd``, by Windy Road): one ``testsuite`` per checked file, with its
``id``, ``package``, ``timestamp``, ``hostname`` and ``time``, and the ``properties``,
``system-out`` and ``system-err`` that the schema requires.

Every finding is a ``testcase`` located by file and line. An error is a ``failure``; a warning is a
passing test case, listed in the suite's ``system-out``, so that a run that exits 0 shows no failed
test, unless ``strict`` (``--strict``), under which warnings fail the run and so are failures too.
A file without findings is one passing test case.

Plan text and file names are written on one line with control characters shown escaped
(:mod:`rus.render.escape`): XML 1.0 cannot hold most control characters at all.
"""

from __future__ import annotations

import socket
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from itertools import groupby

from rus.base.codes import N_
from rus.base.diagnostics import Diagnostic, Severity
from rus.base.i18n import translate
from rus.base.vocab import Lang
from rus.plans.validation import ValidationResult
from rus.render.escape import one_line

#: The checks are not timed one by one; the schema asks for a time, and 0 claims nothing.
_NO_TIME = "0"


def _located(diagnostic: Diagnostic, lang: Lang) -> str:
    return (
        f"{one_line(diagnostic.path)}:{diagnostic.line}:{diagnostic.column}: "
        f"[{diagnostic.level.value}] {one_line(diagnostic.message(lang))} ({diagnostic.code})"
    )


# Ant's schema allows no ``file`` or ``line`` attribute on a test case: the location is in its
# name (``line:column code rule``), its class name (the file) and the failure's text.
def _testcase(suite: ET.Element, diagnostic: Diagnostic, lang: Lang, *, fails: bool) -> None:
    case = ET.SubElement(
        suite,
        "testcase",
        {
            "classname": one_line(diagnostic.path),
            "name": f"{diagnostic.line}:{diagnostic.column} {diagnostic.code} {diagnostic.rule}",
            "time": _NO_TIME,
        },
    )
    if not fails:
        return
    message = one_line(diagnostic.message(lang))
    # The level and code stay machine tokens, as in the parsable format; the texts are translated.
    failure = ET.SubElement(
        case, "failure", {"message": message, "type": f"{diagnostic.level.value} {diagnostic.code}"}
    )
    body = [_located(diagnostic, lang)]
    hint = diagnostic.hint(lang)
    if hint:
        body.append(one_line(hint))
    failure.text = "\n".join(body)


def to_junit_element(
    result: ValidationResult,
    lang: Lang,
    *,
    strict: bool = False,
    timestamp: datetime | None = None,
    hostname: str | None = None,
) -> ET.Element:
    """The ``testsuites`` element of a validation result (``timestamp`` in UTC, default now)."""
    when = (timestamp or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    host = hostname or socket.gethostname() or "localhost"
    by_path = {
        path: list(group) for path, group in groupby(result.diagnostics, key=lambda d: d.path)
    }
    root = ET.Element("testsuites")
    for number, file_result in enumerate(result.files):
        found = by_path.get(file_result.path, [])
        failing = [d for d in found if strict or d.level is Severity.ERROR]
        name = one_line(file_result.path)
        suite = ET.SubElement(
            root,
            "testsuite",
            {
                "name": name,
                "package": name,
                "id": str(number),
                "timestamp": when,
                "hostname": one_line(host),
                "tests": str(max(len(found), 1)),
                "failures": str(len(failing)),
                "errors": "0",
                "skipped": "0",
                "time": _NO_TIME,
            },
        )
        properties = ET.SubElement(suite, "properties")
        ET.SubElement(properties, "property", {"name": "kind", "value": file_result.kind or ""})
        if not found:
            ET.SubElement(
                suite,
                "testcase",
                {
                    "classname": name,
                    "name": translate(N_("The file has no findings"), lang),
                    "time": _NO_TIME,
                },
            )
        for diagnostic in found:
            _testcase(suite, diagnostic, lang, fails=strict or diagnostic.level is Severity.ERROR)
        passing = [d for d in found if not (strict or d.level is Severity.ERROR)]
        ET.SubElement(suite, "system-out").text = "".join(
            _located(d, lang) + "\n" for d in passing
        )
        ET.SubElement(suite, "system-err").text = ""
    return root


def render_junit(
    result: ValidationResult,
    lang: Lang,
    *,
    strict: bool = False,
    timestamp: datetime | None = None,
    hostname: str | None = None,
) -> str:
    """The result as a JUnit XML report; under ``strict`` warnings are failures too."""
    root = to_junit_element(result, lang, strict=strict, timestamp=timestamp, hostname=hostname)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
