"""Start-up of the model: validators built when first used, annotations not evaluated from their text."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

import rus.plans.models as models
from rus.plans.models import Model


def test_a_model_is_built_when_first_used() -> None:
    class Probe(Model):
        name: str

    assert Probe.__pydantic_complete__ is False
    assert Probe.model_validate({"name": "x"}).name == "x"
    assert Probe.__pydantic_complete__ is True
    with pytest.raises(ValidationError):
        Probe.model_validate({"name": "x", "nme": "y"})  # still strict about unknown keys


def test_the_models_annotations_are_not_text() -> None:
    # pydantic evaluates text annotations (``from __future__ import annotations``) when each class is
    # made: about 50 ms of every start that loads the model
    for name in ("Plan", "Activity", "ActorRegistry", "ProgrammeFile"):
        model = getattr(models, name)
        assert model.__annotations__
        assert not any(isinstance(annotation, str) for annotation in model.__annotations__.values()), name
