"""Markdown for a pull request: the job summary and the comment body of ``rus ci``.

Both hold the verdict, a table of the findings and the semantic changes against the base; the
comment starts with a hidden marker, so that a workflow step can find its earlier comment and
update it instead of adding another. GitHub caps a comment at 65,536 characters, so long tables and
change lists are cut, saying how much was left out.

Plan text is escaped for CommonMark as GitHub renders it (:func:`rus.render.escape.markdown_text`):
no raw HTML, no image, link or autolink, no mention that would notify anyone when a bot posts the
comment, no table broken by a pipe or a line break.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rus.base.codes import N_, NP_
from rus.base.diagnostics import Diagnostic, Severity
from rus.base.i18n import plural, translate
from rus.base.vocab import Lang
from rus.render.escape import json_dumps, markdown_code, markdown_text, one_line
from rus.timeline.ci import CiResult

if TYPE_CHECKING:
    from rich.console import Console

#: The hidden first line of the comment body, by which a workflow finds the comment to update.
COMMENT_MARKER = "<!-- rus-ci -->"
#: The version of ``rus ci --format json``'s shape; raised on incompatible changes.
JSON_VERSION = 1
#: At most this many findings are listed in the table.
MAX_FINDINGS = 100
#: A little under GitHub's limit of 65,536 characters per comment.
MAX_CHARS = 60_000

_ICON = {Severity.ERROR: "❌", Severity.WARNING: "⚠️"}


def _t(message: str, lang: Lang) -> str:
    return translate(message, lang)


def cell(text: str) -> str:
    """Plain text made safe for one cell of a GitHub Markdown table (and anywhere in Markdown)."""
    return markdown_text(text)


def markdown_parts(parts: list[tuple[str, bool]]) -> str:
    """A message's pieces in one table cell: code as code spans, the rest as escaped text."""
    return "".join(markdown_code(text) if code else markdown_text(text) for text, code in parts)


def verdict(result: CiResult, lang: Lang) -> str:
    """One line: passed or failed, with the counts."""
    validation = result.validation
    files = plural(
        len(validation.files), N_("{n} plan file checked"), N_("{n} plan files checked"), lang
    )
    if not validation.diagnostics:
        return f"✅ **{_t(N_('The plans pass every check'), lang)}** ({files})"
    errors = plural(validation.errors, *NP_("{n} error", "{n} errors"), lang)
    warnings = plural(validation.warnings, *NP_("{n} warning", "{n} warnings"), lang)
    icon = "❌" if validation.errors else "⚠️"
    return f"{icon} **{errors}, {warnings}** ({files})"


def verdict_line(result: CiResult, lang: Lang) -> str:
    """The verdict as plain text, for the log: the base, the counts and the changes."""
    validation = result.validation
    base = _t(N_("Checked against {base} (merge base {commit})"), lang).format(
        base=one_line(result.base.name), commit=result.base.short
    )
    if validation.diagnostics:
        errors = plural(validation.errors, *NP_("{n} error", "{n} errors"), lang)
        warnings = plural(validation.warnings, *NP_("{n} warning", "{n} warnings"), lang)
        found = f"{errors}, {warnings}"
    else:
        found = _t(N_("The plans pass every check"), lang)
    changed = ""
    if result.changes is not None:
        total = result.changes.summary
        count = total.total + total.metadata
        changed = "; " + plural(
            count, N_("{n} change to the plans"), N_("{n} changes to the plans"), lang
        )
    return f"{base}: {found}{changed}."


def render_json(result: CiResult, lang: Lang) -> str:
    """The findings, the base and the changes as one JSON object (see docs/ci.md)."""
    from rus.render.diagnostics import to_json_data

    data = {
        "version": JSON_VERSION,
        "base": {
            "name": result.base.name,
            "ref": result.base.ref,
            "commit": result.base.commit,
            "source": result.base.source,
        },
        "validation": to_json_data(result.validation, lang),
        "changes": result.changes.to_dict() if result.changes is not None else None,
        "changed_lines": {
            path: None if lines is None else sorted(lines)
            for path, lines in sorted(result.changed_lines.items())
        },
    }
    return json_dumps(data) + "\n"


def findings_table(diagnostics: list[Diagnostic], result: CiResult, lang: Lang) -> list[str]:
    """The findings as a Markdown table (cut at :data:`MAX_FINDINGS` rows)."""
    head = [
        _t(N_("Level"), lang),
        _t(N_("Where"), lang),
        _t(N_("Code"), lang),
        _t(N_("What is wrong"), lang),
        _t(N_("How to fix it"), lang),
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for d in diagnostics[:MAX_FINDINGS]:
        where = markdown_code(f"{d.path}:{d.line}:{d.column}")
        if result.is_changed(d):
            where += " ✏️"
        row = [
            _ICON[d.level],
            where,
            f"{d.code} {markdown_code(d.rule)}",
            markdown_parts(d.message_parts(lang)),
            markdown_parts(d.hint_parts(lang)),
        ]
        lines.append("| " + " | ".join(row) + " |")
    left = len(diagnostics) - MAX_FINDINGS
    if left > 0:
        more = plural(left, *NP_("… and {n} more finding", "… and {n} more findings"), lang)
        lines += ["", f"_{more}_"]
    return lines


def render_markdown(result: CiResult, lang: Lang, *, comment: bool = False) -> str:
    """The job summary (or, with ``comment``, the pull-request comment body) as Markdown."""
    base = result.base
    title = _t(N_("Plan check against {base}"), lang).format(base=markdown_code(base.name, in_table=False))
    merge_base = _t(N_("merge base {commit}"), lang).format(commit=f"`{base.short}`")
    lines: list[str] = [COMMENT_MARKER] if comment else []
    lines += [f"## {title} ({merge_base})", "", verdict(result, lang), ""]
    diagnostics = result.diagnostics
    if diagnostics:
        lines += [f"### {_t(N_('Findings'), lang)}", ""]
        lines += findings_table(diagnostics, result, lang)
        lines += ["", f"<sub>✏️ {_t(N_('on a line this pull request changed'), lang)}</sub>", ""]
    lines += [changes_markdown(result, lang), ""]
    text = "\n".join(lines)
    if len(text) > MAX_CHARS:
        cut = text[:MAX_CHARS].rsplit("\n", 1)[0]
        note = _t(
            N_("The summary is too long for one comment and was cut; the job summary has it all."),
            lang,
        )
        text = f"{cut}\n\n_{note}_\n"
    return text.rstrip("\n") + "\n"


def changes_markdown(result: CiResult, lang: Lang) -> str:
    """The semantic changes against the base (a level-3 section), or why they cannot be shown."""
    heading = _t(N_("Changes to the plans"), lang)
    if result.base_unreadable is not None:
        why = _t(
            N_(
                "The plans at the base cannot be read, so the transitions are not checked and the changes are not shown:"
            ),
            lang,
        )
        return f"### {heading}\n\n_{why}_ {markdown_text(result.base_unreadable.message(lang))}"
    if result.head_unreadable or result.changes is None:
        why = _t(
            N_("The changes are shown once the plans can be read: fix the errors above first."),
            lang,
        )
        return f"### {heading}\n\n_{why}_"
    if result.changes.is_empty:
        return f"### {heading}\n\n_{_t(N_('No changes to the plans.'), lang)}_"
    from rus.render.changes import render_markdown as render_changes

    return render_changes(result.changes, lang, heading_level=3).strip()


# --- the findings on stdout (`rus ci --format`), through rus.render.registry.CI -------------------


def render_ci_text(console: Console, result: CiResult, lang: Lang) -> None:
    from rus.render.text import render_text

    render_text(console, result.validation, lang)


def render_ci_github(result: CiResult, lang: Lang) -> str:
    """Annotations only for the findings that matter in review (:meth:`CiResult.annotated`)."""
    from rus.render.diagnostics import github_line

    return "".join(github_line(d, lang) + "\n" for d in result.annotated())


def render_ci_parsable(result: CiResult, lang: Lang) -> str:
    from rus.render.diagnostics import render_parsable

    return render_parsable(result.validation, lang)


def render_ci_sarif(result: CiResult, lang: Lang) -> str:
    from rus.render.sarif import render_sarif

    return render_sarif(result.validation, lang)


def render_ci_junit(result: CiResult, lang: Lang, *, strict: bool = False) -> str:
    from rus.render.junit import render_junit

    return render_junit(result.validation, lang, strict=strict)
