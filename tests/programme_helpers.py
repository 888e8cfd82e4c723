"""The programme file's data-driven fixtures: a valid set (registry, plan, programme) and invalid variants."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import FIXTURES

PROGRAMME = FIXTURES / "programme"
INVALID = PROGRAMME / "invalid"


def fixture_set(target: Path, variant: str | None = None) -> Path:
    """The valid set in ``target``, with one invalid variant put in place.

    ``NAME.yaml`` replaces the programme file; ``NAME.actors.yaml`` the registry; ``NAME.alone.yaml``
    is the programme file with no plan beside it; ``NAME.second.yaml`` is a second programme file.
    """
    target.mkdir(parents=True, exist_ok=True)
    for name in ("actors.yaml", "upplevelser.yaml", "programme.yaml"):
        shutil.copy(PROGRAMME / name, target / name)
    if variant is None:
        return target
    source = INVALID / variant
    if variant.endswith(".actors.yaml"):
        shutil.copy(source, target / "actors.yaml")
    elif variant.endswith(".alone.yaml"):
        (target / "upplevelser.yaml").unlink()
        shutil.copy(source, target / "programme.yaml")
    elif variant.endswith(".second.yaml"):
        shutil.copy(source, target / "second-programme.yaml")
    else:
        shutil.copy(source, target / "programme.yaml")
    return target
