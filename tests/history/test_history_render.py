"""The renderings of a change set: GitHub Markdown structure, Swedish text, the commit message in Swedish."""

from __future__ import annotations

import copy
import re

from conftest import PlansRepo, activity
from markdown_it import MarkdownIt
from test_history_bar import bar_edit, bar_edit_cancelling


def _lots_of_changes(data: dict) -> None:
    bar_edit(data)
    act = activity(data, "UPP-001")
    act["goal_conflicts"][0]["state"] = "resolved"
    act["status"] = "completed"
    act["progress"] = 100
    act["period"]["end"] = "2027-12-31"
    act["title"] = "Barmark | cykel *och* <vandring>"
    next(a for a in data["indicators"][0]["actuals"] if a["period"] == "2026-2")["value"] = 1_380_000
    data["indicators"][0]["target"]["value"] = 1_600_000
    data["vision"] = data["vision"] + " Och mer."


def _gfm(text: str) -> list:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)


def test_markdown_is_valid_gfm(recorded_repo: PlansRepo) -> None:
    repo = recorded_repo
    repo.edit("upplevelser", _lots_of_changes)
    repo.edit("hallbar-energi", lambda d: activity(d, "ENE-003").update(status="cancelled", status_note="Ingen finansiering."))
    result = repo.rus("diff", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    tokens = _gfm(text)
    types = [t.type for t in tokens]
    # one summary table with a header, a separator row (checked below) and one row per changed area
    assert types.count("table_open") == 1
    table = [line for line in text.splitlines() if line.startswith("|")]
    assert len(table) == 2 + 2
    assert re.fullmatch(r"\| --- \| --- (\| ---: ){6}\|", table[1])
    assert all(line.count("|") - line.count("\\|") == table[0].count("|") for line in table)
    # a heading per area under the document heading
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == "Changes from 2026-2 to working tree"
    assert headings[1:] == [
        "Experiences (upplevelser): 2026-2 → 2026-2",
        "Sustainable energy (hallbar-energi): 2026-2 → 2026-2",
    ]
    # collapsible details, balanced, each with a summary, and markdown inside them still parsed
    assert text.count("<details>") == text.count("</details>") == 2
    assert text.count("<summary>") == text.count("</summary>") == 2
    blocks = [t.content for t in tokens if t.type == "html_block"]
    assert all(block.startswith(("<details>", "</details>")) for block in blocks)
    assert types.count("bullet_list_open") >= 4
    # text from the plans is escaped: no stray tags, emphasis or table cells
    assert "<vandring>" not in text
    assert "Barmark \\| cykel \\*och\\* \\<vandring\\>" in text
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)
    assert "Barmark | cykel *och* &lt;vandring&gt;" in html
    assert "<vandring>" not in html and "<em>" not in html
    assert "1 completed" in text and "1 cancelled" in text


def test_markdown_of_no_changes(recorded_repo: PlansRepo) -> None:
    result = recorded_repo.rus("diff", "--format", "markdown", "--exit-code")
    assert result.exit_code == 0
    assert result.stdout == "## Changes from 2026-2 to working tree\n\nno changes\n"


def test_text_in_swedish_and_exit_code(recorded_repo: PlansRepo) -> None:
    repo = recorded_repo
    repo.edit("upplevelser", _lots_of_changes)
    result = repo.rus("diff", "--lang", "sv", "--exit-code", "--area", "upplevelser")
    assert result.exit_code == 1
    out = result.stdout
    for line in [
        "Ändringar från 2026-2 till arbetskatalogen",
        "Upplevelser (upplevelser): 2026-2 → 2026-2",
        "finansiering från Anslag 1:1: 900 000 kr → 1 200 000 kr (+300 000 kr)",
        "Status: Planerad → Pågående",
        "Start senarelagd 3 månader (2027-03-01 → 2027-06-01)",
        "✔ UPP-001 Barmark | cykel *och* <vandring> (genomförd)",
        "målkonflikten mellan cykelturism ↔ rennäring löst (Hanteras → Löst)",
        "framsteg: 45 % → 100 % (+55 procentenheter)",
        "Slut tidigarelagd 2 månader (2028-02-29 → 2027-12-31)",
        "Målvärde: 1 500 000 (2030) → 1 600 000 (2030)",
        "utfall för 2026-2: 1 318 000 → 1 380 000 — 38,9 % av vägen till målvärdet 1 600 000",
        "Vision: …å dess egna villkor. → …å dess egna villkor. Och mer.",
        "2 tillagda · 1 borttagen · 1 genomförd · 4 ändrade · metadata ändrad",
    ]:
        assert line in out, line


def test_commit_message_in_swedish(recorded_repo: PlansRepo) -> None:
    repo = recorded_repo
    repo.edit("upplevelser", bar_edit_cancelling)
    assert repo.rus("commit", "--lang", "sv").exit_code == 0
    message = repo.git("log", "-1", "--format=%B")
    assert message.splitlines()[0] == "upplevelser 2026-2: +2 insatser, 2 statusbyten, 2 ändrade insatser"
    assert "  + UPP-013 Vinterbad och bastu vid Storsjön (Idé)" in message


def test_json_is_stable(recorded_repo: PlansRepo) -> None:
    repo = recorded_repo
    repo.edit("upplevelser", bar_edit)
    first = repo.rus("diff", "--format", "json").stdout
    repo.edit("upplevelser", lambda d: d.update(activities=list(reversed(copy.deepcopy(d["activities"])))))
    assert repo.rus("diff", "--format", "json").stdout == first
