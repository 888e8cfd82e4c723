"""The human rendering of validation results through rich: grouped by file, with the line and a caret."""

from __future__ import annotations

import re
from itertools import groupby

from rich.console import Console
from rich.text import Text

from rus.base.codes import N_, NP_
from rus.base.diagnostics import Diagnostic, Severity
from rus.base.i18n import plural, translate
from rus.base.vocab import Lang
from rus.plans.validation import ValidationResult
from rus.render.escape import excerpt, one_line

_LEVEL_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}
_LEVEL_NAME = {Severity.ERROR: N_("error"), Severity.WARNING: N_("warning")}
#: The line breaks of YAML (1.1, as the parsers count lines): not ``str.splitlines``'s, which
#: also breaks at form feed and the file/group/record separators.
_YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def summary_line(result: ValidationResult, lang: Lang) -> Text:
    """The closing line: counts of errors, warnings and files."""
    files = plural(len(result.files), *NP_("{n} file checked", "{n} files checked"), lang)
    if not result.diagnostics:
        return Text.assemble(("✔ ", "bold green"), translate(N_("No problems found"), lang), f" ({files})")
    errors = plural(result.errors, *NP_("{n} error", "{n} errors"), lang)
    warnings = plural(result.warnings, *NP_("{n} warning", "{n} warnings"), lang)
    failing = sum(1 for f in result.files if f.diagnostics)
    in_files = plural(failing, *NP_("in {n} file", "in {n} files"), lang)
    mark, style = ("✖ ", "bold red") if result.errors else ("⚠ ", "bold yellow")
    return Text.assemble((mark, style), f"{errors}, {warnings} {in_files} ({files})")


def render_diagnostic(console: Console, diagnostic: Diagnostic, source_line: str, lang: Lang) -> None:
    """One diagnostic: position, level, code, message; the source line with a caret; the hint.

    Plan text is shown on one line with control characters escaped, and the source line is cut
    to a window around the column (see :mod:`rus.render.escape`).
    """
    level = diagnostic.level
    head = Text.assemble(
        (f"  {diagnostic.line}:{diagnostic.column}", "bold"),
        "  ",
        (translate(_LEVEL_NAME[level], lang), _LEVEL_STYLE[level]),
        "  ",
        (diagnostic.code, "dim"),
        "  ",
        one_line(diagnostic.message(lang)),
    )
    console.print(head, soft_wrap=True)
    if source_line.strip():
        number = str(diagnostic.line)
        shown, caret_column = excerpt(source_line, diagnostic.column)
        console.print(Text.assemble((f"    {number} │ ", "dim"), shown), soft_wrap=True, highlight=False)
        pad = " " * (len(number) + 4)
        caret = " " * (caret_column - 1) + "^"
        console.print(Text.assemble((f"{pad} │ ", "dim"), (caret, _LEVEL_STYLE[level])), soft_wrap=True)
    hint = diagnostic.hint(lang)
    if hint:
        console.print(Text.assemble(("    " + translate(N_("hint"), lang) + ": ", "cyan"), one_line(hint)), soft_wrap=True)


def render_text(console: Console, result: ValidationResult, lang: Lang) -> None:
    """Every diagnostic grouped by file, then the summary line."""
    for path, group in groupby(result.diagnostics, key=lambda d: d.path):
        console.print(Text(one_line(path), style="bold underline"), soft_wrap=True)
        text = result.text_of(path)
        lines = _YAML_LINE_BREAK.split(text) if text else []
        for diagnostic in group:
            line = lines[diagnostic.line - 1] if 0 < diagnostic.line <= len(lines) else ""
            render_diagnostic(console, diagnostic, line, lang)
        console.print()
    console.print(summary_line(result, lang), soft_wrap=True)
