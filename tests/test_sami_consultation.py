"""The second edition's Sámi consultation, evaluations, the meeting's learning cycle and the review
of governing documents: the rules R030-R039 beyond their fixtures, the tool's election dates, and
the edition 1 -> 2 step that moves the old ``sami:`` consultation keys."""

from __future__ import annotations

import io
import itertools
from datetime import date
from typing import Any

import pytest
from ruamel.yaml import YAML

from rus.plans.elections import GENERAL_ELECTIONS, last_full_term
from rus.plans.sami_upgrade import upgrade_sami_consultations
from rus.plans.validation import validate_texts
from tests.conftest import BASE


def _codes(plan: str) -> list[tuple[int, str]]:
    texts = {"actors.yaml": (BASE / "actors.yaml").read_text(encoding="utf-8"), "upplevelser.yaml": plan}
    return [(d.line, d.code) for d in validate_texts(texts).diagnostics]


def _base() -> str:
    return (BASE / "upplevelser.yaml").read_text(encoding="utf-8")


# --- the Swedish general elections ---------------------------------------------------------------


def test_elections_are_the_second_sunday_of_september_every_four_years() -> None:
    for day in GENERAL_ELECTIONS:
        assert day.month == 9 and day.weekday() == 6 and 8 <= day.day <= 14
    assert [b.year - a.year for a, b in itertools.pairwise(GENERAL_ELECTIONS)] == [4, 4]
    assert date(2026, 9, 13) in GENERAL_ELECTIONS


def test_the_last_full_term_is_judged_at_the_plans_date_not_today() -> None:
    assert last_full_term(date(2026, 9, 12)) == (date(2018, 9, 9), date(2022, 9, 11))
    assert last_full_term(date(2026, 9, 13)) == (date(2022, 9, 11), date(2026, 9, 13))
    assert last_full_term(date(2020, 1, 1)) is None  # before the list reaches back a full term


# --- R038: governing documents reviewed once per term of office ---------------------------------

_DOCUMENT = "vision: En levande destination året runt.\ndocuments:\n  - title: Regional utvecklingsstrategi\n{dates}"


@pytest.mark.parametrize(("dates", "meeting", "warned"), [
    ("    adopted: 2021-02-17\n", "2026-10-08", True),  # not reviewed in the term 2022-2026
    ("    adopted: 2021-02-17\n    reviewed: 2023-05-10\n", "2026-10-08", False),
    ("    adopted: 2023-01-20\n", "2026-10-08", False),  # adopted during the term
    ("    adopted: 2021-02-17\n", "2026-06-30", False),  # the term 2018-2022 saw its adoption
    ("", "2026-10-08", False),  # no date: nothing to judge
])
def test_a_document_not_reviewed_in_the_last_full_term_is_a_warning(dates: str, meeting: str, warned: bool) -> None:
    plan = _base().replace("vision: En levande destination året runt.\n", _DOCUMENT.format(dates=dates))
    plan = plan.replace("  date: 2026-10-08\n", f"  date: {meeting}\n").replace("revision: 2026-2", f"revision: 2026-{1 if meeting < '2026-07' else 2}")
    assert ("R038" in [code for _, code in _codes(plan)]) is warned


# --- R030: consultation before an activity of particular importance starts ----------------------


def test_no_consultation_is_asked_of_an_activity_started_before_the_law_bound_regions() -> None:
    without = _base().replace("    form: statutory\n", "    form: dialogue\n")
    assert [code for _, code in _codes(without)] == ["R030"]
    # regions and municipalities are bound from 2024-03-01 (Lag 2022:69)
    earlier = without.replace("      start: 2026-01-01\n", "      start: 2024-02-29\n")
    assert _codes(earlier) == []


def test_an_ongoing_consultation_does_not_document_a_started_activity() -> None:
    ongoing = _base().replace("    outcome: agreement\n", "    outcome: ongoing\n").replace("    concluded: 2026-04-20\n", "")
    assert [code for _, code in _codes(ongoing)] == ["R030"]


def test_a_planned_activity_needs_no_consultation_yet() -> None:
    planned = _base().replace("    form: statutory\n", "    form: dialogue\n").replace("    status: ongoing\n", "    status: planned\n", 1)
    assert [code for _, code in _codes(planned)] == []


def test_a_broken_consultation_record_does_not_claim_a_missing_consultation() -> None:
    broken = _base().replace("    outcome: agreement\n", "    outcome: agreed\n")
    assert [code for _, code in _codes(broken)] == ["S003"]  # not R030 besides: the record may be the one


# --- R037: a change made in the evaluated plan's own revision ------------------------------------

_EVALUATION = """evaluations:
  - id: UPP-U1
    kind: effect
    evaluator_name: Utvärderingsbyrån AB
    date: {date}
    findings: Lederna används mest av besökare från Åre.
    changes:
      - activity: UPP-001
        revision: 2026-2
        description: Två sträckor flyttades.
"""


@pytest.mark.parametrize(("evaluated", "codes"), [("2026-09-01", []), ("2026-10-08", []), ("2026-10-20", ["R037"])])
def test_a_change_in_this_revision_follows_an_evaluation_reported_before_its_meeting(evaluated: str, codes: list[str]) -> None:
    plan = _base() + _EVALUATION.format(date=evaluated)  # the meeting of revision 2026-2 is on 2026-10-08
    assert [code for _, code in _codes(plan)] == codes


# --- the edition 1 -> 2 step ---------------------------------------------------------------------

_OLD = """\
area: upplevelser
activities:
  - id: UPP-001
    sami:
      relevance: direct
      consulted:
        - mittadalens-sameby
      consultation: >-
        Samråd med samebyn
        den 4 mars.
      consulted_on: 2025-03-04
    # Målkonflikter: mellan vilka intressen
    goal_conflicts: []
  - id: UPP-002
    sami:
      relevance: none
      consulted: []  # ingen
  - id: UPP-003
    sami:
      relevance: indirect
      consultation: Informerades per brev.
"""


def test_the_upgrade_moves_old_consultations_to_records_on_a_dict() -> None:
    import yaml

    data: dict[str, Any] = yaml.safe_load(_OLD)
    changes = upgrade_sami_consultations(data)
    assert data["activities"][0]["sami"] == {"relevance": "direct"}
    assert data["activities"][1]["sami"] == {"relevance": "none"}
    assert data["consultations"] == [
        {"id": "UPP-K1", "form": "dialogue", "activities": ["UPP-001"], "actors": ["mittadalens-sameby"],
         "date": date(2025, 3, 4), "notes": "Samråd med samebyn den 4 mars."},
        {"id": "UPP-K2", "form": "dialogue", "activities": ["UPP-003"], "notes": "Informerades per brev."},
    ]
    assert list(data) == ["area", "activities", "consultations"]  # at the end of the plan
    assert [(params["activity"], params.get("id")) for _, params in changes] == [("UPP-001", "UPP-K1"), ("UPP-002", None), ("UPP-003", "UPP-K2")]
    assert all(message.startswith("{activity}: ") for message, _ in changes)
    assert upgrade_sami_consultations(data) == []  # a second run changes nothing


def test_the_upgrade_keeps_the_comments_of_a_ruamel_document() -> None:
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(_OLD)
    upgrade_sami_consultations(data)
    out = io.StringIO()
    yaml.dump(data, out)
    text = out.getvalue()
    assert "      relevance: direct\n    # Målkonflikter: mellan vilka intressen\n    goal_conflicts: []\n" in text
    assert "# ingen" not in text  # the end-of-line comment went with its key
    assert "consultations:\n  - id: UPP-K1\n    form: dialogue\n" in text
    assert "consulted" not in text.replace("consultations", "")


def test_the_upgrade_does_not_guess_an_activity_it_cannot_name() -> None:
    data: dict[str, Any] = {"activities": [{"id": "upp 1", "sami": {"relevance": "direct", "consulted": ["sametinget"]}}]}
    changes = upgrade_sami_consultations(data)
    assert data["activities"][0]["sami"]["consulted"] == ["sametinget"] and "consultations" not in data
    assert [params for _, params in changes] == [{"activity": "upp 1"}]


def test_record_numbers_continue_after_existing_records() -> None:
    data: dict[str, Any] = {
        "activities": [{"id": "UPP-004", "sami": {"relevance": "direct", "consulted_on": "2025-01-02"}}],
        "consultations": [{"id": "UPP-K1", "form": "statutory"}],
    }
    upgrade_sami_consultations(data)
    assert [c["id"] for c in data["consultations"]] == ["UPP-K1", "UPP-K2"]


# --- rus meeting record: the steps of the new meeting ------------------------------------------


def test_a_recorded_meeting_states_its_own_steps(base_plans: Any) -> None:
    from rus.writing.editing import record_meeting

    plan = base_plans / "upplevelser.yaml"
    record_meeting(base_plans, "upplevelser", when=date(2027, 3, 12), place="Östersund", participants=["rjh"],
                   cycle=["analysis", "prioritisation", "analysis"])
    assert "  cycle:\n    - analysis\n    - prioritisation\n" in plan.read_text(encoding="utf-8")
    # a later meeting without steps does not inherit the earlier meeting's
    record_meeting(base_plans, "upplevelser", when=date(2027, 9, 20), place="Åre", participants=["rjh"])
    text = plan.read_text(encoding="utf-8")
    assert "cycle" not in text.split("vision:")[0]
    assert [code for _, code in _codes(text)] == ["R039"]


def test_an_unknown_step_is_refused_by_its_option(base_plans: Any) -> None:
    from typer.testing import CliRunner

    from rus.cli import app

    before = (base_plans / "upplevelser.yaml").read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["meeting", "record", "UPP", "--date", "2027-03-12", "--place", "Åre", "--participant", "rjh",
                                      "--cycle", "prioritisering", "--plans", str(base_plans), "--lang", "sv"])
    assert result.exit_code == 2, result.exception  # a usage error, not a traceback
    assert "`prioritisering` är inte ett tillåtet värde för --cycle" in result.stderr
    assert (base_plans / "upplevelser.yaml").read_text(encoding="utf-8") == before
    done = CliRunner().invoke(app, ["meeting", "record", "UPP", "--date", "2027-03-12", "--place", "Åre", "--participant", "rjh",
                                    "--cycle", "Prioritering", "--cycle", "analys", "--plans", str(base_plans)])
    assert done.exit_code == 0, done.stderr
    assert "  cycle:\n    - prioritisation\n    - analysis\n" in (base_plans / "upplevelser.yaml").read_text(encoding="utf-8")
