"""``rus schema``: write the JSON Schemas in schemas/, or check that they are up to date."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rus.base.codes import N_
from rus.base.errors import ExitCode
from rus.base.i18n import translate
from rus.cli import LangOption, _, app, choose_lang, console, handled


@app.command(help=_("Generate the JSON Schemas for plan files and the actor registry from the models."))
def schema(
    check: Annotated[bool, typer.Option("--check", help=_("Do not write; exit 1 when a schema file is missing or stale."))] = False,
    directory: Annotated[Path | None, typer.Option("--dir", help=_("Folder of the schema files (default: schemas/ of the repository)."))] = None,
    lang: LangOption = None,
) -> None:
    """Generate the JSON Schemas for plan files and the actor registry from the models."""
    language = choose_lang(lang)
    with handled(language):
        from rus.base.workspace import SCHEMAS_DIR, project_root
        from rus.plans.schema import schema_files, write_schemas

        target = directory or project_root(Path.cwd()) / SCHEMAS_DIR
        out = console()
        if check:
            stale = [item for item in schema_files(target) if item.stale]
            for item in stale:
                out.print(translate(N_("stale: {path}"), language).format(path=item.path), soft_wrap=True)
            if stale:
                out.print(translate(N_("Run `rus schema` to regenerate the schemas."), language))
                raise typer.Exit(int(ExitCode.FINDINGS))
            out.print(translate(N_("The schemas are up to date."), language))
            return
        written = write_schemas(target)
        for path in written:
            out.print(translate(N_("wrote {path}"), language).format(path=path), soft_wrap=True)
        if not written:
            out.print(translate(N_("The schemas are up to date."), language))
