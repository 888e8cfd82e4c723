"""rus.plans.annotations: the one walker over the models' annotations, on the real models."""

from __future__ import annotations

from typing import Annotated, Any

import pytest
from pydantic import Field

from rus.base.vocab import Area, LadderStep, Priority, Status
from rus.plans.annotations import (
    annotation_at,
    inner_model,
    is_model,
    unwrap_annotation,
    walk_annotation,
)
from rus.plans.models import Activity, Actor, ActorRegistry, Funding, Meeting, Period, Plan
from rus.writing.values import EditError, field_annotation


def _annotation(model: Any, name: str) -> Any:
    return model.model_fields[name].annotation


def test_unwrap_strips_annotated_and_none_but_not_a_real_union() -> None:
    assert unwrap_annotation(Annotated[int | None, Field(ge=0)]) is int
    assert unwrap_annotation(Annotated[list[Status], "note"] | None) == list[Status]
    assert unwrap_annotation(int | str) == int | str


def test_the_walk_goes_through_lists_and_mappings_only_when_asked() -> None:
    nested = dict[Area, list[Period]] | None
    assert Period in list(walk_annotation(nested, dicts=True))
    assert Period not in list(walk_annotation(nested))
    assert Period not in list(walk_annotation(list[Period], lists=False))
    assert next(walk_annotation(list[Period])) == list[Period]  # each type before what it holds


def test_the_model_a_field_holds() -> None:
    assert inner_model(_annotation(Activity, "period")) is Period
    assert inner_model(_annotation(Activity, "funding")) is Funding
    assert inner_model(_annotation(Activity, "funding"), lists=False) is None
    assert inner_model(_annotation(Actor, "ladder")) is None  # a mapping of steps, no model
    assert inner_model(_annotation(Activity, "status")) is None
    assert is_model(Plan) and not is_model(Status) and not is_model(list[Plan])


def test_the_annotation_at_a_location() -> None:
    assert annotation_at(Plan, ("activities", 3, "status")) is Status
    assert annotation_at(Plan, ("activities", 0, "priorities", 1)) is Priority
    assert annotation_at(Plan, ("meeting",)) is Meeting
    assert annotation_at(ActorRegistry, ("actors", 0, "ladder", "upplevelser")) is LadderStep
    assert annotation_at(ActorRegistry, ("actors", 0, "ladder", "upplevelser", "[key]")) is Area
    assert annotation_at(Plan, ("activities", 0, "no-such-key")) is None
    assert annotation_at(Plan, ("revision", "deeper")) is None


def test_the_editor_names_fields_through_models_but_not_into_lists() -> None:
    annotation, models = field_annotation(Activity, ["period", "end"])
    assert models == [Activity, Period] and unwrap_annotation(annotation) is not None
    with pytest.raises(EditError) as raised:  # a field inside a list is not a field of the activity
        field_annotation(Activity, ["funding", "amount_sek"])
    assert raised.value.params["field"] == "funding.amount_sek"
