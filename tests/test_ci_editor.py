"""The VS Code settings binding schemas/ to the plans, and what the editor gets from them."""

from __future__ import annotations

import json
import re
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from rus.base.vocab import Area
from rus.plans.source import Source, parse_text
from tests.ci_helpers import ACTORS, INVALID_PLAN, PLAN

PROJECT = Path(__file__).resolve().parents[1]
SETTINGS = PROJECT / ".vscode" / "settings.json"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def bindings() -> dict[str, list[str]]:
    """The ``yaml.schemas`` setting: schema path to the globs of the files it applies to."""
    settings = json.loads(SETTINGS.read_text(encoding="utf-8"))
    return {
        schema: globs if isinstance(globs, list) else [globs]
        for schema, globs in settings["yaml.schemas"].items()
    }


def schemas_for(path: str) -> list[str]:
    return [
        schema for schema, globs in bindings().items() if any(fnmatchcase(path, g) for g in globs)
    ]


def test_every_plan_file_gets_exactly_one_schema() -> None:
    for area in Area:
        assert schemas_for(f"plans/{area.value}.yaml") == ["./schemas/plan.schema.json"]
    assert schemas_for("plans/actors.yaml") == ["./schemas/actors.schema.json"]
    for schema in bindings():
        assert (PROJECT / schema).is_file()


def test_the_docs_show_the_settings_as_they_are() -> None:
    docs = (PROJECT / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)```", docs, flags=re.DOTALL)
    shown = [json.loads(block) for block in blocks if '"yaml.schemas"' in block]
    assert shown, "docs/ci.md shows no yaml.schemas snippet"
    assert (
        shown[0]["yaml.schemas"] == json.loads(SETTINGS.read_text(encoding="utf-8"))["yaml.schemas"]
    )


def test_the_bundled_plans_carry_a_modeline_that_agrees_with_the_settings() -> None:
    for path in sorted((PROJECT / "plans").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = MODELINE.match(first)
        assert match, f"{path.name} has no yaml-language-server modeline"
        target = (path.parent / match[1]).resolve()
        assert target.is_file()
        bound = schemas_for(f"plans/{path.name}")
        assert [(PROJECT / s).resolve() for s in bound] == [target]


def _schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PROJECT / "schemas" / name).read_text(encoding="utf-8"))
    return data


def _as_editor_reads(text: str) -> Any:
    """The values of a YAML text as the editor's language server sees them (dates are strings)."""
    return parse_text(text, Source("plan.yaml")).data


def test_the_schemas_give_swedish_help() -> None:
    plan = _schema("plan.schema.json")
    assert plan["title"] == "Handlingsplan"
    assert plan["properties"]["revision"]["description"].startswith("ÅÅÅÅ-1 (vår)")


@pytest.mark.parametrize(
    ("name", "text", "valid"),
    [
        ("plan.schema.json", PLAN, True),
        ("plan.schema.json", INVALID_PLAN, False),
        ("actors.schema.json", ACTORS, True),
    ],
)
def test_the_editor_flags_what_the_schema_forbids(name: str, text: str, valid: bool) -> None:
    schema = _schema(name)
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = list(validator.iter_errors(_as_editor_reads(text)))
    assert (errors == []) is valid, [e.message for e in errors]
    if not valid:
        assert any("plannned" in e.message for e in errors)
