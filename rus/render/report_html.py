"""The yearly report as one self-contained HTML file: styles and SVG charts inline, nothing fetched.

Every text from the plans goes through :func:`html.escape`, in the charts too (:mod:`rus.reporting.charts`
escapes what it draws). A Content-Security-Policy forbids every fetch, script and frame, so even a
mistake could not make the page reach the network.

For keyboard and screen-reader users: headings go down one level at a time, every table has a
caption and column headers, a wide table sits in a focusable, labelled region that scrolls with
the arrow keys, every chart is an image with a title and a description (and its table beside it),
a caveat is announced as such, not only coloured, and the focus is always visible.
"""

from __future__ import annotations

from html import escape as _html_escape

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

#: Nothing may be loaded: no scripts, no fonts, no images except inline data, no connections.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)

_STYLE = """
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; max-width: 68rem;
       margin: 2rem auto;
       padding: 0 1rem; color: #1b1b1b; line-height: 1.45; }
h1 { font-size: 1.7rem; border-bottom: 3px solid #0072B2; padding-bottom: .4rem; }
h2 { font-size: 1.25rem; margin-top: 2.4rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin-top: 1.6rem; }
table { border-collapse: collapse; margin: .8rem 0 1.2rem; font-size: .88rem; width: 100%; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; }
th, td { border: 1px solid #d0d0d0; padding: .3rem .5rem; vertical-align: top; text-align: left; }
th { background: #eef4f9; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr:nth-child(even) td { background: #fafafa; }
p.note { border-left: 4px solid #D55E00; background: #fff5ee; padding: .5rem .8rem; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: .85rem; color: #444; }
figcaption strong { display: block; color: #1b1b1b; }
.scroll { overflow-x: auto; }
.scroll:focus, a:focus { outline: 3px solid #E69F00; outline-offset: 2px; }
@media print { h2 { break-before: auto; } figure, table { break-inside: avoid; } }
"""


def escape(text: str) -> str:
    """Text for HTML: markup characters as entities, control and bidi characters shown escaped."""
    return _html_escape(visible(text))


def render_html(document: ReportDocument) -> str:
    """The whole report as an HTML page."""
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(document.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{escape(CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(document.title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
    ]
    parts += [_block(block, document) for block in document.blocks]
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


def _block(block: Block, document: ReportDocument) -> str:
    if isinstance(block, Heading):
        anchor = f' id="{escape(block.anchor)}"' if block.anchor else ""
        return f"<h{block.level}{anchor}>{escape(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        if block.note:
            label = translate(N_("Note"), document.lang)
            return f'<p class="note"><strong>{escape(label)}:</strong> {escape(block.text)}</p>'
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, Bullets):
        if block.anchors is not None:
            links = zip(block.items, block.anchors, strict=True)
            return "<ul>" + "".join(f'<li><a href="#{escape(a)}">{escape(i)}</a></li>' for i, a in links) + "</ul>"
        return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Table):
        return _table(block)
    return _figure(block, document)


def _table(table: Table) -> str:
    def cell(tag: str, index: int, text: str) -> str:
        cls = ' class="num"' if index in table.numeric else ""
        scope = ' scope="col"' if tag == "th" else ""
        return f"<{tag}{cls}{scope}>{escape(text)}</{tag}>"

    head = "<tr>" + "".join(cell("th", i, h) for i, h in enumerate(table.headers)) + "</tr>"
    body = "".join(
        "<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>"
        for row in table.rows
    )
    caption = f"<caption>{escape(table.caption)}</caption>"
    return (
        f'<div class="scroll" role="region" tabindex="0" aria-label="{escape(table.caption)}">'
        f"<table>{caption}<thead>{head}</thead><tbody>{body}</tbody></table></div>"
    )


def _figure(figure: Figure, document: ReportDocument) -> str:
    chart = figure.chart
    alternative = translate(N_("Text alternative"), document.lang)
    return (
        f'<figure id="chart-{escape(chart.name)}" data-chart="{escape(chart.name)}">{chart.svg}'
        f"<figcaption><strong>{escape(chart.title)}</strong>"
        f"{escape(alternative)}: {escape(chart.description)}</figcaption></figure>"
    )
