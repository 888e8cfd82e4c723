"""The ``rus`` command line: a thin layer that parses arguments, calls the core and renders results.

Each command group lives in a module of its own and registers itself on :data:`app`. Errors of the
tool's job are turned into messages and exit codes in one place, :func:`handled`.

What it may import: every other package of rus (it is the top, docs/architecture.md); nothing
imports it but ``python -m rus``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rus.base.codes import N_
from rus.base.errors import EXIT_CODE_DOCS, ExitCode, NotFoundError, RusError
from rus.base.i18n import resolve_lang, translate
from rus.base.vocab import Lang
from rus.cli.coercion import install as _plain_values

if TYPE_CHECKING:
    from rich.console import Console

_plain_values()  # text and path options without pydantic: a quicker start


def _lang_in_argv(argv: list[str]) -> str | None:
    """The value of a ``--lang`` option on the command line, so that help follows it too."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None


#: The language of help texts: fixed when the command line is built (--lang, RUS_LANG or the locale).
HELP_LANG: Lang = resolve_lang(_lang_in_argv(sys.argv[1:]) if Path(sys.argv[0]).name in ("rus", "rus.exe") else None)


def _(message: str) -> str:
    """Translate a help text into the help language."""
    return translate(message, HELP_LANG)


def _epilog() -> str:
    lines = [_("Exit codes:")]
    lines += [f"{int(code)} {_(text)}" for code, text in EXIT_CODE_DOCS.items()]
    return "\n\n".join(lines)


app = typer.Typer(
    name="rus",
    help=_("Plans as code for regional development: check, compare and record the action plans of the smart specialisation programme."),
    epilog=_epilog(),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class State:
    """Options given before the command, shared by all commands."""

    debug: bool = False


STATE = State()


class Color(StrEnum):
    """When to colour the output."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


LangOption = Annotated[
    str | None,
    typer.Option("--lang", help=_("Language of messages: sv or en (default: RUS_LANG, else the locale, else en)."), metavar="sv|en"),
]
ColorOption = Annotated[Color, typer.Option("--color", help=_("Colour the output: auto, always or never (NO_COLOR is honoured)."))]


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    debug: Annotated[bool, typer.Option("--debug", help=_("Show the full traceback of an internal error."))] = False,
    version: Annotated[bool, typer.Option("--version", help=_("Show the version and exit."), is_eager=True)] = False,
) -> None:
    """Plans as code for regional development."""
    STATE.debug = debug or bool(os.environ.get("RUS_DEBUG"))
    if version:
        from rus import __version__

        typer.echo(f"rus {__version__}")
        raise typer.Exit(0)
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(0)


def choose_lang(option: str | None) -> Lang:
    """The language from an option value, the environment or the locale; a bad value is a usage error."""
    if option is not None and option.strip().lower()[:2] not in ("sv", "en"):
        message = translate(N_("Unknown language `{lang}`"), resolve_lang()).format(lang=option)
        hint = translate(N_("Use --lang sv or --lang en."), resolve_lang())
        raise typer.BadParameter(f"{message}. {hint}", param_hint="--lang")
    return resolve_lang(option)


def console(stderr: bool = False, color: Color = Color.AUTO) -> Console:
    """A rich console for stdout (results) or stderr (messages about the run)."""
    from rich.console import Console

    no_color = color is Color.NEVER or (color is Color.AUTO and bool(os.environ.get("NO_COLOR")))
    force = True if color is Color.ALWAYS else None
    return Console(stderr=stderr, no_color=no_color, force_terminal=force, highlight=False,
                   color_system="auto" if not no_color else None)


@contextmanager
def handled(lang: Lang) -> Iterator[None]:
    """Turn the tool's errors into a message on stderr and an exit code; hide internal tracebacks."""
    try:
        _require_working_folder()
        yield
    except typer.Exit:
        raise
    except RusError as exc:
        err = console(stderr=True)
        err.print(f"[bold red]rus:[/] {_escape(exc.message(lang))}", soft_wrap=True)
        hint = exc.hint(lang)
        if hint:
            err.print(f"[cyan]{_escape(translate(N_('hint'), lang))}:[/] {_escape(hint)}", soft_wrap=True)
        raise typer.Exit(int(exc.exit_code)) from None
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    except Exception as exc:
        if STATE.debug:
            raise
        err = console(stderr=True)
        message = translate(N_("internal error: {error}"), lang).format(error=f"{type(exc).__name__}: {exc}")
        err.print(f"[bold red]rus:[/] {_escape(message)}", soft_wrap=True)
        err.print(_escape(translate(N_("Rerun with --debug to see the details, and report it."), lang)), soft_wrap=True)
        raise typer.Exit(int(ExitCode.INTERNAL)) from None


def _require_working_folder() -> None:
    """Every command reads relative to the working folder: one removed under the shell is named as
    such, not met later as an internal error."""
    try:
        Path.cwd()
    except FileNotFoundError:
        raise NotFoundError(
            N_("The current folder no longer exists (it was removed or renamed after you went into it)"),
            N_("Go to an existing folder, e.g. `cd` into the repository again, and run the command again."),
        ) from None


def _escape(text: str) -> str:
    """Text for rich: on one line with control characters shown, never read as markup."""
    from rich.markup import escape

    from rus.render.escape import one_line

    return escape(one_line(text))


def main() -> None:
    """Entry point of the ``rus`` console script."""
    if HELP_LANG != "en":
        from rus.cli.frame import install

        install(HELP_LANG)
    for_command(sys.argv[1:])(prog_name="rus")


def for_command(args: list[str]) -> typer.Typer:
    """:data:`app` with only the command that ``args`` name, when they name one: typer builds the
    parser of every command it holds on each start (inspecting each function's parameters), and one
    command needs one parser. The help, the version, a name that is no command's, and completion
    take the whole app."""
    if any(name.startswith("_RUS_COMPLETE") or name == "_TYPER_COMPLETE_ARGS" for name in os.environ):
        return app
    name = next((arg for arg in args if arg != "--debug"), None)
    if name is None or name.startswith("-"):
        return app
    from typer.main import get_command_name

    commands = [c for c in app.registered_commands
                if (c.name or (get_command_name(c.callback.__name__) if c.callback else None)) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if len(commands) + len(groups) != 1:
        return app
    import copy

    lean = copy.copy(app)
    lean.registered_commands, lean.registered_groups = commands, groups
    return lean


def _register() -> None:
    # Importing the command modules registers their commands on ``app``; done at import time so that
    # ``typer.testing.CliRunner().invoke(app, ...)`` sees every command too. Each module keeps its
    # top-level imports light (the core is imported inside the commands), for a fast start.
    import importlib
    import pkgutil

    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        importlib.import_module(f"{__name__}.{module}")

    from rus.cli.placeholders import use_plain_placeholders

    use_plain_placeholders(app)


_register()

if __name__ == "__main__":  # pragma: no cover
    main()
