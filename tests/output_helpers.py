"""Helpers of the output-safety tests: hostile plan text, and what may never reach an output."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from tests.ci_helpers import ACTORS, PLAN, WARNING_PLAN

#: What no output may hold: C0 but tab and line feed, DEL, C1 (NEL included), the line and paragraph
#: separators, bidi embeddings, overrides and isolates, lone surrogates, non-characters.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")

#: A YAML double-quoted text with everything that could hijack an output: ESC sequences, CSI (C1),
#: a CR, NEL, U+2028, a bidi override, GitHub workflow commands on lines of their own, Markdown,
#: HTML, an image, a mention, a bare URL, table pipes, backticks, an entity.
HOSTILE_YAML = (
    r'"x\e[2J\x9b31m\r\N\L\u202e\u2066 end'
    r"\n::stop-commands::tok"
    r"\n::error file=plans/actors.yaml,line=1::forged"
    r"\r::warning::forged too"
    r" `<img src=https://evil.example/i.png>` @octocat <b>bold</b> [link](https://evil.example)"
    r' ![img](https://evil.example/x.png) www.evil.example a@b.example #12 | cell | *em* &amp; ``"'
)
#: The same text as Python reads it.
HOSTILE = (
    "x\x1b[2J\x9b31m\r\x85\u2028\u202e\u2066 end"
    "\n::stop-commands::tok"
    "\n::error file=plans/actors.yaml,line=1::forged"
    "\r::warning::forged too"
    " `<img src=https://evil.example/i.png>` @octocat <b>bold</b> [link](https://evil.example)"
    " ![img](https://evil.example/x.png) www.evil.example a@b.example #12 | cell | *em* &amp; ``"
)
#: A source line this long must never be printed whole.
LONG = 200_000

#: File names with spaces, a colon, a comma, a percent sign, non-ASCII letters and a line break.
ODD_PLAN = "plans/hållbar energi: 100%, @octocat\n::error::x.yaml"
ODD_WARNING_PLAN = "plans/jord skog.yaml"


def hostile_plan() -> str:
    """A plan with a hostile unknown key, a hostile status and a 200,000-character line."""
    plan = PLAN.replace("status: planned", f"status: {HOSTILE_YAML}")
    plan = plan.replace("sub_areas:", f"{HOSTILE_YAML}: 1\nsub_areas:")
    long_text = "y" * LONG
    return plan.replace(
        "    sami: {relevance: none}\n",
        f'    sami: {{relevance: none, note: "{long_text}", bogus: 1}}\n',
    )


def hostile_texts() -> dict[str, str]:
    """Plan files by name: the hostile plan under an odd name, and a plan with warnings only."""
    return {
        "plans/actors.yaml": ACTORS,
        ODD_PLAN: hostile_plan(),
        ODD_WARNING_PLAN: WARNING_PLAN.replace("area: upplevelser", "area: jord-skog-vatten"),
    }


def write_hostile(folder: Path) -> Path:
    """The hostile plans as real files in ``folder/plans`` (the odd name without its line break)."""
    plans = folder / "plans"
    plans.mkdir(parents=True, exist_ok=True)
    for name, text in hostile_texts().items():
        (folder / name.replace("\n", " ")).write_text(text, encoding="utf-8")
    return plans


def markdown() -> MarkdownIt:
    """A CommonMark parser with GitHub's tables, strikethrough and autolinks (linkify)."""
    return MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"])


#: Raw HTML that rus writes itself into its Markdown: the comment marker, footnotes, details.
OWN_HTML = {"<!-- rus-ci -->", "<sub>", "</sub>", "<details>", "</details>", "<summary>", "</summary>"}
#: A mention as GitHub finds it in the rendered text: ``@`` right before a user or team name.
MENTION = re.compile(r"(?<![\w@])@[A-Za-z0-9]")


def live_markdown(text: str) -> list[str]:
    """What in rendered Markdown would be live: raw HTML not our own, links, images, mentions."""
    found: list[str] = []
    tokens: list[Any] = markdown().parse(text)
    for token in tokens:
        children = [token, *(token.children or [])]
        for child in children:
            if child.type in ("html_block", "html_inline"):
                for piece in re.findall(r"<[^>]*>", child.content):
                    if piece not in OWN_HTML:
                        found.append(f"raw HTML {piece!r}")
            if child.type in ("link_open", "image"):
                found.append(f"{child.type} {child.attrs}")
    html = markdown().render(text)
    found += [f"mention {m.group(0)!r}" for m in MENTION.finditer(_text_of(html))]
    return found


def _text_of(html: str) -> str:
    """The text of rendered HTML outside code (GitHub mentions nobody inside code)."""
    without_code = re.sub(r"<code>.*?</code>", "", html, flags=re.DOTALL)
    return re.sub(r"<[^>]+>", "", without_code)
