"""One definition of a revision (``YYYY-N``, any number per year) and of an indicator period (a half-year)."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from rus.plans.models import Actual
from rus.plans.revision import (
    RevisionId,
    expected_for_meeting,
    fits_meeting,
    half_of,
    is_period,
    is_revision,
    latest,
    next_revision,
    parse_revision,
    period_after_revision,
    revision_key,
)
from rus.plans.validation import validate_paths
from rus.reporting.report import Window, county_trajectory
from rus.timeline.history import History
from rus.timeline.transitions import check_transitions
from rus.writing.editing import record_meeting
from tests.conftest import BASE
from tests.edit_helpers import git, plans_repo


def test_revisions_compare_as_numbers() -> None:
    names = ["2026-10", "2026-2", "2025-2", "2026-1", "2026-3"]
    assert sorted(names, key=revision_key) == ["2025-2", "2026-1", "2026-2", "2026-3", "2026-10"]
    assert latest(names) == "2026-10"
    assert parse_revision("2026-10") > parse_revision("2026-9")
    assert str(RevisionId(2026, 3)) == "2026-3"


@pytest.mark.parametrize("text", ["2026-0", "2026-01", "26-1", "2026-1a", "2026-", "2026-1000"])
def test_what_is_not_a_revision(text: str) -> None:
    assert not is_revision(text)
    with pytest.raises(ValueError):
        parse_revision(text)


def test_a_third_revision_is_a_revision_but_not_an_indicator_period() -> None:
    assert is_revision("2026-3") and not is_period("2026-3")
    assert is_period("2026-2")
    with pytest.raises(ValidationError):
        Actual.model_validate({"period": "2026-3", "value": 1.0})
    assert half_of("2026-1") == "2026-1"
    assert half_of("2026-3") == "2026-2"


def test_an_actual_is_judged_against_the_half_year_the_revision_reports_on() -> None:
    assert not period_after_revision("2026-2", "2026-3")
    assert not period_after_revision("2026-2", "2026-2")
    assert period_after_revision("2026-2", "2026-1")
    assert period_after_revision("2027-1", "2026-10")


@pytest.mark.parametrize(
    ("revision", "meeting", "fits"),
    [
        ("2026-1", date(2026, 3, 10), True),
        ("2026-2", date(2026, 10, 8), True),
        ("2026-2", date(2026, 5, 20), True),  # a second spring revision
        ("2026-3", date(2026, 11, 30), True),  # a third revision in the year
        ("2026-1", date(2026, 10, 8), False),  # an autumn meeting is at least the year's second
        ("2027-2", date(2026, 10, 8), False),  # numbered within the meeting's year
        ("2025-2", date(2026, 3, 10), False),
    ],
)
def test_a_revision_fits_its_meeting(revision: str, meeting: date, fits: bool) -> None:
    assert fits_meeting(revision, meeting) is fits


def test_the_revision_a_meeting_gives() -> None:
    assert expected_for_meeting(date(2026, 3, 1)) == "2026-1"
    assert expected_for_meeting(date(2026, 9, 1)) == "2026-2"
    assert expected_for_meeting(date(2026, 9, 1), "2026-1") == "2026-2"
    assert expected_for_meeting(date(2026, 11, 1), "2026-2") == "2026-3"
    assert expected_for_meeting(date(2027, 2, 1), "2026-3") == "2027-1"
    assert next_revision("2026-2") == "2026-3"
    assert next_revision("2026-2", date(2027, 1, 15)) == "2027-1"
    assert next_revision("2026-9") == "2026-10"


def test_a_window_holds_a_third_revision_of_its_year() -> None:
    window = Window.for_year(2026)
    assert window.contains("2026-3") and window.contains("2026-10")
    assert window.before("2025-3") and window.after("2027-1")
    assert not window.contains("2027-1")


def test_indicator_actuals_in_period_order() -> None:
    from rus.plans.models import Indicator

    indicator = Indicator.model_validate({
        "id": "UPP-I1", "goal": "UPP-M1", "name": "n", "kind": "result", "unit": "u",
        "baseline": {"value": 1.0, "year": 2024}, "target": {"value": 2.0, "year": 2028},
        "actuals": [{"period": "2026-2", "value": 3.0}, {"period": "2025-2", "value": 2.0}, {"period": "2026-1", "value": 2.5}],
    })
    assert [p.period for p in county_trajectory(indicator, "2026-1")] == ["2025-2", "2026-1"]


def _plan_with(tmp_path: Path, revision: str, meeting: str) -> Path:
    folder = tmp_path / "plans"
    shutil.copytree(BASE, folder)
    plan = folder / "upplevelser.yaml"
    text = plan.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^revision: .*$", f"revision: {revision}", text)
    text = re.sub(r"(?m)^  date: 2026-10-08$", f"  date: {meeting}", text)
    plan.write_text(text, encoding="utf-8")
    return folder


def test_a_third_revision_in_a_year_validates_without_findings(tmp_path: Path) -> None:
    folder = _plan_with(tmp_path, "2026-3", "2026-11-30")
    assert [d.code for d in validate_paths([folder]).diagnostics] == []


def test_an_autumn_meeting_with_the_spring_revision_is_r013(tmp_path: Path) -> None:
    folder = _plan_with(tmp_path, "2026-1", "2026-10-08")
    codes = [(d.code, d.params.get("expected")) for d in validate_paths([folder]).diagnostics]
    # the base plan's autumn actual (2026-2) is also later than a spring revision
    assert ("R013", "2026-2") in codes and ("R006", None) in codes


def test_recording_a_meeting_keeps_a_fitting_revision_and_otherwise_takes_the_next(tmp_path: Path) -> None:
    folder = _plan_with(tmp_path, "2026-2", "2026-10-08")
    plan = folder / "upplevelser.yaml"
    record_meeting(folder, "upplevelser", when=date(2026, 10, 9), place="Åre", participants=["rjh"])
    assert "revision: 2026-2\n" in plan.read_text(encoding="utf-8")
    record_meeting(folder, "upplevelser", when=date(2027, 3, 2), place="Åre", participants=["rjh"])
    assert "revision: 2027-1\n" in plan.read_text(encoding="utf-8")
    record_meeting(folder, "upplevelser", when=date(2027, 11, 2), place="Åre", participants=["rjh"], revision="2027-3")
    assert "revision: 2027-3\n" in plan.read_text(encoding="utf-8")


def test_recorded_revisions_sort_as_numbers_and_a_lowered_revision_is_h006(tmp_path: Path) -> None:
    root = plans_repo(tmp_path, BASE)
    plan = root / "plans" / "upplevelser.yaml"
    text = plan.read_text(encoding="utf-8")
    for number in (2, 10, 9):
        plan.write_text(text.replace("revision: 2026-2", f"revision: 2026-{number}"), encoding="utf-8")
        git(root, "commit", "-q", "--allow-empty", "-am", f"revision {number}")
        git(root, "tag", "-a", f"upplevelser/2026-{number}", "-m", f"2026-{number}")
    with History(root) as history:
        assert [t.revision for t in history.revision_tags()] == ["2026-2", "2026-9", "2026-10"]
    plan.write_text(text.replace("revision: 2026-2", "revision: 2026-3"), encoding="utf-8")
    found = check_transitions(root, "upplevelser/2026-10", [root / "plans"])
    assert [(d.code, d.params["old"], d.params["new"]) for d in found] == [("H006", "2026-10", "2026-3")]
