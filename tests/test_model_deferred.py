"""The models' validators are built when first used, not when the model module is imported (start-up)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from rus.plans.models import Model


def test_a_model_is_built_when_first_used() -> None:
    class Probe(Model):
        name: str

    assert Probe.__pydantic_complete__ is False
    assert Probe.model_validate({"name": "x"}).name == "x"
    assert Probe.__pydantic_complete__ is True
    with pytest.raises(ValidationError):
        Probe.model_validate({"name": "x", "nme": "y"})  # still strict about unknown keys
