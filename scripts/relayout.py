"""Group rus/'s top-level modules into packages by job (issue 14), and rewrite every reference.

    python3 scripts/relayout.py --dry-run                     # print the plan, change nothing
    python3 scripts/relayout.py                               # do it: git mv, rewrite, write config
    python3 scripts/relayout.py --map editions=plans.editions # place a module the map does not know

Run it at the root of a clean work tree of the repository (after merging everything else). It

1. stops, listing them, when ``rus/`` has a top-level module or package that :data:`MAPPING` does
   not place (give each one a ``--map old=package.new``, or add it to :data:`MAPPING`);
2. moves every mapped module with ``git mv`` (``rus/editing.py`` -> ``rus/writing/editing.py``) and
   writes each new package's ``__init__.py`` (its docstring: what it owns, what it may import);
3. rewrites every reference in the tracked text files: ``import rus.x``, ``from rus.x import``,
   ``from rus import x`` (split when the names now live in different packages), relative imports
   (made absolute), dotted names in strings (``"rus.x.f"`` monkeypatch targets, ``python -m rus.x``,
   mypy overrides, Sphinx roles) and paths (``rus/x.py``), in code, tests, benchmarks, scripts,
   docs, README, .ci/run, pyproject.toml, editors/; CHANGELOG.md is history and left as written;
4. writes the layers contract into pyproject.toml's ``[tool.importlinter]`` (the other contracts
   hold for both layouts and are kept there already), and sorts the rewritten imports with ruff.

No shim is left behind: an old name that is still used after the run is a bug in the map.
Running it again changes nothing (no new name starts with an old one, so a rewritten reference never
matches again); it is re-run after merging a late branch, to move and rewrite what that brought.
The message catalogs need nothing: a message belongs to the .po file that holds its id (no source
locations are kept), so every module keeps its messages in their catalog wherever it moves.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "rus"

#: The new packages, top to bottom, with the docstring of their ``__init__.py``. A package may
#: import the packages below it, never one above; two on one line (``a | b``) import neither.
PACKAGES: dict[str, str] = {
    "actions": """Actions that combine the core with output: ``rus commit`` describes the changes it records
with the renderers' words, ``rus undo`` takes the last recording back.

What it owns: recording updates of the plans in git (validate, describe, commit, tag) and undoing them.
What it may import: :mod:`rus.render`, :mod:`rus.timeline`, :mod:`rus.plans`, :mod:`rus.base`;
never :mod:`rus.cli` (which calls it).""",
    "reporting": """The yearly report and the follow-up before a meeting, as data.

What it owns: what a report or follow-up is computed from (the plans and their history), the report's
sections, the follow-up per area, and the report's charts (SVG).
What it may import: :mod:`rus.timeline`, :mod:`rus.plans`, :mod:`rus.base`; never a renderer
(:mod:`rus.render` turns these data into HTML, Markdown and text), never :mod:`rus.writing`.""",
    "writing": """Changing plan files without losing a comment: edits, the canonical layout, repairs, new repositories.

What it owns: the round-trip document and the edits (``rus activity …``, ``rus indicator …``), the
layout writer (``rus fmt``), the mechanical repairs (``rus fix``) and ``rus init``'s scaffold.
What it may import: :mod:`rus.timeline` (ids already used in the history), :mod:`rus.plans`,
:mod:`rus.base`; never :mod:`rus.reporting`, a renderer or :mod:`rus.cli`.""",
    "timeline": """The plans over time: their git history, the changes between two points, the transition rules.

What it owns: reading the plans at any revision, the semantic diff (``rus diff``), comparing across the
history (``rus log``, ``rus revisions``), the transition rules against a base, and the pull-request
check (``rus ci``) that combines them with validation.
What it may import: :mod:`rus.plans`, :mod:`rus.base`, GitPython.""",
    "plans": """Reading and checking plans: the model, the YAML reader, the region file, the rules, the schema.

What it owns: the domain model (plans and actor registry), reading YAML with every value located, the
region file (found, cached, checked), validation with the domain's rules, the JSON Schemas, and the
command line's spelling of vocabulary values.
What it may import: :mod:`rus.base`, pydantic, the YAML parsers.""",
    "base": """The bottom: what every part of rus speaks.

What it owns: diagnostic codes and diagnostics, the tool's errors and exit codes, Swedish and English
(gettext), the vocabularies, did-you-mean, finding the repository and its plans folder, and safe
writes (atomic, one writer at a time), and the generated table of codes in docs/diagnostics.md.
What it may import: only its own modules; no pydantic, YAML reader or git at import time (a command
that needs only these starts fast; Babel only for the catalog tool).""",
}

#: The layers contract, top to bottom: the packages above, the command line on top, and the
#: language server and the renderers side by side (neither imports the other, nor the CLI).
LAYERS = ["cli", "actions", "lsp | render", "reporting | writing", "timeline", "plans", "base"]

#: Every top-level module of rus/ today -> its place (relative to rus). Add new ones here or with --map.
MAPPING: dict[str, str] = {
    # base
    "codes": "base.codes",
    "diagnostics": "base.diagnostics",
    "diagnostics_doc": "base.diagnostics_doc",
    "errors": "base.errors",
    "fileio": "base.fileio",
    "i18n": "base.i18n",
    "suggest": "base.suggest",
    "vocab": "base.vocab",
    "workspace": "base.workspace",
    "repository": "base.repository",
    # plans
    "programme": "plans.programme",
    "editions": "plans.editions",
    "elections": "plans.elections",
    "revision": "plans.revision",
    "sami_upgrade": "plans.sami_upgrade",
    "choices": "plans.choices",
    "models": "plans.models",
    "region": "plans.region",
    "regionfile": "plans.regionfile",
    "rules": "plans.rules",
    "schema": "plans.schema",
    "source": "plans.source",
    "validation": "plans.validation",
    # timeline
    "changes": "timeline.changes",
    "ci": "timeline.ci",
    "comparison": "timeline.comparison",
    "history": "timeline.history",
    "transitions": "timeline.transitions",
    # writing
    "editing": "writing.editing",
    "fixing": "writing.fixing",
    "formatting": "writing.formatting",
    "scaffold": "writing.scaffold",
    "migration": "writing.migration",
    "splice": "writing.splice",
    # reporting
    "charts": "reporting.charts",
    "followup": "reporting.followup",
    "report": "reporting.report",
    "report_sources": "reporting.report_sources",
    # renderers
    "report_json": "render.report_json",
    # actions
    "recording": "actions.recording",
    "undo": "actions.undo",
}

#: The packages that were there before and take modules too (a renderer goes to render).
KEPT_PACKAGES = ("render",)

#: What stays at the top of rus/: the package itself, ``python -m rus``, the existing subpackages
#: and the data folders.
STAYS = {"__init__", "__main__", "cli", "render", "lsp", "locale", "regions", "templates"}

#: Tracked files that are not rewritten: the changelog tells history in the names of its time; this
#: script and its test speak of the old names on purpose.
NOT_REWRITTEN = ("CHANGELOG.md", "rus/locale/", "plans/", "constraints.txt", "scripts/relayout.py", "tests/test_relayout.py")

LAYERS_CONTRACT = """
[[tool.importlinter.contracts]]
id = "layers"
name = "The packages of rus, top to bottom: a package imports only those below it (docs/architecture.md)"
type = "layers"
containers = ["rus"]
layers = [{layers}]
exhaustive = true  # a module beside the packages fails: place it in one (scripts/relayout.py --map)
exhaustive_ignores = ["__main__"]
"""


class RelayoutError(Exception):
    """The plan cannot be carried out as it stands (the message says what to do)."""


@dataclass
class Plan:
    """What a run does: the moves, the packages it writes, the files it rewrites."""

    mapping: dict[str, str]
    moves: list[tuple[str, str]] = field(default_factory=list)  # repository paths, old -> new
    packages: list[str] = field(default_factory=list)  # __init__.py files to write
    unknown: list[str] = field(default_factory=list)  # top-level modules with no place
    gone: list[str] = field(default_factory=list)  # mapped modules found in neither place
    rewrites: dict[str, str] = field(default_factory=dict)  # repository path -> new text
    contract: bool = False  # the layers contract is to be written


# --- the map ------------------------------------------------------------------------------------


def parse_maps(values: list[str]) -> dict[str, str]:
    """``--map old=new`` options as a mapping (``rus.`` prefixes allowed on both sides)."""
    extra: dict[str, str] = {}
    for value in values:
        old, sep, new = value.partition("=")
        old, new = (name.strip().removeprefix(f"{PACKAGE}.") for name in (old, new))
        if not sep or not old or not new:
            raise RelayoutError(f"--map {value!r}: write old=package.new, e.g. --map editions=plans.editions")
        extra[old] = new
    return extra


def check_mapping(mapping: dict[str, str]) -> None:
    """Every target lies in a package (:data:`PACKAGES`, ``render``), and no package has an old module's name."""
    clash = sorted(set(mapping) & set(PACKAGES))
    if clash:
        raise RelayoutError(f"a new package has the name of a module it replaces: {', '.join(clash)}")
    for old, new in mapping.items():
        parts = new.split(".")
        if parts[0] not in (*PACKAGES, *KEPT_PACKAGES) or len(parts) < 2 or not all(p.isidentifier() for p in parts):
            raise RelayoutError(f"{old} -> {new}: the new place must be <package>.<module> with a package of "
                                f"{', '.join((*PACKAGES, *KEPT_PACKAGES))}")
        if "." in old:
            raise RelayoutError(f"{old}: only top-level modules of rus/ are moved")
    targets = list(mapping.values())
    twice = sorted({t for t in targets if targets.count(t) > 1})
    if twice:
        raise RelayoutError(f"two modules mapped to one place: {', '.join(twice)}")


def top_level(root: Path) -> list[str]:
    """The top-level modules and packages of rus/ (names without ``.py``) and its folders."""
    names = []
    for path in sorted((root / PACKAGE).iterdir()):
        if path.name.startswith((".", "_")) and path.name not in ("__init__.py", "__main__.py"):
            continue
        if path.is_file() and path.suffix == ".py":
            names.append(path.stem)
        elif path.is_dir() and path.name != "__pycache__":
            names.append(path.name)
    return names


def make_plan(root: Path, extra: dict[str, str] | None = None) -> Plan:
    """The plan for the repository at ``root`` (nothing is changed)."""
    mapping = {**MAPPING, **(extra or {})}
    check_mapping(mapping)
    plan = Plan(mapping)
    present = top_level(root)
    plan.unknown = [n for n in present if n not in mapping and n not in STAYS and n not in PACKAGES]
    for old, new in sorted(mapping.items()):
        source = _module_path(root, PACKAGE + "." + old)
        target = _module_path(root, f"{PACKAGE}.{new}", like=source)
        if source is not None and target is not None and target.exists():
            raise RelayoutError(f"both {_rel(root, source)} and {_rel(root, target)} exist: merge them by hand first")
        if source is not None and target is not None:
            plan.moves.append((_rel(root, source), _rel(root, target)))
        elif _module_path(root, f"{PACKAGE}.{new}") is None:
            plan.gone.append(old)
    for package in PACKAGES:
        init = root / PACKAGE / package / "__init__.py"
        used = any(new.split(".")[0] == package for new in mapping.values())
        if used and not init.exists():
            plan.packages.append(_rel(root, init))
    if not plan.unknown:
        plan.rewrites = rewrite_files(root, mapping, plan.moves)
        plan.contract = _with_contract(_current(root, plan, "pyproject.toml")) != _current(root, plan, "pyproject.toml")
    return plan


def _module_path(root: Path, dotted: str, like: Path | None = None) -> Path | None:
    """The file or folder of a module; with ``like``, where ``like``'s kind of module would go."""
    base = root.joinpath(*dotted.split("."))
    if like is not None:
        return base if like.is_dir() else base.with_suffix(".py")
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    if (base / "__init__.py").is_file():
        return base
    return None


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


# --- rewriting ----------------------------------------------------------------------------------


def _dotted_pattern(old: str) -> re.Pattern[str]:
    # rus.old, not preceded by a name or a dot (virus.x, a.rus.x) and not going on as a name
    return re.compile(rf"(?<![\w.]){PACKAGE}\.{re.escape(old)}(?!\w)")


def _path_pattern(old: str) -> re.Pattern[str]:
    # rus/old.py or rus/old/ (a path in prose, a link, a glob): not part of a longer name
    return re.compile(rf"(?<![\w.-]){PACKAGE}/{re.escape(old)}(?=\.py\b|/)")


_FROM_PACKAGE = re.compile(
    rf"^(?P<indent>[ \t]*)from {PACKAGE} import (?P<names>\([^)]*\)|[^\n#(]*?)(?P<comment>[ \t]*#[^\n]*)?$",
    re.M,
)


def _split_from_package(text: str, mapping: dict[str, str]) -> str:
    """``from rus import a, b as c``: each moved module imported from its new package."""

    def one(match: re.Match[str]) -> str:
        raw = match["names"]
        if "#" in raw:
            return match[0]  # a comment inside the parentheses: left as written (the check lists it)
        names = [n.strip() for n in raw.strip().strip("()").replace("\n", " ").split(",") if n.strip()]
        parsed = [(n.split(" as ")[0].strip(), n.split(" as ")[1].strip() if " as " in n else None) for n in names]
        if not any(name in mapping for name, _ in parsed):
            return match[0]
        groups: dict[str, list[str]] = {}
        for name, alias in parsed:
            if name in mapping:
                package, _, module = mapping[name].rpartition(".")
                shown = alias or (name if module != name else None)
                groups.setdefault(f"{PACKAGE}.{package}", []).append(module + (f" as {shown}" if shown else ""))
            else:
                groups.setdefault(PACKAGE, []).append(name + (f" as {alias}" if alias else ""))
        indent, comment = match["indent"], match["comment"] or ""
        lines = [f"{indent}from {module} import {', '.join(items)}" for module, items in groups.items()]
        lines[0] += comment
        return "\n".join(lines)

    return _FROM_PACKAGE.sub(one, text)


_RELATIVE = re.compile(r"^(?P<indent>[ \t]*)from (?P<dots>\.+)(?P<module>[\w.]*) import ", re.M)


def _absolute_imports(text: str, path: str) -> str:
    """Relative imports in a module of rus/ made absolute (from where the module is before the move)."""
    package = path.removesuffix(".py").split("/")[:-1]  # rus/cli/edit.py -> ["rus", "cli"]
    if path.endswith("/__init__.py"):
        package = path.split("/")[:-1]

    def one(match: re.Match[str]) -> str:
        up = len(match["dots"]) - 1
        base = package[: len(package) - up] if up else package
        target = ".".join([*base, *([match["module"]] if match["module"] else [])])
        return f"{match['indent']}from {target} import "

    return _RELATIVE.sub(one, text)


def rewrite_text(text: str, mapping: dict[str, str], *, path: str = "") -> str:
    """``text`` with every reference to a moved module in its new name."""
    if path.startswith(f"{PACKAGE}/") and path.endswith(".py"):
        text = _absolute_imports(text, path)
    if path.endswith((".py", ".md")) or not path:
        text = _split_from_package(text, mapping)
    names = "|".join(re.escape(old) for old in sorted(mapping, key=len, reverse=True))
    text = re.sub(rf"(?<![\w.]){PACKAGE}\.({names})(?!\w)", lambda m: f"{PACKAGE}.{mapping[m[1]]}", text)
    return re.sub(rf"(?<![\w.-]){PACKAGE}/({names})(?=\.py\b|/)",
                  lambda m: f"{PACKAGE}/{mapping[m[1]].replace('.', '/')}", text)


def _tracked(root: Path) -> list[str]:
    done = subprocess.run(["git", "ls-files", "-z"], cwd=root, check=True, capture_output=True)
    return [p for p in done.stdout.decode().split("\0") if p]


def _rewritable_texts(root: Path) -> Iterator[tuple[str, str]]:
    """Each tracked text file the run may rewrite (not CHANGELOG.md and the like), with its text."""
    for path in _tracked(root):
        if path.startswith(NOT_REWRITTEN) or not (root / path).is_file():
            continue
        try:
            yield path, (root / path).read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue  # not text


def rewrite_files(root: Path, mapping: dict[str, str], moves: list[tuple[str, str]]) -> dict[str, str]:
    """The new text of every tracked text file that changes (keyed by its path after the moves)."""
    def after_moves(path: str) -> str:
        for old, new in moves:
            if path == old or path.startswith(old + "/"):  # a module, or a file in a moved package
                return new + path[len(old):]
        return path

    changed: dict[str, str] = {}
    for path, text in _rewritable_texts(root):
        after = rewrite_text(text, mapping, path=path)
        if after != text:
            changed[after_moves(path)] = after
    return changed


# --- the import-linter contract -----------------------------------------------------------------


def _current(root: Path, plan: Plan, path: str) -> str:
    return plan.rewrites.get(path) or (root / path).read_text(encoding="utf-8")


def _with_contract(pyproject: str) -> str:
    """pyproject.toml with the layers contract (unchanged when it has it already)."""
    if 'id = "layers"' in pyproject:
        return pyproject
    if not re.search(r"^\[tool\.importlinter\]", pyproject, re.M):
        raise RelayoutError("pyproject.toml has no [tool.importlinter] section to add the layers contract to")
    block = LAYERS_CONTRACT.format(layers=", ".join(f'"{layer}"' for layer in LAYERS))
    # after the last importlinter table: before the next table that is not one, else at the end
    tables = [m.start() for m in re.finditer(r"^\[", pyproject, re.M)]
    last = max(m.start() for m in re.finditer(r"^\[+tool\.importlinter", pyproject, re.M))
    following = [t for t in tables if t > last]
    cut = following[0] if following else len(pyproject)
    head, tail = pyproject[:cut].rstrip("\n") + "\n", pyproject[cut:]
    return head + block + ("\n" + tail if tail else "")


# --- carrying it out ----------------------------------------------------------------------------


def apply(root: Path, plan: Plan) -> None:
    """Carry out ``plan``: move, write the packages, rewrite, add the contract, sort imports."""
    for init in plan.packages:
        package = init.removesuffix("/__init__.py").rsplit("/", 1)[1]
        (root / init).parent.mkdir(parents=True, exist_ok=True)
        doc = PACKAGES[package]
        (root / init).write_text(f'"""{doc}\n"""\n', encoding="utf-8")
        subprocess.run(["git", "add", init], cwd=root, check=True)
    for old, new in plan.moves:
        (root / new).parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "mv", old, new], cwd=root, check=True)
    for path, text in plan.rewrites.items():
        (root / path).write_text(text, encoding="utf-8")
    if plan.contract:
        pyproject = root / "pyproject.toml"
        pyproject.write_text(_with_contract(pyproject.read_text(encoding="utf-8")), encoding="utf-8")
    python = [p for p in plan.rewrites if p.endswith(".py")] + [new for _, new in plan.moves if new.endswith(".py")]
    ruff = shutil.which("ruff")
    if python and ruff:
        # `from rus.x` became `from rus.base.x`: put the imports back in the order ruff (isort) keeps
        done = subprocess.run([ruff, "check", "--select", "I001", "--fix", "--quiet", "--exit-zero", *sorted(set(python))],
                              cwd=root, check=False)
        if done.returncode:
            print("ruff could not sort the imports: run `ruff check --select I001 --fix rus tests benchmarks scripts`")
    elif python:
        print("ruff not found: run `ruff check --select I001 --fix rus tests benchmarks scripts` to sort the imports")


def leftovers(root: Path, mapping: dict[str, str]) -> list[str]:
    """Lines that still name a moved module the old way (should be none), and bare ``old.py`` mentions."""
    found = []
    bare = {old: re.compile(rf"(?<![\w/.-]){re.escape(old)}\.py\b") for old in mapping}
    for path, text in _rewritable_texts(root):
        for number, line in enumerate(text.splitlines(), 1):
            for old in mapping:
                if _dotted_pattern(old).search(line) or _path_pattern(old).search(line):
                    found.append(f"{path}:{number}: old name rus.{old}: {line.strip()}")
                elif bare[old].search(line) and f"{old}.py" != Path(path).name:
                    found.append(f"{path}:{number}: {old}.py without its folder (check by hand): {line.strip()}")
    return found


def describe(plan: Plan) -> str:
    lines = []
    if plan.unknown:
        lines.append("Top-level modules of rus/ with no place in the map (nothing was changed):")
        packages = ", ".join((*PACKAGES, *KEPT_PACKAGES))
        lines += [f"  rus/{name}: add --map {name}=<package>.{name} (packages: {packages})" for name in plan.unknown]
        return "\n".join(lines)
    lines.append(f"moves ({len(plan.moves)}):")
    lines += [f"  git mv {old} {new}" for old, new in plan.moves] or ["  none: the layout is in place"]
    if plan.packages:
        lines.append("new packages: " + ", ".join(plan.packages))
    if plan.gone:
        lines.append("mapped but not found (gone or renamed on main? drop them from the map): " + ", ".join(plan.gone))
    lines.append(f"files rewritten ({len(plan.rewrites)}):")
    lines += [f"  {path}" for path in sorted(plan.rewrites)] or ["  none"]
    lines.append("layers contract: " + ("written into pyproject.toml" if plan.contract else "in pyproject.toml already"))
    return "\n".join(lines)


def _python_modules_ok(root: Path, plan: Plan) -> None:
    """Every rewritten Python file still parses (a rewrite never breaks the syntax)."""
    for path, text in plan.rewrites.items():
        if path.endswith(".py"):
            try:
                ast.parse(text)
            except SyntaxError as exc:
                raise RelayoutError(f"{path} would not parse after the rewrite: {exc}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--dry-run", action="store_true", help="print the plan and change nothing")
    parser.add_argument("--map", action="append", default=[], metavar="OLD=PACKAGE.NEW",
                        help="place a top-level module the map does not know (repeatable)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository (default: this script's)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        plan = make_plan(root, parse_maps(args.map))
        _python_modules_ok(root, plan)
    except RelayoutError as exc:
        print(f"relayout: {exc}", file=sys.stderr)
        return 2
    print(describe(plan))
    if plan.unknown:
        return 1
    if args.dry_run:
        return 0
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root, check=True,
                           capture_output=True, text=True).stdout
    if dirty.strip() and (plan.moves or plan.rewrites or plan.packages):
        print("relayout: commit or stash your changes first (the run is one reviewable diff)", file=sys.stderr)
        return 2
    apply(root, plan)
    rest = leftovers(root, plan.mapping)
    if rest:
        print(f"to look at ({len(rest)}):")
        print("\n".join(f"  {line}" for line in rest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
