"""The yearly report as Markdown, with the charts linked as SVG files or embedded as data URIs."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable

from rus.base.codes import N_
from rus.base.i18n import translate
from rus.render.escape import visible
from rus.render.report_document import (
    Block,
    Bullets,
    Figure,
    Heading,
    Paragraph,
    ReportDocument,
    Table,
)


def embedded_chart(name: str, svg: str) -> str:
    """A chart as a ``data:`` URI, for a Markdown file that must stand alone."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def render_markdown(
    document: ReportDocument, chart_link: Callable[[str, str], str] = embedded_chart
) -> str:
    """The whole report as Markdown; ``chart_link(name, svg)`` says where each chart's image is."""
    out = [_block(block, document, chart_link) for block in document.blocks]
    return "\n\n".join(part for part in out if part) + "\n"


def escape_markdown(text: str, line_start: bool = True) -> str:
    """Plain text that Markdown shows as written: no markup, no HTML, no line breaks."""
    # ASCII white space only: the narrow no-break space between thousands stays unbroken
    text = re.sub(r"[ \t\n\r\f\v]+", " ", visible(text)).strip()
    for char in "\\`*_{}[]<>|~":
        text = text.replace(char, "\\" + char)
    # Characters that start a heading, list or quote only matter at the start of a line.
    if line_start and text[:1] in ("#", "-", "+", ">", "="):
        text = "\\" + text
    elif line_start:
        text = re.sub(r"^([0-9]+)([.)]) ", r"\1\\\2 ", text)
    return text


def _block(block: Block, document: ReportDocument, chart_link: Callable[[str, str], str]) -> str:
    if isinstance(block, Heading):
        return "#" * block.level + " " + escape_markdown(block.text, line_start=False)
    if isinstance(block, Paragraph):
        return ("> **!** " if block.note else "") + escape_markdown(block.text)
    if isinstance(block, Bullets):
        return "\n".join(f"- {escape_markdown(item)}" for item in block.items)
    if isinstance(block, Table):
        return _table(block)
    return _figure(block, document, chart_link)


def _table(table: Table) -> str:
    headers = [escape_markdown(h, line_start=False) or " " for h in table.headers]
    align = ["---:" if i in table.numeric else "---" for i in range(len(headers))]
    lines = [
        f"**{escape_markdown(table.caption)}**",
        "",
        "| " + " | ".join(headers) + " |",
        "| " + " | ".join(align) + " |",
    ]
    lines += [
        "| " + " | ".join(escape_markdown(cell, line_start=False) for cell in row) + " |"
        for row in table.rows
    ]
    return "\n".join(lines)


def _figure(figure: Figure, document: ReportDocument, chart_link: Callable[[str, str], str]) -> str:
    chart = figure.chart
    alternative = translate(N_("Text alternative"), document.lang)
    image = f"![{escape_markdown(chart.title)}]({chart_link(chart.name, chart.svg)})"
    return f"{image}\n\n*{escape_markdown(alternative)}: {escape_markdown(chart.description)}*"
