"""rus validate --base and rus commit: H008 (started without a documented Sámi consultation) and
H009 (a consultation record removed), on the bundled plans in a real repository."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import PlansRepo, activity


@pytest.fixture
def committed(plans_repo: PlansRepo) -> PlansRepo:
    """The bundled plans committed (not recorded as a revision, so that edits need no new revision)."""
    plans_repo.git("add", "plans")
    plans_repo.git("commit", "--quiet", "-m", "Planerna")
    return plans_repo


def _h(repo: PlansRepo) -> tuple[int, list[tuple[str, int, str]]]:
    result = repo.rus("validate", "--format", "json", "--base", "HEAD", "plans")
    data = json.loads(result.stdout)
    return result.exit_code, [(d["path"], d["line"], d["code"]) for d in data["diagnostics"] if d["code"][0] == "H"]


def _line(repo: PlansRepo, area: str, text: str, after: str) -> int:
    lines = repo.plan_path(area).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line)
    return next(i for i, line in enumerate(lines) if i >= start and text in line) + 1


def _record(data: dict[str, Any], ident: str) -> dict[str, Any]:
    return next(c for c in data["consultations"] if c["id"] == ident)


def test_starting_an_activity_of_particular_importance_needs_an_ended_documented_consultation(committed: PlansRepo) -> None:
    repo = committed
    # DIG-007 (direct relevance) is planned; its consultation under the law is still ongoing
    repo.edit("digitala-losningar", lambda data: activity(data, "DIG-007").update(status="ongoing", progress=5))
    code, found = _h(repo)
    where = _line(repo, "digitala-losningar", "status: ongoing", "id: DIG-007")
    assert (code, found) == (1, [("plans/digitala-losningar.yaml", where, "H008")])
    # rus commit refuses it too: what CI would reject is not committed
    refused = repo.rus("commit", "-m", "DIG-007 startar")
    assert refused.exit_code == 1 and "H008" in refused.stdout + refused.stderr

    def conclude(data: dict[str, Any]) -> None:
        _record(data, "DIG-K4").update(outcome="agreement", concluded="2026-10-30")

    repo.edit("digitala-losningar", conclude)
    assert _h(repo) == (0, [])


def test_samrad_is_not_a_consultation_under_the_law(committed: PlansRepo) -> None:
    repo = committed

    def start(data: dict[str, Any]) -> None:
        activity(data, "DIG-007").update(status="ongoing")
        _record(data, "DIG-K4").update(outcome="agreement", concluded="2026-10-30", form="dialogue")

    repo.edit("digitala-losningar", start)
    assert [f[2] for f in _h(repo)[1]] == ["H008"]


def test_a_removed_consultation_record_is_a_warning(committed: PlansRepo) -> None:
    repo = committed

    def remove(data: dict[str, Any]) -> None:
        data["consultations"] = [c for c in data["consultations"] if c["id"] != "UPP-K2"]

    repo.edit("upplevelser", remove)
    code, found = _h(repo)
    line = _line(repo, "upplevelser", "consultations:", "consultations:")
    assert (code, found) == (0, [("plans/upplevelser.yaml", line, "H009")])
    result = repo.rus("validate", "--format", "json", "--base", "HEAD", "--lang", "sv", "plans")
    (message,) = [d["message"] for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "H009"]
    assert message == "Konsultationsposten `UPP-K2` har tagits bort (den fanns i planen vid HEAD)"
