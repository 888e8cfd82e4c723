"""Swedish for the text that typer and its click print around rus's own: help panels, usage lines
and usage errors ("Usage", "Options", "No such option", "Try 'rus validate -h' for help.", …).

Typer marks its fixed help strings for the stdlib's domain-less ``gettext`` (fastapi/typer#886,
after discussion #883), but evaluates them once, when ``typer.rich_utils`` is imported, in the
process-wide ``messages`` domain; and typer 0.29 carries its own copy of click whose messages are
plain f-strings, not gettext calls. So there is no catalog to hand them: the text is translated
where typer renders it. :func:`install` (called only by the ``rus`` console script, never on
``import rus``) sets typer's fixed strings to the Swedish ones and routes the text typer highlights
(usage lines, error messages, parameter help) through :func:`translate_frame`, which recognises
click's and typer's English sentences by pattern and says them in Swedish. The message ids live in
``rus/locale/sv/po/frame.po`` like every other message. (An older typer with the real click prints
the same English sentences, so they are recognised the same way.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from rus.base.codes import N_
from rus.base.i18n import translate
from rus.base.vocab import Lang

#: English sentences of click and typer, as patterns, and the message id that says each.
#: Named groups are passed to the message; a group called ``message`` is itself translated. The
#: patterns are compiled when first used (``re`` keeps them), not on every start.
PATTERNS: tuple[tuple[str, str], ...] = tuple(
    (pattern, msgid)
    for pattern, msgid in (
        (r"(?m)^Usage: ", N_("Usage: ")),
        (r"\[OPTIONS\]", N_("[OPTIONS]")),
        (r"COMMAND \[ARGS\]\.\.\.", N_("COMMAND [ARGS]...")),
        (r"No such option: (?P<name>\S+)", N_("No such option: {name}")),
        (r"\(Possible options: (?P<names>[^)]*)\)", N_("(Possible options: {names})")),
        (r"Invalid value for (?P<hint>'[^:]*'): (?P<message>.*)", N_("Invalid value for {hint}: {message}")),
        (r"^Invalid value: (?P<message>.*)", N_("Invalid value: {message}")),
        (r"^Value error, (?P<value>.*) is not one of (?P<choices>.*)\.$", N_("{value} is not one of {choices}.")),
        (r"Missing argument (?P<name>'[^']*')\.", N_("Missing argument {name}.")),
        (r"Missing option (?P<name>'[^']*'(?: / '[^']*')*)\.", N_("Missing option {name}.")),
        (r"Missing parameter: (?P<name>\S+)", N_("Missing parameter: {name}")),
        (r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)", N_("Got unexpected extra argument(s) ({args})")),
        (r"Option (?P<name>'[^']*') requires an argument\.", N_("Option {name} requires an argument.")),
        (r"Option (?P<name>'[^']*') requires (?P<n>[0-9]+) arguments\.", N_("Option {name} requires {n} arguments.")),
        (r"Option (?P<name>'[^']*') does not take a value\.", N_("Option {name} does not take a value.")),
        (r"No such command (?P<name>'[^']*')\.", N_("No such command {name}.")),
        (r"^Missing command\.", N_("Missing command.")),
        (r"Show this message and exit\.", N_("Show this message and exit.")),
        (r"Try '(?P<command>[^']*)' for help\.", N_("Try '{command}' for help.")),
        (r"\[default: (?P<value>[^\]]*)\]", N_("[default: {value}]")),
        (r"\[required\]", N_("[required]")),
        (r"^Aborted[.!]$", N_("Aborted.")),
        # the value placeholders of rus.cli.placeholders (TEXT is Swedish too)
        (r"(?<![\w-])PATH(?![\w-])", N_("PATH")),
        (r"(?<![\w-])FILE(?![\w-])", N_("FILE")),
        (r"(?<![\w-])INTEGER(?![\w-])", N_("INTEGER")),
        (r"(?<![\w-])NUMBER(?![\w-])", N_("NUMBER")),
        (r"(?<![\w-])DATE(?![\w-])", N_("DATE")),
        (r"Install completion for the current shell\.", N_("Install completion for the current shell.")),
        (r"Show completion for the current shell, to copy it or customize the installation\.",
         N_("Show completion for the current shell, to copy it or customize the installation.")),
    )
)


def translate_frame(text: str, lang: Lang) -> str:
    """``text`` with every English sentence of click and typer in it said in ``lang``."""
    if lang == "en" or not text:
        return text
    for pattern, msgid in PATTERNS:
        text = re.sub(pattern, lambda match, msgid=msgid: _say(match, msgid, lang), text)  # type: ignore[misc]
    return text


def _say(match: re.Match[str], msgid: str, lang: Lang) -> str:
    params = match.groupdict()
    if "message" in params:
        params["message"] = translate_frame(params["message"], lang)
    template = translate(msgid, lang)
    return template.format(**params) if params else template


#: typer's fixed help strings (``typer.rich_utils``) and the message ids that say them.
RICH_CONSTANTS: dict[str, str] = {
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "DEFAULT_STRING": N_("[default: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "DEPRECATED_STRING": N_("(deprecated) "),
    "ABORTED_TEXT": N_("Aborted."),
    "RICH_HELP": N_("Try [blue]'{command_path} {help_option}'[/] for help."),
}


def install(lang: Lang) -> None:
    """Make typer's help and usage errors speak ``lang`` for the rest of this process."""
    if lang == "en":
        return
    import typer.core
    from typer import rich_utils

    for name, msgid in RICH_CONSTANTS.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, translate(msgid, lang))
    for name in ("highlighter", "types_highlighter"):
        setattr(rich_utils, name, _Translating(getattr(rich_utils, name), lang))
    # typer's own gettext calls ("default: {default}", "No such command {name!r}.", …)
    if callable(getattr(typer.core, "_", None)):
        typer.core._ = lambda message: translate_frame(translate(message, lang), lang)  # type: ignore[attr-defined]


class _Translating:
    """typer's highlighter, with the text translated before it is highlighted."""

    def __init__(self, highlighter: Callable[[Any], Any], lang: Lang) -> None:
        self._highlighter = highlighter
        self._lang = lang

    def __call__(self, text: Any) -> Any:
        from rich.text import Text

        if isinstance(text, str):
            text = translate_frame(text, self._lang)
        elif isinstance(text, Text):
            said = translate_frame(text.plain, self._lang)
            if said != text.plain:
                text = Text(said, style=text.style, justify=text.justify, no_wrap=text.no_wrap, end=text.end)
        return self._highlighter(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._highlighter, name)


__all__ = ["PATTERNS", "RICH_CONSTANTS", "install", "translate_frame"]
