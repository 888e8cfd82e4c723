"""The JSON Schemas: in sync with the models, valid, and accepted by an independent validator."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from rus.cli import app
from rus.plans.schema import SCHEMA_FILES, schema_files
from tests.conftest import PLANS, REPO

SCHEMAS = REPO / "schemas"


def test_committed_schemas_are_in_sync() -> None:
    stale = [item.path.name for item in schema_files(SCHEMAS) if item.stale]
    assert stale == [], "run `rus schema` and commit schemas/"


def test_schema_check_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    monkeypatch.chdir(REPO)
    result = runner.invoke(app, ["schema", "--check"])
    assert result.exit_code == 0, result.output
    target = tmp_path / "schemas"
    result = runner.invoke(app, ["schema", "--check", "--dir", str(target)])
    assert result.exit_code == 1
    assert "stale" in result.output
    result = runner.invoke(app, ["schema", "--dir", str(target)])
    assert result.exit_code == 0
    assert sorted(p.name for p in target.iterdir()) == sorted(SCHEMA_FILES)
    assert runner.invoke(app, ["schema", "--check", "--dir", str(target)]).exit_code == 0


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_schema_is_valid_against_metaschema(name: str) -> None:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_schema_carries_swedish_help() -> None:
    schema = json.loads((SCHEMAS / "plan.schema.json").read_text(encoding="utf-8"))
    activity = schema["$defs"]["Activity"]
    assert activity["title"] == "Insats"
    assert activity["properties"]["status"]["title"] == "Status"
    assert schema["$defs"]["Status"]["x-labels"]["ongoing"] == {"sv": "Pågående", "en": "Ongoing"}
    for definition in schema["$defs"].values():
        assert definition.get("title"), definition
        for prop in definition.get("properties", {}).values():
            assert prop.get("title") and prop.get("x-title-en") and prop.get("description")


@pytest.mark.slow
def test_independent_validator_accepts_bundled_plans() -> None:
    exe = shutil.which("check-jsonschema")
    assert exe is not None, "check-jsonschema is part of the test extra"
    plans = sorted(p for p in PLANS.glob("*.yaml") if p.stem not in ("actors", "programme"))
    for schema, files in (("plan.schema.json", plans), ("actors.schema.json", [PLANS / "actors.yaml"]),
                          ("programme.schema.json", [PLANS / "programme.yaml"])):
        done = subprocess.run(
            [exe, "--schemafile", str(SCHEMAS / schema), *map(str, files)], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_independent_validator_rejects_what_rus_rejects(tmp_path: Path) -> None:
    exe = shutil.which("check-jsonschema")
    assert exe is not None
    bad = tmp_path / "upplevelser.yaml"
    bad.write_text((PLANS / "upplevelser.yaml").read_text(encoding="utf-8").replace("status: ongoing", "status: ongoign", 1), encoding="utf-8")
    done = subprocess.run([exe, "--schemafile", str(SCHEMAS / "plan.schema.json"), str(bad)], capture_output=True, text=True, check=False)
    assert done.returncode == 1
