"""The output formats of each command, by name: a registry of renderers.

A command asks its registry for the format the user named and calls it; it never branches on
formats itself, and a new format is one entry here (and its renderer). Renderers are named by
``module:function`` and imported only when used, so a command pays only for the format it prints.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

if TYPE_CHECKING:
    from rich.console import Console

    from rus.base.vocab import Lang
    from rus.plans.validation import ValidationResult
    from rus.timeline.changes import ChangeSet
    from rus.timeline.ci import CiResult

R = TypeVar("R")

#: How a renderer is called: ``console`` prints on a rich console, ``text`` returns the text for
#: stdout, ``strict`` returns it and is told whether warnings fail, ``data`` needs no language.
Style = Literal["console", "text", "strict", "data"]


@dataclass(frozen=True)
class Output:
    """Where a renderer writes, and the options some formats need."""

    console: Callable[[], Console]
    strict: bool = False
    #: None: the process's stdout at the time of writing (tests and hooks swap sys.stdout)
    write: Callable[[str], object] | None = None

    def emit(self, text: str) -> None:
        if self.write is not None:
            self.write(text)
            return
        sys.stdout.write(text)
        sys.stdout.flush()


@dataclass(frozen=True)
class Renderer(Generic[R]):
    """One output format of one kind of result."""

    name: str
    target: str  # "module:function"
    style: Style = "text"

    def load(self) -> Callable[..., Any]:
        module, function = self.target.split(":")
        render: Callable[..., Any] = getattr(importlib.import_module(module), function)
        return render

    def __call__(self, result: R, lang: Lang, out: Output) -> None:
        render = self.load()
        if self.style == "console":
            render(out.console(), result, lang)
            return
        if self.style == "strict":
            text = render(result, lang, strict=out.strict)
        elif self.style == "data":
            text = render(result)
        else:
            text = render(result, lang)
        out.emit(text)


class Registry(Generic[R]):
    """The formats of one kind of result, in the order the help lists them."""

    def __init__(self, what: str, *renderers: Renderer[R]) -> None:
        self.what = what
        self._by_name = {r.name: r for r in renderers}

    def names(self) -> list[str]:
        return list(self._by_name)

    def __getitem__(self, name: str) -> Renderer[R]:
        return self._by_name[name]

    def __contains__(self, name: object) -> bool:
        return name in self._by_name


#: ``rus validate --format``: the findings of a check.
VALIDATION: Registry[ValidationResult] = Registry(
    "validation",
    Renderer("text", "rus.render.text:render_text", "console"),
    Renderer("json", "rus.render.diagnostics:render_json"),
    Renderer("github", "rus.render.diagnostics:render_github"),
    Renderer("parsable", "rus.render.diagnostics:render_parsable"),
    Renderer("sarif", "rus.render.sarif:render_sarif"),
    Renderer("junit", "rus.render.junit:render_junit", "strict"),
)

#: ``rus ci --format``: the findings of a pull request's check (annotations only where they matter).
CI: Registry[CiResult] = Registry(
    "ci",
    Renderer("text", "rus.render.ci:render_ci_text", "console"),
    Renderer("github", "rus.render.ci:render_ci_github"),
    Renderer("parsable", "rus.render.ci:render_ci_parsable"),
    Renderer("json", "rus.render.ci:render_json"),
    Renderer("sarif", "rus.render.ci:render_ci_sarif"),
    Renderer("junit", "rus.render.ci:render_ci_junit", "strict"),
)

#: ``rus diff --format``: the semantic changes between two plan sets.
CHANGES: Registry[ChangeSet] = Registry(
    "changes",
    Renderer("text", "rus.render.changes:render_text", "console"),
    Renderer("markdown", "rus.render.changes:render_markdown"),
    Renderer("json", "rus.render.changes:render_json", "data"),
)


def auto_format(registry: Registry[Any], name: str) -> str:
    """``auto``: GitHub annotations inside GitHub Actions (where the registry has them), else text."""
    import os

    if name != "auto":
        return name
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" and "github" in registry else "text"
