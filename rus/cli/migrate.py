"""``rus migrate``: upgrade plan files, the actor registry and the region file to the current edition."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rus.base.codes import N_, NP_
from rus.base.errors import ExitCode
from rus.base.i18n import Counted, plural
from rus.cli import LangOption, _, app, choose_lang, console, handled


@app.command("migrate", help=_("Upgrade plan files, the actor registry and the region file to the current edition of their format, keeping every comment."))
def migrate_command(
    paths: Annotated[list[Path] | None, typer.Argument(metavar=_("PATH"), help=_("Files or folders (default: plans/ of the repository you stand in, and its region file)."), show_default=False)] = None,
    check: Annotated[bool, typer.Option("--check", help=_("Change nothing; list the files of an older edition and exit 1 if there are any (for CI)."))] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", "-n", help=_("Show the changes as a diff without writing them."))] = False,
    lang: LangOption = None,
) -> None:
    """Upgrade files to the current edition of their format, keeping every comment."""
    language = choose_lang(lang)
    with handled(language):
        from rus.base.workspace import find_root
        from rus.cli.edit import _diff, _t, _targets
        from rus.plans.editions import CURRENT_EDITION
        from rus.writing.migration import migrate_paths

        targets = _targets(paths)
        outcomes = migrate_paths(targets, dry_run=check or dry_run, display_root=find_root(Path.cwd()) or Path.cwd())
        out, err = console(), console(stderr=True)
        failed = False
        for outcome in outcomes:
            if outcome.error is not None:
                failed = True
                err.print(_t("rus: {error}", language, error=outcome.error.message(language)), soft_wrap=True, markup=False)
                continue
            if outcome.newer:
                failed = True
                err.print(_t(N_("{path} is of edition {found}, newer than this version of rus writes ({current}); it was left as it is"),
                             language, path=outcome.display, found=outcome.before_edition, current=CURRENT_EDITION),
                          soft_wrap=True, markup=False)
                continue
            if not outcome.changed:
                continue
            failed = failed or check
            heading = (N_("{path} would be migrated from edition {old} to {new}:") if check or dry_run
                       else N_("{path} migrated from edition {old} to {new}:"))
            out.print(_t(heading, language, path=outcome.display, old=outcome.before_edition, new=outcome.after_edition),
                      soft_wrap=True, markup=False)
            for message, params in outcome.changes:
                out.print("  - " + _t(message, language, **params), soft_wrap=True, markup=False)
            if dry_run:
                _diff(outcome.diff())
        changed = sum(1 for o in outcomes if o.changed and o.error is None)
        current = sum(1 for o in outcomes if not o.changed and o.error is None and not o.newer and o.kind is not None)
        done = (Counted(changed, *NP_("{n} file would be migrated", "{n} files would be migrated")) if check or dry_run
                else Counted(changed, *NP_("{n} file migrated", "{n} files migrated")))
        kept = plural(current, *NP_("{n} file already of edition {edition}", "{n} files already of edition {edition}"), language,
                      edition=CURRENT_EDITION)
        err.print(_t(N_("{changed}, {unchanged}"), language, changed=done, unchanged=kept), soft_wrap=True, markup=False)
        if failed:
            raise typer.Exit(int(ExitCode.FINDINGS))
