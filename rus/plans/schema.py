"""JSON Schema (draft 2020-12) for plan files, the actor registry and the region file, from the models.

The plan and registry schemas hold the active region's values (areas, municipalities, …), so
``rus schema`` writes the schemas of the repository's own region.

Enum values get their Swedish and English labels in the schema (``x-labels``, and VS Code's
``markdownEnumDescriptions``), so an editor with the YAML language server shows Swedish help.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from rus.base.vocab import LABELS, VOCAB_TITLES, Vocab
from rus.base.workspace import Boundary
from rus.plans import models, region
from rus.plans.models import ActorRegistry, Plan, ProgrammeFile
from rus.plans.region import Region

_MODELS: dict[str, type[BaseModel]] = {
    cls.__name__: cls
    for module in (models, region)
    for cls in vars(module).values()
    if isinstance(cls, type) and issubclass(cls, models.Model)
}
DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILES: dict[str, type[BaseModel]] = {
    "plan.schema.json": Plan,
    "actors.schema.json": ActorRegistry,
    "programme.schema.json": ProgrammeFile,
    "region.schema.json": Region,
}
_BASE_ID = "https://github.com/regionjh/rus/schemas/"


class _Generator(GenerateJsonSchema):
    """Pydantic's generator, with the dialect declared and enum values labelled in both languages."""

    def enum_schema(self, schema: core_schema.EnumSchema) -> JsonSchemaValue:
        result = super().enum_schema(schema)
        cls: type[Enum] = schema["cls"]
        if issubclass(cls, Vocab):
            members = list(cls)
            result["x-labels"] = {
                m.value: {"sv": LABELS[m].sv, "en": LABELS[m].en} for m in members
            }
            result["markdownEnumDescriptions"] = [
                f"**{LABELS[m].sv}** ({LABELS[m].en})"
                + (f" — {LABELS[m].sv_desc}" if LABELS[m].sv_desc else "")
                for m in members
            ]
        return result

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        result = super().model_schema(schema)
        cls = schema["cls"]
        swedish = getattr(cls, "SV", None)
        target = result
        if "$ref" in result and self.definitions:
            target = self.definitions.get(result["$ref"].split("/")[-1], result)
        if swedish is not None:
            target["title"] = swedish[0]
            target["description"] = f"{swedish[1]}\n\n{(cls.__doc__ or '').strip()}"
            target["x-model"] = cls.__name__
        return result

    def generate(self, schema: core_schema.CoreSchema, mode: Any = "validation") -> JsonSchemaValue:
        result = super().generate(schema, mode=mode)
        vocabularies = {cls.__name__: title for cls, title in VOCAB_TITLES.items()}
        for name, definition in [("", result), *result.get("$defs", {}).items()]:
            model = _MODELS.get(name or result.get("x-model", ""))
            if model is None:
                continue
            for key, prop in definition.get("properties", {}).items():
                info = model.model_fields.get(key)
                # pydantic leaves the title out next to a $ref; editors need it there
                if info is not None and info.title and "title" not in prop:
                    prop["title"] = info.title
        for name, definition in result.get("$defs", {}).items():
            if name in vocabularies:
                title = vocabularies[name]
                definition["title"] = title.sv
                definition["description"] = f"{title.sv}\n\n{title.en}: {definition.get('description', '')}"
                definition["x-title-en"] = title.en
        return {"$schema": DIALECT, **result}


def json_schema(model: type[BaseModel], file_name: str) -> dict[str, Any]:
    """The JSON Schema of a model, with its ``$id``."""
    schema = model.model_json_schema(schema_generator=_Generator)
    schema["$id"] = _BASE_ID + file_name
    return schema


def render(model: type[BaseModel], file_name: str) -> str:
    """The schema as the text committed to ``schemas/`` (stable key order, final newline)."""
    return json.dumps(json_schema(model, file_name), ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
class SchemaFile:
    """One schema file: where it goes, what it should hold, and whether it does."""

    path: Path
    expected: str
    current: str | None

    @property
    def stale(self) -> bool:
        """Whether the file on disk differs from what the models generate."""
        return self.current != self.expected


def schema_files(directory: Path) -> list[SchemaFile]:
    """The schema files of ``directory``, compared with what the models generate.

    A schema file (or the folder) that resolves out of the repository or into ``.git`` is neither
    read nor written: a :class:`~rus.base.errors.WriteError` names it. A dangling link counts too, since
    writing would create its target.
    """
    from rus.base.workspace import boundary_of

    boundary = boundary_of(directory)
    files = []
    for name, model in SCHEMA_FILES.items():
        path = directory / name
        _refuse_link_out(path, boundary)
        try:
            current: str | None = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            current = None
        files.append(SchemaFile(path, render(model, name), current))
    return files


def _refuse_link_out(path: Path, boundary: Boundary) -> None:
    from rus.base.codes import N_
    from rus.base.errors import WriteError
    from rus.base.workspace import leads_outside

    escape = leads_outside(path, boundary, writing=True)
    if escape is not None:
        raise WriteError(
            N_("{path} leads out of the repository (to {target}); rus schema neither reads nor writes it"),
            N_("Replace the link with a plain file, or remove it and run `rus schema` again."),
            path=str(path),
            target=escape.target,
        )


def write_schemas(directory: Path) -> list[Path]:
    """Write the schema files that are stale (atomically); return the paths written."""
    from rus.base.fileio import write_output

    written = []
    for item in schema_files(directory):
        if item.stale:
            write_output(item.path, item.expected, make_parents=True)
            written.append(item.path)
    return written
