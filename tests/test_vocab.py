"""The vocabularies: every value labelled in both languages, and the status transitions."""

from __future__ import annotations

import pytest

from rus.base.vocab import (
    AREA_PREFIX,
    FINAL_STATUSES,
    LABELS,
    MUNICIPALITY_INFO,
    TRANSITIONS,
    VOCAB_TITLES,
    VOCABULARIES,
    Area,
    LadderStep,
    Municipality,
    Status,
    Vocab,
    transition_allowed,
)


@pytest.mark.parametrize("vocab", VOCABULARIES, ids=lambda v: v.__name__)
def test_every_value_has_both_labels(vocab: type[Vocab]) -> None:
    for member in vocab:
        label = LABELS[member]
        assert label.sv.strip() and label.en.strip(), member
        assert member.value.isascii() and member.value == member.value.lower()
        assert " " not in member.value
    title = VOCAB_TITLES[vocab]
    assert title.sv and title.en


def test_statuses_are_the_documented_slugs() -> None:
    assert [s.value for s in Status] == ["idea", "planned", "ongoing", "paused", "completed", "cancelled"]


@pytest.mark.parametrize(
    ("old", "new", "allowed"),
    [
        ("idea", "planned", True),
        ("idea", "ongoing", False),
        ("planned", "ongoing", True),
        ("planned", "paused", False),
        ("ongoing", "paused", True),
        ("ongoing", "completed", True),
        ("paused", "ongoing", True),
        ("paused", "completed", False),
        ("completed", "ongoing", False),
        ("cancelled", "planned", False),
        ("ongoing", "ongoing", True),
    ],
)
def test_transitions(old: str, new: str, allowed: bool) -> None:
    assert transition_allowed(Status(old), Status(new)) is allowed


def test_final_statuses_have_no_way_out() -> None:
    for status in FINAL_STATUSES:
        assert TRANSITIONS[status] == frozenset()
    assert all(TRANSITIONS[s] for s in Status if s not in FINAL_STATUSES)


def test_municipalities() -> None:
    codes = {m: MUNICIPALITY_INFO[m].code for m in Municipality}
    assert codes[Municipality.OSTERSUND] == "2380"
    assert codes[Municipality.RAGUNDA] == "2303"
    assert MUNICIPALITY_INFO[Municipality.RAGUNDA].scb_code == "2303"  # the earlier name still answers
    assert len(set(codes.values())) == 8
    outside = {m for m in Municipality if not MUNICIPALITY_INFO[m].sami_area}
    assert outside == {Municipality.BRACKE, Municipality.RAGUNDA}
    assert Municipality.OSTERSUND.text("sv") == "Östersund"


def test_area_prefixes_are_distinct() -> None:
    assert set(AREA_PREFIX) == set(Area)
    assert len(set(AREA_PREFIX.values())) == 4


def test_ladder_ranks() -> None:
    assert [s.rank for s in LadderStep] == [1, 2, 3, 4]
    assert LadderStep.DOES.text("sv") == "Gör"


@pytest.mark.parametrize(
    ("old", "new", "reached"),
    [
        ("idea", "ongoing", True),
        ("planned", "completed", True),
        ("paused", "completed", True),
        ("planned", "idea", False),
        ("ongoing", "planned", False),
        ("completed", "ongoing", False),
        ("cancelled", "cancelled", True),
    ],
)
def test_reachable_between_revisions(old: str, new: str, reached: bool) -> None:
    from rus.base.vocab import transition_reachable

    assert transition_reachable(Status(old), Status(new)) is reached
