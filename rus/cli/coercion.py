"""Command-line values of the plain kinds (text, paths, lists of them) converted without pydantic.

typer 0.29 converts every option it is given through a pydantic ``TypeAdapter`` built on first
use, so the first option on a command line imports pydantic and ``importlib.metadata``: about half
of the start-up of ``rus --version``, and adapters built for nothing on every other command. The
kinds rus's options are (``str``, ``Path``, ``bool``, an enumeration, and lists of text or paths,
with no parser and no bounds) are converted here as typer converts them; any other kind or value, and typer
versions that convert otherwise, are left to typer.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin


def install() -> None:
    """Let typer convert the plain kinds of values here (a no-op with typer versions that have no runtime coercion)."""
    try:
        from typer import _coercion
        from typer._param_types import coerce_cli_choice, coerce_cli_path
        from typer.core import _TyperParameter
    except ImportError:  # typer before 0.29: it converts through click, without pydantic
        return
    original = getattr(_TyperParameter, "get_runtime_param", None)
    if original is None or getattr(original, "_rus_plain", False):
        return

    @dataclass(frozen=True)
    class PlainRuntimeParam(_coercion.RuntimeParam):
        """Text, a path or a flag, or a list of text or paths, converted as typer's adapters convert them."""

        leaf: type
        descriptor: Any

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if self.leaf is bool:
                if isinstance(value, bool):
                    return value
                # anything else (a word, a number) as typer's adapter reads it
                return self._typers(value, param, ctx)
            if issubclass(self.leaf, Enum):
                try:
                    return coerce_cli_choice(value, choices=list(self.leaf), case_sensitive=self.parameter_info.case_sensitive,
                                             ctx=ctx)
                except ValueError:  # refused with typer's own words
                    return self._typers(value, param, ctx)
            if _is_list(self.annotation):
                items = value if isinstance(value, list | tuple) else [value]
                return [self._one(item, param, ctx) for item in items]
            return self._one(value, param, ctx)

        def _typers(self, value: Any, param: Any, ctx: Any) -> Any:
            return _coercion.build_runtime_param(self.descriptor)._coerce_value(value, param=param, ctx=ctx)

        def _one(self, value: Any, param: Any, ctx: Any) -> Any:
            if self.leaf is str:
                return _text(value)
            path = value if isinstance(value, Path) else Path(_text(value))
            return coerce_cli_path(path, self.parameter_info, path_type=Path, param=param, ctx=ctx)

    def get_runtime_param(self: Any) -> Any:
        if self._runtime_param is None:
            leaf = _plain_leaf(self.type_descriptor)
            if leaf is not None:
                descriptor = self.type_descriptor
                self._runtime_param = PlainRuntimeParam(descriptor.parameter_info, descriptor.annotation, leaf, descriptor)
        return original(self)

    get_runtime_param._rus_plain = True  # type: ignore[attr-defined]
    _TyperParameter.get_runtime_param = get_runtime_param  # type: ignore[method-assign]


def _is_list(annotation: Any) -> bool:
    return bool(get_origin(annotation) is list)


def _plain_leaf(descriptor: Any) -> type | None:
    """``str``, ``Path``, ``bool`` or the enumeration a parameter holds (text or paths also in a
    list) when nothing else is asked of it (no parser, no bounds, no file to open), else None."""
    info = descriptor.parameter_info
    if getattr(info, "parser", None) is not None or getattr(info, "click_type", None) is not None:
        return None
    if getattr(info, "path_type", None) is not None or descriptor.file_annotation is not None:
        return None
    annotation = descriptor.annotation
    if get_origin(annotation) is list:
        args = get_args(annotation)
        annotation = args[0] if len(args) == 1 else None
    if annotation is str:
        return str
    if annotation is Path:
        return Path
    if annotation is bool and annotation is descriptor.annotation:
        return bool
    if isinstance(annotation, type) and issubclass(annotation, Enum) and annotation is descriptor.annotation:
        return annotation
    return None


def _text(value: Any) -> str:
    """A command-line value as text, as typer reads it (bytes in the command line's encoding)."""
    if value is None:
        raise ValueError("None is not a valid string")
    if isinstance(value, bytes):
        import sys

        for encoding in (sys.getfilesystemencoding(), "utf-8"):
            try:
                return value.decode(encoding)
            except UnicodeError:
                continue
        return value.decode("utf-8", "replace")
    return str(value)


__all__ = ["install"]
