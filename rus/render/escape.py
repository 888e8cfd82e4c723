"""Plan text made safe to show: no control character, line break or bidi override reaches the output.

Plan files are written by many hands and arrive through pull requests, so every value (and every
file name) that a renderer prints is treated as hostile:

* **Control characters** (C0 but tab, DEL, C1 including NEL U+0085), the Unicode line and paragraph
  separators U+2028/U+2029, the bidirectional overrides and isolates U+202A–U+202E and
  U+2066–U+2069 (the "Trojan Source" characters, CVE-2021-42574), lone surrogates and the
  non-characters U+FFFE/U+FFFF are never emitted: they are shown as ``\\x1b``, ``\\u2028``, ….
  An ESC would otherwise drive the terminal, and a NEL or U+2028 breaks a line for some readers.
* **Line breaks** inside a value are shown as ``\\n`` and ``\\r`` in the one-line formats (text,
  parsable, github, junit, the fields of ``rus log`` and ``rus diff``): GitHub Actions reads every
  line of a job's output that starts with ``::`` as a workflow command, so a value holding
  ``\\n::error file=…::forged`` would forge an annotation, and ``\\n::stop-commands::tok`` would
  switch annotations off. Multi-line texts (the report, Markdown files) keep their ``\\n``.
* **GitHub workflow commands** escape their data and properties as the Actions toolkit does
  (``escapeData``/``escapeProperty`` in ``@actions/core``'s ``command.ts``).
* **Markdown** for GitHub (the pull-request comment and the job summary) is escaped for CommonMark,
  and mentions, autolinks and issue references are broken with a zero-width space: see
  :func:`markdown_text`.
* **Source excerpts** show at most :data:`EXCERPT_WIDTH` columns around the finding: see
  :func:`excerpt`.

A backslash itself is not escaped: ``\\x1b`` in the output may stand for the four characters or for
ESC. That is a display ambiguity only; nothing can be injected through it.
"""

from __future__ import annotations

import json
import re
from typing import Any

#: Code points never written as they are.
_UNSAFE: tuple[range, ...] = (
    range(0x09),  # C0 before tab
    range(0x0B, 0x0D),  # VT, FF (line breaks for some readers)
    range(0x0E, 0x20),  # the rest of C0, ESC included
    range(0x7F, 0xA0),  # DEL and C1 (NEL U+0085, CSI U+009B, …)
    range(0x2028, 0x202F),  # line and paragraph separators, bidi embeddings and overrides
    range(0x2066, 0x206A),  # bidi isolates
    range(0xD800, 0xE000),  # lone surrogates (from undecodable bytes): not encodable, not XML
    range(0xFFFE, 0x10000),  # non-characters, not allowed in XML
)


def _shown(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_ALWAYS: dict[int, str] = {code: _shown(code) for block in _UNSAFE for code in block}
#: The multi-line table: keeps the line feed (a carriage return alone is escaped, see :func:`visible`).
_MULTI_LINE = {**_ALWAYS, 0x0D: "\\r"}
#: The one-line table: line feed and carriage return shown too.
_ONE_LINE = {**_ALWAYS, 0x0A: "\\n", 0x0D: "\\r"}
#: JSON already escapes C0; the rest become ``\\uXXXX`` escapes, which decode to the same data.
_JSON = {code: f"\\u{code:04x}" for code in _ALWAYS if code >= 0x7F}


def visible(text: str) -> str:
    """Text with line feeds and tabs kept and every other unsafe character shown escaped.

    A CRLF becomes a LF; a carriage return on its own is shown as ``\\r``, since GitHub's runner
    (and a terminal, which returns to the start of the line) would treat it as a line break.
    """
    return text.replace("\r\n", "\n").translate(_MULTI_LINE)


def one_line(text: str) -> str:
    """Text on one line: line breaks and every unsafe character shown escaped."""
    return text.translate(_ONE_LINE)


def json_dumps(data: Any, *, indent: int | None = 2) -> str:
    """JSON text as ``json.dumps`` writes it, with unsafe characters as ``\\uXXXX`` escapes.

    Python escapes the C0 characters in strings already; DEL, C1, U+2028/2029, bidi controls and
    lone surrogates are escaped here, so the data read back is exactly the data written.
    """
    return json.dumps(data, ensure_ascii=False, indent=indent).translate(_JSON)


# --- GitHub Actions workflow commands --------------------------------------------------------------


def github_data(text: str) -> str:
    """The message of a workflow command: one line, then ``%``, CR and LF escaped as ``@actions/core``."""
    return one_line(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value of a workflow command: as :func:`github_data`, and ``:`` and ``,`` too."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


# --- source excerpts -------------------------------------------------------------------------------

#: At most this many characters of a source line are shown around a finding.
EXCERPT_WIDTH = 120
ELLIPSIS = "…"


def excerpt(line: str, column: int, width: int = EXCERPT_WIDTH) -> tuple[str, int]:
    """A window of at most ``width`` characters of ``line`` around ``column``, and the caret's column.

    The line is shown on one line (tabs as one space, so columns still match; unsafe characters
    escaped); cut ends are marked with an ellipsis. The caret's column is 1-based, under the
    character at ``column`` of the original line however the text before it was escaped or cut.
    """
    text = line.rstrip("\r\n").expandtabs(1)
    at = min(max(column - 1, 0), len(text))
    start, end = 0, len(text)
    if len(text) > width:
        start = max(min(at - width // 2, len(text) - width), 0)
        end = start + width
    before = (ELLIPSIS if start > 0 else "") + one_line(text[start:at])
    after = one_line(text[at:end]) + (ELLIPSIS if end < len(text) else "")
    return before + after, len(before) + 1


def shorten(text: str, width: int = EXCERPT_WIDTH * 4) -> str:
    """A one-line text cut to ``width`` characters with an ellipsis (a value cannot flood a log)."""
    shown = one_line(text)
    return shown if len(shown) <= width else shown[: width - 1] + ELLIPSIS


# --- Markdown as GitHub renders it -----------------------------------------------------------------

#: A zero-width space, as an HTML entity so that it is visible in the Markdown source.
ZERO_WIDTH = "&#8203;"
#: What CommonMark and GitHub read as markup inside a line: emphasis, code, links and images (``[``
#: and ``]``; ``!`` and parentheses mean nothing without them), raw HTML and autolinks (``<``),
#: entities (``&``), tables (``|``), strikethrough (``~``), headings' closing ``#``, math (``$``).
_MARKUP = frozenset("\\`*_[]<>|~&#$")
#: What starts a block at the start of a line (a list, a quote, a heading, a setext underline).
_BLOCK_START = re.compile(r"^([-+=]|[0-9]+(?=[.)]))")
#: Where GitHub would make a link or notify someone: a mention or e-mail (``@``), a URL scheme
#: (``://``), a ``www.`` autolink, an issue or pull-request reference (``#12``, ``GH-12``).
_LINKISH = re.compile(r"(@)|(:)(?=//)|\b([Ww]{3})(?=\.)|(#)(?=[0-9])|\b(GH)(?=-[0-9])", re.ASCII)


def markdown_text(text: str) -> str:
    """Plain text for GitHub Markdown, shown as written on one line (also safe in a table cell).

    * The characters that make markup are backslash-escaped (CommonMark allows that for every
      ASCII punctuation character), so nothing becomes emphasis, code, a link, an image, raw HTML
      (``\\<img>``), an entity or a table border (``\\|``, which GitHub honours even inside
      code); a ``-``, ``+``, ``>``, ``=`` or ``1.`` at the start cannot open a list or a quote.
      Line breaks and control characters are shown escaped (:func:`one_line`).
    * GitHub turns ``@name`` into a mention *after* rendering, on the text of the page, so an
      escape does not stop it (nor an e-mail address, a bare URL, ``www.``, ``#12`` or ``GH-12``).
      A zero-width space after the ``@`` (and inside ``://``, after ``www``, ``#``, ``GH``) does:
      the name no longer follows the ``@``. It is written as the entity ``&#8203;``, which GitHub
      renders invisible and which, unlike the bare character, shows in the Markdown source. This
      is how Renovate quotes release notes in pull requests without pinging their authors
      (``sanitizeMarkdown`` in its ``lib/util/markdown.ts``: ``@`` and ``#12`` get ``&#8203;``).
      Nobody is notified, nothing is linked, and the text reads the same.
    """
    shown = one_line(text)
    out: list[str] = []
    position = 0
    for match in _LINKISH.finditer(shown):
        out.append(_escape_markup(shown[position : match.end()]))
        out.append(ZERO_WIDTH)
        position = match.end()
    out.append(_escape_markup(shown[position:]))
    return _BLOCK_START.sub(_unblock, "".join(out), count=1)


def _unblock(match: re.Match[str]) -> str:
    start = match.group(1)
    return start + "\\" if start[0].isdigit() else "\\" + start


def _escape_markup(text: str) -> str:
    return "".join("\\" + char if char in _MARKUP else char for char in text)


def markdown_code(text: str, *, in_table: bool = True) -> str:
    """``text`` as a Markdown code span: nothing inside is markup, HTML, a mention or a link.

    The fence is one backtick longer than the longest run of backticks inside, with a space of
    padding where the text starts or ends with a backtick or a space (CommonMark strips one).
    In a table a pipe is written ``\\|``: GitHub splits cells before it reads code spans.
    """
    shown = one_line(text)
    runs = [len(run) for run in re.findall("`+", shown)]
    fence = "`" * (max(runs, default=0) + 1)
    if shown[:1] in ("`", " ") or shown[-1:] in ("`", " ") or not shown:
        shown = f" {shown} "
    if in_table:
        shown = shown.replace("|", "\\|")
    return f"{fence}{shown}{fence}"
