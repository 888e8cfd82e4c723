"""The issue's bar: a scenario of typical changes, recorded with rus commit, compared and checked."""

from __future__ import annotations

import copy
from typing import Any

from conftest import PlansRepo, activity


def _new_activity(data: dict[str, Any], ident: str, title: str) -> dict[str, Any]:
    new = copy.deepcopy(activity(data, "UPP-009"))
    new.update(id=ident, title=title)
    return new


def bar_edit(data: dict[str, Any]) -> None:
    """Two activities added, one planned → ongoing, one postponed 3 months, one funding line raised, one removed."""
    data["activities"].append(_new_activity(data, "UPP-013", "Vinterbad och bastu vid Storsjön"))
    data["activities"].append(_new_activity(data, "UPP-014", "Hantverksleden i Bräcke"))
    activity(data, "UPP-003")["status"] = "ongoing"
    activity(data, "UPP-010")["period"]["start"] = "2027-06-01"
    funding = activity(data, "UPP-002")["funding"]
    line = next(f for f in funding if f["source"] == "appropriation-1-1")
    line["amount_sek"] = 1_200_000
    data["activities"] = [a for a in data["activities"] if a["id"] != "UPP-005"]


SUBJECT_EN = "upplevelser 2026-2: +2 activities, 2 status changes, 2 activities changed"


def bar_edit_cancelling(data: dict[str, Any]) -> None:
    """The bar's changes, with UPP-005 cancelled (and kept) instead of removed."""
    kept = copy.deepcopy(activity(data, "UPP-005"))
    bar_edit(data)
    kept.update(status="cancelled", status_note="Ingen huvudman hittades.")
    data["activities"].append(kept)


def test_bar_scenario_diff_is_exactly_the_changes(recorded_repo: PlansRepo) -> None:
    repo = recorded_repo
    repo.edit("upplevelser", bar_edit)
    data = repo.rus_json("diff")
    assert data["from"] == "2026-2"
    assert data["to"] == "working tree"
    assert data["empty"] is False
    assert data["actors"] == []
    assert [a["area"] for a in data["areas"]] == ["upplevelser"]
    area = data["areas"][0]
    assert area["change"] == "changed"
    assert area["metadata"] == []
    assert area["from"]["revision"] == area["to"]["revision"] == "2026-2"
    assert area["from"]["commit"] == repo.head()
    assert area["to"]["commit"] is None
    items = {(i["id"], i["change"]): i["changes"] for i in area["items"]}
    assert list(items) == [
        ("UPP-002", "changed"),
        ("UPP-003", "changed"),
        ("UPP-005", "removed"),
        ("UPP-010", "changed"),
        ("UPP-013", "added"),
        ("UPP-014", "added"),
    ]
    old_line = {"source": "appropriation-1-1", "instrument": "project-grant", "amount_sek": 900000}
    [funding] = items[("UPP-002", "changed")]
    assert funding["type"] == "funding"
    assert (funding["field"], funding["source"], funding["old"], funding["new"], funding["difference_sek"]) == (
        "funding", "appropriation-1-1", 900_000, 1_200_000, 300_000)
    assert [{k: line[k] for k in old_line} for line in funding["removed"]] == [old_line]
    assert [line["amount_sek"] for line in funding["added"]] == [1_200_000]
    assert items[("UPP-003", "changed")] == [
        {"type": "status", "field": "status", "old": "planned", "new": "ongoing"},
    ]
    assert items[("UPP-010", "changed")] == [
        {"type": "period", "field": "period.start", "old": "2027-03-01", "new": "2027-06-01",
         "days": 92, "months": 3, "direction": "postponed"},
    ]
    assert items[("UPP-005", "removed")] == []
    assert items[("UPP-013", "added")] == []
    summary = area["summary"]
    assert {k: summary[k] for k in ("added", "removed", "replaced", "cancelled", "completed", "changed")} == {
        "added": 2, "removed": 1, "replaced": 0, "cancelled": 0, "completed": 0, "changed": 3}
    assert summary["status_changes"] == 1
    assert summary["metadata"] == 0


def test_bar_scenario_validate_base_flags_the_removal(recorded_repo: PlansRepo) -> None:
    repo = recorded_repo
    repo.edit("upplevelser", bar_edit)
    result = repo.rus("validate", "--base", "main", "--format", "json")
    import json

    data = json.loads(result.stdout)
    found = [(d["path"], d["line"], d["code"], d["severity"]) for d in data["diagnostics"] if d["code"].startswith("H")]
    text = repo.plan_path("upplevelser").read_text(encoding="utf-8").splitlines()
    activities_line = text.index("activities:") + 1
    revision_line = next(i for i, line in enumerate(text, 1) if line.startswith("revision:"))
    assert found == [
        ("plans/upplevelser.yaml", revision_line, "H004", "warning"),
        ("plans/upplevelser.yaml", activities_line, "H002", "error"),
    ]
    h002 = next(d for d in data["diagnostics"] if d["code"] == "H002")
    assert h002["message"] == "The activity `UPP-005` was removed (it was ongoing at main)"
    assert result.exit_code == 1


def test_bar_scenario_text_and_commit(recorded_repo: PlansRepo) -> None:
    repo = recorded_repo
    repo.edit("upplevelser", bar_edit)
    shown = repo.rus("diff")
    assert shown.exit_code == 0
    out = shown.stdout
    assert "2 added · 1 removed · 3 changed" in out
    assert "Status: Planned → Ongoing" in out
    assert "Start postponed by 3 months (2027-03-01 → 2027-06-01)" in out
    assert "funding from Appropriation 1:1: SEK 900,000 → SEK 1,200,000 (+SEK 300,000)" in out
    # removing an ongoing activity breaks the transition rules, so rus commit refuses it (as CI would)
    head = repo.git("rev-parse", "HEAD")
    refused = repo.rus("commit")
    assert refused.exit_code == 1
    assert "H002" in refused.stderr and "UPP-005" in refused.stderr
    assert repo.git("rev-parse", "HEAD") == head
    # cancelling it instead is recorded, with a message listing the changes
    repo.git("checkout", "--", "plans/upplevelser.yaml")
    repo.edit("upplevelser", bar_edit_cancelling)
    done = repo.rus("commit")
    assert done.exit_code == 0, done.stderr
    message = repo.git("log", "-1", "--format=%B")
    assert message.splitlines()[0] == SUBJECT_EN
    assert "UPP-005 Fäbodar och hembygdsgårdar som besöksmål" in message
    assert repo.committed_files() == ["plans/upplevelser.yaml"]
    assert repo.rus("diff", "--exit-code", "HEAD").exit_code == 0
