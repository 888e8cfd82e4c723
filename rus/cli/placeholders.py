"""Help that shows which options take a value: a placeholder such as TEXT or PATH, none for a flag.

typer 0.29 (which parses the command line itself, without click) prints each parameter's Python type
in ``--help``: ``<bool>`` beside every flag, as if ``--strict`` took a value, ``<str>`` and
``<list[str]>`` beside the others. Releases before it printed click's TEXT, PATH and INTEGER and
nothing beside a flag, as docs/ and the README write them. :func:`use_plain_placeholders` gives every
command of an app classes that restore that, on every typer release that pyproject.toml allows:

- a flag (``--strict``, ``--help``) shows no placeholder;
- an option that takes a value and has no metavar of its own shows TEXT, PATH, FILE, INTEGER or
  NUMBER (once per value for a repeatable option, which the help text calls repeatable);
- choices keep typer's list of values, and explicit metavars (``REV``, ``sv|en``) are kept.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption
from typer.models import DefaultPlaceholder

#: typer 0.29's type labels and the placeholders shown instead.
PLACEHOLDERS = {
    "str": "TEXT",
    "path": "PATH",
    "Path": "PATH",
    "file": "FILE",
    "int": "INTEGER",
    "float": "NUMBER",
    "datetime": "DATE",
}


def _label(param: Any, ctx: Any) -> str:
    """TEXT, PATH… for typer 0.29's ``<str>``, ``<path>``… (``<list[str]>``: one value, TEXT)."""
    label = str(param.display_type(ctx)).strip("<>")
    if label.startswith("list[") and label.endswith("]"):
        label = label[len("list[") : -1]
    return PLACEHOLDERS.get(label, label.upper())


class PlainArgument(TyperArgument):
    """An argument whose help shows TEXT or PATH rather than a Python type (typer 0.29 and later)."""

    def display_type_rich(self, ctx: Any) -> str | None:
        """The placeholder shown in the argument's type column."""
        if self.type_descriptor.is_choice:
            return super().display_type_rich(ctx)
        return _label(self, ctx)


def plain_placeholder(param: Any, ctx: Any) -> None:
    """Make one parameter's help show a flag bare and a value as TEXT, PATH…."""
    descriptor = getattr(param, "type_descriptor", None)  # typer 0.29 and later; click's types before
    if type(param) is TyperArgument and descriptor is not None:
        # typer 0.29 shows an argument's type whatever its metavar says, so the class shows it.
        param.__class__ = PlainArgument
        return
    if not isinstance(param, TyperOption) or param.metavar is not None:
        return
    if param.is_flag or param.count:
        param.metavar = ""  # an empty metavar is shown as nothing by every typer release
        return
    if descriptor is None or descriptor.is_choice:
        # Before typer 0.29 (click's types): TEXT, PATH… already; choices list their values.
        return
    param.metavar = _label(param, ctx)


class PlainCommand(TyperCommand):
    """A command whose help shows placeholders only for options that take a value."""

    def get_params(self, ctx: Any) -> Any:
        """The parameters, help option included, with plain placeholders."""
        params = super().get_params(ctx)
        for param in params:
            plain_placeholder(param, ctx)
        return params


class PlainGroup(TyperGroup):
    """A command group whose help shows placeholders only for options that take a value."""

    def get_params(self, ctx: Any) -> Any:
        """The parameters, help option included, with plain placeholders."""
        params = super().get_params(ctx)
        for param in params:
            plain_placeholder(param, ctx)
        return params


def _replaceable(value: object, base: type) -> bool:
    # typer gives no class (None, a default placeholder) or its own base class: replace those only.
    return value is None or value is base or isinstance(value, DefaultPlaceholder)


def use_plain_placeholders(app: typer.Typer) -> None:
    """Build every command and group of ``app`` (and of its sub-apps) with the plain classes."""
    if _replaceable(app.info.cls, TyperGroup):
        app.info.cls = PlainGroup
    for command in app.registered_commands:
        if _replaceable(command.cls, TyperCommand):
            command.cls = PlainCommand
    for group in app.registered_groups:
        if _replaceable(group.cls, TyperGroup):
            group.cls = PlainGroup
        if group.typer_instance is not None:
            use_plain_placeholders(group.typer_instance)
