"""The tool understands Swedish: vocabulary values by their Swedish or English label, case- and
diacritic-insensitively, on the command line and (as a suggestion and a repair) in plan files."""

from __future__ import annotations

from pathlib import Path

import pytest

from rus.base.vocab import VOCABULARIES, LadderStep, Municipality, Phase, Status, fold, lookup
from rus.plans.validation import validate_texts
from rus.writing.fixing import fix_text
from tests.conftest import BASE, rus_in_process
from tests.edit_helpers import changed_lines, plans_repo

SV = {"RUS_LANG": "sv"}


@pytest.mark.parametrize(
    ("vocab", "typed", "expected"),
    [
        (Status, "pågående", Status.ONGOING),
        (Status, "PAGAENDE", Status.ONGOING),
        (Status, "Ongoing", Status.ONGOING),
        (Status, "idé", Status.IDEA),
        (Phase, "policy mix", Phase.POLICY_MIX),
        (Phase, "Utvärdering", Phase.EVALUATION),
        (LadderStep, "ser och hör", LadderStep.SEES_HEARS),
        (LadderStep, "sees_hears", LadderStep.SEES_HEARS),
        (Municipality, "Östersund", Municipality.OSTERSUND),
        (Municipality, "ÅRE", Municipality.ARE),
    ],
)
def test_lookup_by_slug_or_label(vocab: type, typed: str, expected: object) -> None:
    assert lookup(vocab, typed) is expected


def test_lookup_refuses_what_names_nothing() -> None:
    assert lookup(Status, "pågånde") is None
    assert lookup(Status, "") is None


def test_no_two_values_of_a_vocabulary_share_a_name() -> None:
    for vocab in VOCABULARIES:
        seen: dict[str, str] = {}
        for member in vocab:
            for name in {fold(member.value), fold(member.label.sv), fold(member.label.en)}:
                assert seen.setdefault(name, member.value) == member.value, (vocab.__name__, name)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return plans_repo(tmp_path)


def test_activity_status_takes_the_swedish_label(repo: Path) -> None:
    done = rus_in_process("activity", "status", "UPP-003", "pågående", cwd=repo, env=SV)
    assert done.returncode == 0, done.stderr
    assert changed_lines(repo) == (["    status: planned"], ["    status: ongoing"])
    # the confirmation speaks in labels, as status, diff and the report do
    assert "Status för UPP-003: Planerad → Pågående" in done.stdout


def test_a_misspelt_label_is_refused_with_the_swedish_values(repo: Path) -> None:
    done = rus_in_process("activity", "status", "UPP-003", "pågånde", cwd=repo, env=SV)
    assert done.returncode == 2
    assert "`pågånde` är inte ett tillåtet värde för STATUS" in done.stderr
    assert "Menade du pågående?" in done.stderr
    assert "idé, planerad, pågående, pausad, genomförd eller avbruten" in done.stderr
    assert changed_lines(repo) == ([], [])


def test_a_forbidden_transition_names_the_labels(repo: Path) -> None:
    done = rus_in_process("activity", "status", "UPP-003", "Pausad", cwd=repo, env=SV)
    assert done.returncode == 2
    assert "från planerad till pausad" in done.stderr
    assert "Tillåtet från planerad: pågående eller avbruten." in done.stderr


def test_activity_add_takes_labels_for_every_vocabulary_option(repo: Path) -> None:
    done = rus_in_process(
        "activity", "add", "Upplevelser", "--title", "Guidade turer", "--sub-area", "UPP-D1", "--start", "2027-02-01",
        "--phase", "Policymix", "--status", "Planerad", "--municipality", "Östersund", "--municipality", "åre",
        "--priority", "Utveckla styrkeområdena", "--social", "bidrar", "--economic", "Neutral",
        "--environmental", "okänt", "--sami", "indirekt", "--goal", "UPP-M1", "--lead", "rjh",
        cwd=repo, env=SV,
    )
    assert done.returncode == 0, done.stderr
    added = changed_lines(repo)[1]
    for line in ("    status: planned", "    phase: policy-mix", "      - ostersund", "      - are",
                 "      - strength-areas", "      social: contributes", "      economic: neutral",
                 "      environmental: unknown", "      relevance: indirect"):
        assert line in added, line


def test_activity_add_names_the_option_of_a_bad_value(repo: Path) -> None:
    done = rus_in_process(
        "activity", "add", "UPP", "--title", "X", "--sub-area", "UPP-D1", "--start", "2027-02-01",
        "--phase", "analys", "--social", "kanske", cwd=repo, env=SV,
    )
    assert done.returncode == 2
    assert "`kanske` är inte ett tillåtet värde för --social" in done.stderr
    assert "bidrar, neutral, risk eller okänt" in done.stderr


def test_activity_set_takes_a_label(repo: Path) -> None:
    done = rus_in_process("activity", "set", "UPP-003", "phase=Utvärdering", cwd=repo, env=SV)
    assert done.returncode == 0, done.stderr
    assert changed_lines(repo) == (["    phase: prioritisation"], ["    phase: evaluation"])


def test_actor_commands_take_labels(repo: Path) -> None:
    done = rus_in_process("actor", "add", "fjallbyn", "--name", "Fjällbyn ek. för.", "--helix", "Civilsamhälle",
                   "--municipality", "Härjedalen", "--step", "Upplevelser=ser och hör", cwd=repo, env=SV)
    assert done.returncode == 0, done.stderr
    added = changed_lines(repo)[1]
    assert "    helix: civil-society" in added and "    municipality: harjedalen" in added
    assert "      upplevelser: sees-hears" in added
    done = rus_in_process("actor", "step", "fjallbyn", "UPP", "Förstår", cwd=repo, env=SV)
    assert done.returncode == 0, done.stderr
    assert "fjallbyn står på steget Förstår för Upplevelser" in done.stdout


def test_area_options_take_labels(repo: Path) -> None:
    done = rus_in_process("status", "--area", "Hållbar energi", cwd=repo, env=SV)
    assert done.returncode in (0, 1), done.stderr
    done = rus_in_process("status", "--area", "hållbar enrgi", cwd=repo, env=SV)
    assert done.returncode == 2
    assert "Okänt styrkeområde `hållbar enrgi` (för --area)" in done.stderr and "Menade du Hållbar energi?" in done.stderr


# --- plan files: a label suggests the slug, and `rus fix` writes it ------------------------------


def _base_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in BASE.glob("*.yaml")}


def test_a_label_in_a_plan_suggests_its_slug_and_fix_repairs_it() -> None:
    texts = _base_texts()
    plan = texts["upplevelser.yaml"]
    assert "    status: ongoing\n" in plan
    texts["upplevelser.yaml"] = plan.replace("    status: ongoing\n", "    status: pågående\n", 1)
    found = [d for d in validate_texts(texts).diagnostics if d.code == "S003"]
    assert len(found) == 1
    assert found[0].hint("sv") == "Menade du `ongoing` (Pågående)?"
    fixed, repairs = fix_text(texts["upplevelser.yaml"], "upplevelser.yaml", {"actors.yaml": texts["actors.yaml"]})
    assert fixed == plan
    assert [(r.code, r.old, r.new) for r in repairs] == [("S003", "pågående", "ongoing")]


def test_a_swedish_key_name_suggests_the_key() -> None:
    texts = _base_texts()
    plan = texts["upplevelser.yaml"]
    assert "    priorities: [strength-areas]\n" in plan
    texts["upplevelser.yaml"] = plan.replace("    priorities: [strength-areas]\n", "    prioriteringar: [strength-areas]\n", 1)
    found = [d for d in validate_texts(texts).diagnostics if d.code == "S002"]
    assert [d.hint("sv") for d in found] == ["Menade du `priorities`?"]
    fixed, _ = fix_text(texts["upplevelser.yaml"], "upplevelser.yaml", {"actors.yaml": texts["actors.yaml"]})
    assert fixed == plan


@pytest.mark.parametrize(("written", "key"), [("kommuner", "municipalities"), ("Hållbarhet", "sustainability"),
                                               ("delomraden", None), ("ansvarig", "lead")])
def test_swedish_titles_name_keys(written: str, key: str | None) -> None:
    from rus.plans.loader import key_for_name
    from rus.plans.models import Activity

    assert key_for_name(Activity, written) == key
