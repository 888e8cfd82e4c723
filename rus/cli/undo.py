"""``rus undo``: undo the last ``rus commit`` with a new commit, after showing what it undoes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from rus.base.codes import N_
from rus.base.i18n import translate
from rus.cli import LangOption, _, app, choose_lang, console, handled

_YES = frozenset({"j", "ja", "y", "yes"})


@app.command("undo", help=_("Undo the last `rus commit` with a new commit that puts the plan files back (history is never rewritten)."))
def undo_command(
    yes: Annotated[bool, typer.Option("--yes", "-y", help=_("Do not ask before undoing."))] = False,
    lang: LangOption = None,
) -> None:
    """Undo the last ``rus commit`` with a new commit that puts the plan files back."""
    language = choose_lang(lang)
    with handled(language):
        from rus.actions.undo import last_commit, undo

        target = last_commit(Path.cwd())
        out, err = console(), console(stderr=True)
        out.print(translate(N_("The last commit ({commit}):"), language).format(commit=target.commit[:7]), soft_wrap=True, markup=False)
        for line in target.message.rstrip().splitlines():
            out.print(f"  {line}", soft_wrap=True, markup=False)
        out.print(translate(N_("Files it changed:"), language), soft_wrap=True, markup=False)
        for path in target.paths:
            out.print(f"  {path}", soft_wrap=True, markup=False)
        if not yes:
            if not sys.stdin.isatty():
                from rus.base.errors import UsageError

                raise UsageError(N_("`rus undo` asks before it undoes anything"),
                                 N_("Run it in a terminal to be asked, or give --yes."))
            question = translate(N_("Undo this commit with a new commit? (yes/no)"), language)
            answer = str(typer.prompt(question, default="", show_default=False)).strip().lower()
            if answer not in _YES:
                err.print(translate(N_("Nothing was undone."), language), soft_wrap=True, markup=False)
                return
        done = undo(Path.cwd(), target.commit, language)
        out.print(translate(N_("Undone with the new commit {commit}; the plan files are as they were before {reverted}."), language)
                  .format(commit=done.commit[:7], reverted=target.commit[:7]), soft_wrap=True, markup=False)
