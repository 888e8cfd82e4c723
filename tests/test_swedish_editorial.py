"""The editor's review of the Swedish added for the plan model's second edition and the report.

Lists in running text end with "och"; a hint that names values the facilitator must type in YAML
gives each value's Swedish label beside it; the report keeps konsultation (Lag 2022:66) and samråd
apart, since its Sámi section lists records of both forms.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rus.base.i18n import translate
from rus.base.vocab import NationalArea, Phase, SamiInterest, Vocab
from tests.conftest import REPO, rus_in_process

INVALID = REPO / "tests" / "fixtures" / "invalid"


def test_missing_keys_are_listed_with_och(tmp_path: Path) -> None:
    """R028 names the missing keys as a list ending in "och" ("and"), not joined by commas."""
    fixture = str(INVALID / "94-indicator-not-auditable.yaml")
    swedish = rus_in_process("validate", fixture, cwd=tmp_path, env={"RUS_LANG": "sv"}).stdout
    english = rus_in_process("validate", fixture, cwd=tmp_path, env={"RUS_LANG": "en"}).stdout
    assert "Indikatorn kan inte granskas: `method` och `frequency` saknas" in swedish
    assert "it lacks `method` and `frequency`" in english


HINTS: list[tuple[str, type[Vocab]]] = [
    ("List under `touches:` what it touches: land-and-water, reindeer-husbandry, culture, language, livelihoods or other.",
     SamiInterest),
    ("Add `cycle:` under `meeting:` with the steps: analysis, governance, vision, prioritisation, policy-mix, evaluation.",
     Phase),
    ("Add at least one of: equal-opportunities, skills, innovation, accessibility under `national_areas:`.",
     NationalArea),
]


@pytest.mark.parametrize(("msgid", "vocab"), HINTS, ids=["touches", "cycle", "national_areas"])
def test_a_hint_gives_the_swedish_label_beside_each_slug(msgid: str, vocab: type[Vocab]) -> None:
    hint = translate(msgid, "sv")
    assert hint != msgid
    for member in vocab:
        label = member.text("sv").lower()
        if label == member.value:
            assert re.search(rf"\b{re.escape(member.value)}\b", hint), member.value
            continue
        found = re.search(rf"\b{re.escape(member.value)} \(([^)]*)\)", hint)
        assert found is not None, f"{member.value} without its label in: {hint}"
        # the label, or its start (the national areas' labels end "i hela landet" in the hint's context)
        assert label.replace(" i hela landet", "").startswith(found.group(1)), (member.value, found.group(1))


@pytest.mark.parametrize(
    "msgid",
    [
        "Which activities affect Sámi conditions, and was there consultation?",
        "Affecting activities with no consultation recorded: {list}",
        "Activities affecting Sámi conditions: {count}; with a consultation recorded: {consulted}.",
        "Latest consultation",
    ],
)
def test_the_report_names_both_forms_of_sami_consultation(msgid: str) -> None:
    """The Sámi section counts consultations under the law and samråd alike: it must say both."""
    swedish = translate(msgid, "sv").lower()
    assert "konsultation" in swedish and "samråd" in swedish, swedish
