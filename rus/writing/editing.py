"""Editing plans without losing a comment: load, change, validate, write atomically.

This module holds the file being edited (:class:`EditableFile`), the checks before a write, how an
edit finds its file and item, and the edits themselves. Changing ruamel.yaml's data keeping
comments is :mod:`rus.writing.roundtrip`; reading command-line values by the model's types is
:mod:`rus.writing.values`; the activity numbers an area has ever used are read from git by
:func:`rus.timeline.history.ids_in_history`.

An edit loads the file with ruamel.yaml's round-trip loader (YAML 1.2), changes the document, and
dumps it. Only the lines the edit touched are taken from the dump; every other line is kept byte
for byte as it was written (so a file in a layout of its own keeps it). A file that was in the
canonical layout (:mod:`rus.writing.formatting`) is kept in it. Before anything is written the result is
checked: every comment is still there, both loaders read the same values, and validation (with the
actor registry and the other plans beside it) finds no error the file did not already have. The
write is atomic, and a byte order mark and CRLF line ends are kept.
"""

from __future__ import annotations

import difflib
import functools
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Concatenate, ParamSpec

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from rus.base.codes import CODES, HINT_ALLOWED_FROM_FINAL, N_
from rus.base.diagnostics import Diagnostic, Severity
from rus.base.errors import ExitCode, NotFoundError, RusError
from rus.base.fileio import unified_diff
from rus.base.i18n import Choices, InText, os_reason
from rus.base.vocab import (
    AREA_PREFIX,
    FINAL_STATUSES,
    TRANSITIONS,
    Area,
    LadderStep,
    Status,
    lookup,
    transition_allowed,
)
from rus.plans.loader import load_text
from rus.plans.models import Activity, Actor, ActorRegistry, Actual, Meeting, Plan
from rus.plans.revision import expected_for_meeting, fits_meeting, is_revision
from rus.plans.source import Source, gc_paused, parse_text
from rus.timeline.history import ids_in_history
from rus.writing.formatting import (
    FormatError,
    comments_of,
    format_text,
    replace_text,
    syntax_error,
)
from rus.writing.roundtrip import (
    append_item,
    delete_key,
    give_after,
    give_trailing,
    plain_data,
    set_key,
    take_after,
    take_trailing,
    to_yaml,
)
from rus.writing.splice import Block, head_block, item_block, last_item_block
from rus.writing.values import EditError, convert, field_annotation

_NUMBER = re.compile(r"-([0-9]+)$")
P = ParamSpec("P")


class InvalidEditError(RusError):
    """The edited plan would not pass validation, so nothing was written."""

    exit_code = ExitCode.FINDINGS

    def __init__(self, diagnostics: list[Diagnostic], path: str, text: str = "") -> None:
        super().__init__(
            N_("{path} was not changed: the edit would make the plan invalid"),
            N_("Correct the values given and run the command again."),
            path=path,
        )
        self.diagnostics = diagnostics
        self.text = text


def relative(path: Path) -> str:
    """A path as shown to the user: relative to the working folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap text people wrote
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


@dataclass
class EditableFile:
    """A plan or actor registry file loaded for editing.

    Loaded for one list item (:meth:`load_entry`), ``body``, ``data`` and ``base_dump`` are those of
    the small document holding only that item (see :mod:`rus.writing.splice`); ``whole`` is then the file's
    text, ``block`` where the item is written in it, and ``values`` what the checking reader read
    from the file.
    """

    path: Path
    display: str
    raw: str
    body: str
    bom: bool
    crlf: bool
    data: CommentedMap
    base_dump: str
    whole: str | None = None
    block: Block | None = None
    values: Any = None
    edited: str | None = None
    #: The plans folder the file was found in: the edited file is validated with its other files.
    folder: Path | None = None

    @classmethod
    def load(cls, path: Path, display: str | None = None) -> EditableFile:
        """Read a file for editing; a file that is not readable YAML is refused with its first error."""
        shown, raw, body, bom, crlf = _read(path, display)
        _parsed(body, shown)
        return cls._whole(path, shown, raw, body, bom, crlf)

    @classmethod
    def _whole(cls, path: Path, shown: str, raw: str, body: str, bom: bool, crlf: bool) -> EditableFile:
        data = _yaml().load(body)
        return cls(path, shown, raw, body, bom, crlf, data, _dump(data))

    @classmethod
    def load_entry(cls, path: Path, list_key: str, ident: str, found: tuple[str, Source] | None = None) -> EditableFile:
        """Read a file to edit the item with id ``ident`` of its list ``list_key``: only that item's
        lines are loaded with ruamel.yaml when it can be edited alone, else the whole file.

        ``found`` is the file's text and the checking reader's reading of it, if it was read already.
        """
        if found is None:
            shown, raw, body, bom, crlf = _read(path, None)
            source = _parsed(body, shown)
        else:
            raw, source = found
            shown = source.path
            body = raw.removeprefix("\ufeff")
            bom, crlf = body != raw, "\r\n" in body
            body = body.replace("\r\n", "\n")
            _refuse_errors(source, shown)
        block = _item_block(source, list_key, ident)
        if block is None:
            del source, found
            return cls._whole(path, shown, raw, body, bom, crlf)
        return cls._of_block(path, shown, raw, body, bom, crlf, block, source)

    @classmethod
    def load_block(cls, path: Path, where: Callable[[Source], Block | None]) -> EditableFile:
        """Read a file to edit only the lines ``where`` finds in its checking reader's reading (see
        :mod:`rus.writing.splice`), or the whole file when it finds none."""
        shown, raw, body, bom, crlf = _read(path, None)
        source = _parsed(body, shown)
        block = where(source) if not source.diagnostics and source.text is not None else None
        if block is None:
            del source
            return cls._whole(path, shown, raw, body, bom, crlf)
        return cls._of_block(path, shown, raw, body, bom, crlf, block, source)

    @classmethod
    def _of_block(cls, path: Path, shown: str, raw: str, body: str, bom: bool, crlf: bool, block: Block,
                  source: Source) -> EditableFile:
        small = block.document(body)
        data = _yaml().load(small)
        return cls(path, shown, raw, small, bom, crlf, data, _dump(data), whole=body, block=block, values=source.data)

    def render(self) -> str:
        """The edited text: the touched lines from the dump, the rest as written."""
        edited = _patch(self.body, self.base_dump, _dump(self.data))
        layout = self.body
        if self.block is not None and self.whole is not None:
            layout = self.block.layout(self.whole)  # an append's: with the item before
        try:
            if format_text(layout, self.path.name) == layout:
                edited = format_text(edited, self.path.name)
        except FormatError:
            pass
        if self.block is not None and self.whole is not None:
            self.edited = edited
            try:
                edited = self.block.splice(self.whole, edited)
            except ValueError:
                raise NotLocalError from None
        if self.crlf:
            edited = edited.replace("\n", "\r\n")
        return ("\ufeff" + edited) if self.bom else edited


class NotLocalError(Exception):
    """An edit of one item's lines did not stay within them: the whole document is edited instead."""


def _read(path: Path, display: str | None) -> tuple[str, str, str, bool, bool]:
    """A file's name as shown, its text, and its text without byte order mark and with LF line ends
    (and whether it had them); a file that cannot be read or decoded is refused."""
    shown = display or relative(path)
    try:
        data_bytes = path.read_bytes()
        raw = data_bytes.decode("utf-8")
    except FileNotFoundError:
        raise NotFoundError(N_("No such file or folder: {path}"), "", path=shown) from None
    except UnicodeDecodeError:
        # worded as `rus validate` words it: where, and which encoding the file seems to be in
        from rus.plans.source import parse_bytes

        found = parse_bytes(data_bytes, Source(shown)).diagnostics
        raise syntax_error(EditError, N_("{path} cannot be edited (line {line}: {problem})"), shown, found) from None
    except OSError as exc:
        raise EditError(N_("{path} cannot be read: {reason}"), "", path=shown, reason=os_reason(exc)) from None
    body = raw.removeprefix("\ufeff")
    bom = body != raw
    crlf = "\r\n" in body
    body = body.replace("\r\n", "\n")
    return shown, raw, body, bom, crlf


def _parsed(body: str, shown: str) -> Source:
    """The checking reader's reading of a text to edit; one that is not readable YAML is refused."""
    with gc_paused():
        source = parse_text(body, Source(shown))
    _refuse_errors(source, shown)
    return source


def _refuse_errors(source: Source, shown: str) -> None:
    errors = [d for d in source.diagnostics if d.level is Severity.ERROR]
    if source.root is None or errors:
        raise syntax_error(EditError, N_("{path} cannot be edited: it is not valid YAML (line {line}: {problem})"),
                           shown, errors)


def _item_block(source: Source, list_key: str, ident: str) -> Block | None:
    """Where the item ``ident`` of ``list_key`` is written, when it can be edited alone."""
    if source.diagnostics or not isinstance(source.data, dict) or source.text is None:
        return None
    items = source.data.get(list_key)
    if not isinstance(items, list):
        return None
    wanted = ident.upper()
    for index, item in enumerate(items):
        if isinstance(item, dict) and str(item.get("id", "")).upper() == wanted:
            return item_block(source.text, source.root, list_key, index)
    return None


def _dump(data: Any) -> str:
    stream = io.StringIO()
    _yaml().dump(data, stream)
    return stream.getvalue()


def _patch(original: str, base: str, edited: str) -> str:
    """Apply the change from ``base`` to ``edited`` onto ``original`` (which ``base`` is a dump of)."""
    if base == original:
        return edited
    base_lines = base.splitlines(keepends=True)
    orig_lines = original.splitlines(keepends=True)
    edit_lines = edited.splitlines(keepends=True)
    mapping: dict[int, int] = {}
    for tag, i1, i2, j1, _j2 in difflib.SequenceMatcher(None, base_lines, orig_lines, autojunk=False).get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):
                mapping[i1 + offset] = j1 + offset
    mapping[len(base_lines)] = len(orig_lines)
    hunks: list[tuple[int, int, list[str]]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, base_lines, edit_lines, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if i1 not in mapping or (i2 > i1 and (i2 - 1) not in mapping):
            return edited  # the edit touches lines laid out differently: take the dump as a whole
        start = mapping[i1]
        stop = mapping[i2 - 1] + 1 if i2 > i1 else start
        if i2 > i1 and stop - start != i2 - i1:
            return edited
        hunks.append((start, stop, edit_lines[j1:j2]))
    result = list(orig_lines)
    for start, stop, lines in reversed(hunks):
        result[start:stop] = lines
    return "".join(result)


# --- the result of an edit ----------------------------------------------------------------------


@dataclass
class EditResult:
    """What an edit did (or, with ``dry_run``, would do) to one file."""

    path: Path
    display: str
    before: str
    after: str
    written: bool = False
    summary: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether the file's text changes."""
        return self.before != self.after

    def diff(self) -> str:
        """A unified diff of the change."""
        return unified_diff(self.before, self.after, self.display)


def finish(doc: EditableFile, *, dry_run: bool = False, summary: str = "", **params: Any) -> EditResult:
    """Check the edited document and write it atomically (unless ``dry_run``).

    A document loaded for one item whose edit reads back differently than meant raises
    :class:`NotLocalError` (the edit is then made on the whole document, which says what is wrong).
    """
    after = doc.render()
    result = EditResult(doc.path, doc.display, doc.raw, after, summary=summary, params=params)
    if not result.changed:
        return result
    checked = [_check_meaning(doc, after)]
    _check_comments(doc, after)
    result.warnings = _check_valid(doc, after, checked)
    if not dry_run:
        replace_text(doc.path, doc.raw, after, doc.display)
        result.written = True
    return result


def _check_meaning(doc: EditableFile, after: str) -> Source:
    """Both loaders must read the written text as the values the edit meant; returns the checking
    reader's reading of it."""
    body = after.removeprefix("\ufeff").replace("\r\n", "\n")
    with gc_paused():
        check = parse_text(body, Source(doc.path.name))
    if doc.block is not None:
        try:
            expected = doc.block.expected(doc.values, plain_data(doc.data))
        except ValueError:
            raise NotLocalError from None
        if check.root is None or check.data != expected:
            raise NotLocalError
        return check
    if check.root is None or check.data != plain_data(doc.data):
        raise EditError(N_("{path} was not changed: the edited text would not read back as intended"),
                        N_("Please report this; the file is left as it was."), path=doc.display)
    return check


def _check_comments(doc: EditableFile, after: str) -> None:
    if doc.block is not None:
        # the text around the item is kept as it was: only the item's lines can lose a comment
        if Counter(comments_of(doc.body)) - Counter(comments_of(doc.edited or "")):
            raise NotLocalError
        return
    missing = Counter(comments_of(doc.raw)) - Counter(comments_of(after))
    if missing:
        raise EditError(N_("{path} was not changed: the edit would lose a comment ({comment})"),
                        N_("Please report this; the file is left as it was."),
                        path=doc.display, comment=next(iter(missing)))


def _check_valid(doc: EditableFile, after: str, parsed: list[Source] | None = None) -> list[Diagnostic]:
    """Validate the edited file with the files beside it: refuse new errors, return new warnings.

    Findings the file already had before the edit are not the edit's doing; they are left to
    ``rus validate``. ``parsed`` holds the edited text as already parsed, if it was (it is taken out,
    so that its node tree is let go once checked). When the edited file has findings, the files
    beside it are validated again with its text before the edit: up to :data:`_KEEP_PARSED`
    characters of them, their readings are kept from the first time instead of being parsed again.
    """
    from rus.plans.validation import validate_sources

    name, texts = _neighbours(doc.path, doc.folder)
    texts[name] = after
    keep = sum(len(text) for other, text in texts.items() if other != name) <= _KEEP_PARSED
    kept: dict[str, Source] = {}

    def read(file_name: str) -> Source:
        if file_name == name and parsed:
            source = parsed.pop()
            if source.path != file_name:
                source.path = file_name
                source.diagnostics = [replace(d, path=file_name) for d in source.diagnostics]
            return source
        if file_name in kept:  # validation adds its findings to a reading's: each time a fresh list
            return replace(kept[file_name], diagnostics=list(kept[file_name].diagnostics))
        source = parse_text(texts[file_name].removeprefix("\ufeff"), Source(file_name))
        if keep and file_name != name:
            kept[file_name] = replace(source, diagnostics=list(source.diagnostics))
        return source

    names = sorted(texts, key=lambda p: (not Path(p).stem.startswith("actors"), p))
    mine = [d for d in validate_sources(read, names).diagnostics if d.path == name]
    if not mine:
        return []
    texts[name] = doc.raw
    known = Counter(_finding(d) for d in validate_sources(read, names).diagnostics if d.path == name)
    new: list[Diagnostic] = []
    for diagnostic in mine:
        if known[_finding(diagnostic)] > 0:
            known[_finding(diagnostic)] -= 1
        else:
            new.append(replace(diagnostic, path=doc.display))
    errors = [d for d in new if d.level is Severity.ERROR]
    if errors:
        raise InvalidEditError(errors, doc.display, after)
    return new


#: The most characters of other files whose readings an edit's validation keeps for its second round.
_KEEP_PARSED = 2_000_000


def _finding(diagnostic: Diagnostic) -> tuple[str, str]:
    """A finding without its position, which an edit above it may move."""
    return diagnostic.code, diagnostic.message()


def _neighbours(path: Path, folder: Path | None = None) -> tuple[str, dict[str, str]]:
    """The name ``path`` is validated under, and the texts of the plan files and actor registry beside
    it by name: those in its folder, or, when it lies deeper in the plans ``folder``, every one of
    them (by their path in it), as ``rus validate`` of the folder reads them."""
    from rus.base.workspace import neighbour_texts

    if folder is not None and path.parent.resolve() != folder.resolve():
        try:
            name = path.resolve().relative_to(folder.resolve()).as_posix()
        except ValueError:
            name = None
        if name is not None:
            nested: dict[str, str] = {}
            for other in plan_files(folder):
                shown = other.resolve().relative_to(folder.resolve()).as_posix()
                if shown != name:
                    try:
                        nested[shown] = other.read_bytes().decode("utf-8")
                    except (OSError, UnicodeDecodeError):
                        continue
            return name, nested
    return path.name, neighbour_texts(path)


# --- finding things -----------------------------------------------------------------------------


def _kind_and_data(path: Path) -> tuple[str | None, Any]:
    """A file's kind and its values as written (None when it cannot be read), as the one loader tells them."""
    from rus.plans.loader import load_path

    loaded = load_path(path, str(path), validate=False)
    return loaded.kind, loaded.data


def plan_files(plans_dir: Path) -> list[Path]:
    """The YAML files in a plans folder and the folders in it, as ``rus validate`` finds them; a link
    among them leading out of the repository is refused."""
    from rus.plans.validation import discover_files, outside_diagnostic
    from rus.timeline.history import LinkOutsideError

    if not plans_dir.is_dir():
        raise NotFoundError(N_("No such file or folder: {path}"), "", path=str(plans_dir))
    found = discover_files([plans_dir])
    if found.outside:
        raise LinkOutsideError(outside_diagnostic(found.outside[0], Path.cwd()))
    return [path for path in found.files if path.is_file()]


def find_plan(plans_dir: Path, area: str) -> Path:
    """The plan file of a strength area."""
    wanted = _area(area)
    for path in plan_files(plans_dir):
        kind, data = _kind_and_data(path)
        if kind == "plan" and str(data.get("area", "")).lower() == wanted.value:
            return path
    raise NotFoundError(N_("No plan for the area `{area}` in {folder}"),
                        N_("Create it from a template with `rus init`, or check the folder."),
                        area=wanted.value, folder=relative(plans_dir))


def plan_ids(plans_dir: Path, area: str) -> dict[str, list[str]]:
    """The ids of an area's sub-areas and goals, to offer when asking for them."""
    _kind, data = _kind_and_data(find_plan(plans_dir, area))
    ids: dict[str, list[str]] = {}
    for key in ("sub_areas", "goals"):
        items = data.get(key) if isinstance(data, dict) else None
        ids[key] = [str(item["id"]) for item in items or [] if isinstance(item, dict) and "id" in item]
    return ids


def _area(area: str) -> Area:
    """A strength area named by its slug, label (Swedish or English) or id prefix."""
    from rus.plans.choices import parse_area

    return parse_area(area, "AREA")


def find_item(plans_dir: Path, list_key: str, ident: str) -> tuple[Path, str]:
    """The plan file holding the activity or indicator ``ident``, and the id as written there."""
    path, written, _found = _locate(plans_dir, list_key, ident)
    return path, written


def _locate(plans_dir: Path, list_key: str, ident: str) -> tuple[Path, str, tuple[str, Source] | None]:
    """The plan file holding ``ident`` in its list ``list_key``, the id as written there, and the
    file's text and reading when it was read here.

    Files whose text holds the id (in any case) are read first; the others only when none of those
    has it (the id may be written with escapes, or lie in a file that cannot be read).
    """
    wanted = ident.strip().upper()
    files = plan_files(plans_dir)
    texts: dict[Path, str] = {}
    for path in files:
        try:
            texts[path] = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
    likely = [path for path in files if wanted in texts.get(path, "").upper()]
    broken: list[Path] = []
    for path in [*likely, *(p for p in files if p not in likely)]:
        raw = texts.get(path)
        if raw is None:
            broken.append(path)
            continue
        with gc_paused():
            source = load_text(raw.replace("\r\n", "\n"), relative(path), path.name, validate=False).source
        data = source.data
        if not isinstance(data, dict):
            broken.append(path)
            continue
        for item in data.get(list_key) or []:
            if isinstance(item, dict) and str(item.get("id", "")).upper() == wanted:
                return path, str(item["id"]), (raw, source)
        del source, data
    if broken:
        EditableFile.load(broken[0])  # raises: the id may be in a file that cannot be read
    _not_found(list_key, ident, relative(plans_dir))
    raise AssertionError  # pragma: no cover - _not_found always raises


def _load_entry(plans_dir: Path, list_key: str, ident: str) -> tuple[EditableFile, str]:
    """The plan file holding the item ``ident`` of ``list_key``, loaded to edit that item; and the id as written."""
    path, written, found = _locate(plans_dir, list_key, ident)
    doc = EditableFile.load_entry(path, list_key, written, found)
    doc.folder = plans_dir
    return doc, written


def _not_found(list_key: str, ident: str, folder: str) -> None:
    hint = N_("Check the id with `rus validate` or in the plan file.")
    if list_key == "activities":
        raise NotFoundError(N_("No activity with the id `{id}` in {folder}"), hint, id=ident, folder=folder)
    raise NotFoundError(N_("No indicator with the id `{id}` in {folder}"), hint, id=ident, folder=folder)


def find_registry(plans_dir: Path) -> Path:
    """The actor registry in a plans folder."""
    for path in plan_files(plans_dir):
        kind, _data = _kind_and_data(path)
        if kind == "actors":
            return path
    raise NotFoundError(N_("No actor registry (actors.yaml) in {folder}"), N_("Create one with `rus init`, or check the folder."),
                        folder=relative(plans_dir))


def _entry(doc: EditableFile, list_key: str, ident: str) -> CommentedMap:
    for item in doc.data.get(list_key) or []:
        if isinstance(item, CommentedMap) and str(item.get("id", "")).upper() == ident.upper():
            return item
    _not_found(list_key, ident, doc.display)
    raise AssertionError  # pragma: no cover - _not_found always raises


# --- the edits -----------------------------------------------------------------------------------


def _locked(edit: Callable[Concatenate[Path, P], EditResult]) -> Callable[Concatenate[Path, P], EditResult]:
    """Make an edit under the plans' write lock: read, change and write with no other rus writer between.

    Without the lock, two edits at the same time could both read the file, and the one written last
    would silently undo the other. A dry run writes nothing and takes no lock.
    """

    @functools.wraps(edit)
    def run(plans_dir: Path, /, *args: P.args, **kwargs: P.kwargs) -> EditResult:
        if kwargs.get("dry_run") or not plans_dir.is_dir():
            return edit(plans_dir, *args, **kwargs)
        from rus.base.fileio import write_lock

        with write_lock(plans_dir):
            return edit(plans_dir, *args, **kwargs)

    return run


def next_activity_id(doc: EditableFile, area: Area, used_before: Iterable[int] = ()) -> str:
    """The next free activity id of an area: one above the highest number used (ids are never reused).

    ``used_before`` holds the numbers the area's ids had anywhere in the history, so that an id
    removed from the file is not handed out again.
    """
    prefix = AREA_PREFIX[area]
    numbers, width = [0, *used_before], 3
    values = _values(doc)
    for item in (values.get("activities") if isinstance(values, dict) else None) or []:
        match = _NUMBER.search(str(item.get("id", ""))) if isinstance(item, dict) else None
        if match:
            numbers.append(int(match.group(1)))
            width = max(width, len(match.group(1)))
    return f"{prefix}-{max(numbers) + 1:0{width}d}"


Change = Callable[[EditableFile, CommentedMap], tuple[str, dict[str, Any]]]


def _edit_entry(plans_dir: Path, list_key: str, ident: str, change: Change, *, dry_run: bool) -> EditResult:
    """Find the item ``ident`` of ``list_key``, make ``change`` to it and finish the edit.

    ``change`` gets the document and the item, and returns the summary and its parameters. The item is loaded and
    written on its own when it can be (see :mod:`rus.writing.splice`); when the edit then does not stay
    within its lines, it is made again on the whole document.
    """
    with gc_paused():  # large node trees and values, freed by reference counting; no cycles to look for
        doc, written = _load_entry(plans_dir, list_key, ident)
        if doc.block is not None:
            try:
                summary, params = change(doc, _entry(doc, list_key, written))
                return finish(doc, dry_run=dry_run, summary=summary, **params)
            except NotLocalError:
                doc = replace(EditableFile.load(doc.path, doc.display), folder=plans_dir)
        summary, params = change(doc, _entry(doc, list_key, written))
        return finish(doc, dry_run=dry_run, summary=summary, **params)


def _edit_lines(
    plans_dir: Path, path: Path, where: Callable[[Source], Block | None], change: Callable[[EditableFile], tuple[str, dict[str, Any]]],
    *, dry_run: bool,
) -> EditResult:
    """Make ``change`` to the file ``path``, loading and writing only the lines ``where`` finds when it
    can (an append after a list's last item, the first top-level keys); when the edit then does not
    stay within them, it is made again on the whole document.

    ``change`` gets the document and returns the summary and its parameters; it reads the whole
    file's values from :func:`_values`.
    """
    with gc_paused():
        doc = replace(EditableFile.load_block(path, where), folder=plans_dir)
        if doc.block is not None:
            try:
                summary, params = change(doc)
                return finish(doc, dry_run=dry_run, summary=summary, **params)
            except NotLocalError:
                doc = replace(EditableFile.load(doc.path, doc.display), folder=plans_dir)
        summary, params = change(doc)
        return finish(doc, dry_run=dry_run, summary=summary, **params)


def _values(doc: EditableFile) -> Any:
    """The whole file's values: those the checking reader read when only some lines are loaded, else
    the document's."""
    return doc.values if doc.block is not None else doc.data


def _last_item(list_key: str) -> Callable[[Source], Block | None]:
    """Where an append to the top-level list ``list_key`` goes: after its last item."""
    return lambda source: last_item_block(source.text or "", source.root, list_key)


def _head(*keys: str) -> Callable[[Source], Block | None]:
    """The lines of the file's first top-level keys, down to the last of ``keys``."""
    return lambda source: head_block(source.text or "", source.root, keys)


def _item_of(list_key: str, ident: str) -> Callable[[Source], Block | None]:
    """The lines of the item ``ident`` (in any case) of the top-level list ``list_key``."""
    return lambda source: _item_block(source, list_key, ident)


@_locked
def add_activity(plans_dir: Path, area: str, fields: dict[str, Any], *, dry_run: bool = False) -> EditResult:
    """Add an activity to an area's plan with the next free id; ``fields`` are the model's keys."""
    wanted = _area(area)
    plan_file = find_plan(plans_dir, wanted.value)
    used_before = ids_in_history(plan_file, wanted)

    def change(doc: EditableFile) -> tuple[str, dict[str, Any]]:
        ident = next_activity_id(doc, wanted, used_before)
        values = {"id": ident, **{k: v for k, v in fields.items() if v is not None and v != [] and k != "id"}}
        unknown = [k for k in values if k not in Activity.model_fields]
        if unknown:
            raise EditError(N_("Unknown field `{field}`"), N_("Fields: {known}."), field=unknown[0],
                            known=", ".join(Activity.model_fields))
        ordered = {k: values[k] for k in Activity.model_fields if k in values}
        item = to_yaml(ordered)
        activities = doc.data.get("activities")
        if not isinstance(activities, CommentedSeq) or not activities:
            set_key(doc.data, "activities", CommentedSeq([item]), Plan)
        else:
            append_item(activities, item)
        return N_("Added activity {id} to {path}"), {"id": ident, "path": doc.display}

    return _edit_lines(plans_dir, plan_file, _last_item("activities"), change, dry_run=dry_run)


@_locked
def set_activity_fields(plans_dir: Path, ident: str, assignments: list[str], *, dry_run: bool = False) -> EditResult:
    """Set fields of an activity from ``FIELD=VALUE`` texts (dotted paths reach nested keys)."""

    def change(doc: EditableFile, activity: CommentedMap) -> tuple[str, dict[str, Any]]:
        _set_fields(activity, assignments)
        return N_("Updated activity {id} in {path}"), {"id": str(activity.get("id")), "path": doc.display}

    return _edit_entry(plans_dir, "activities", ident, change, dry_run=dry_run)


def _set_fields(activity: CommentedMap, assignments: list[str]) -> None:
    if not assignments:
        raise EditError(N_("Nothing to set"), N_("Give one or more FIELD=VALUE, e.g. progress=60."))
    for assignment in assignments:
        name, sep, raw = assignment.partition("=")
        if not sep or not name.strip():
            raise EditError(N_("`{value}` is not of the form FIELD=VALUE"), N_("Give one or more FIELD=VALUE, e.g. progress=60."), value=assignment)
        steps = [s.strip() for s in name.strip().split(".")]
        if steps == ["id"]:
            raise EditError(N_("An activity's id cannot be changed"), N_("Ids are stable; add a new activity instead."))
        if steps == ["status"]:
            raise EditError(N_("Use `rus activity status` to change the status"), N_("It checks that the change of status is allowed."))
        annotation, models = field_annotation(Activity, steps)
        value = convert(annotation, raw, name.strip())
        target = activity
        for depth, step in enumerate(steps[:-1]):
            inner = target.get(step)
            if not isinstance(inner, CommentedMap):
                inner = CommentedMap()
                set_key(target, step, inner, models[depth])
            target = inner
        if value is None:
            delete_key(target, steps[-1])
        else:
            set_key(target, steps[-1], to_yaml(value), models[len(steps) - 1] if len(models) >= len(steps) else None)


@_locked
def set_activity_status(
    plans_dir: Path, ident: str, status: str, *, note: str | None = None, end: date | None = None, dry_run: bool = False
) -> EditResult:
    """Change an activity's status, if the transition from its current status is allowed."""

    def change(doc: EditableFile, activity: CommentedMap) -> tuple[str, dict[str, Any]]:
        written_id = str(activity.get("id"))
        new = _status(status)
        old_text = str(activity.get("status", ""))
        try:
            old = Status(old_text)
        except ValueError:
            old = None
        if old is not None and not transition_allowed(old, new):
            allowed = Choices(tuple(s for s in Status if s in TRANSITIONS[old]))
            hint = HINT_ALLOWED_FROM_FINAL if old in FINAL_STATUSES else CODES["H001"].hint
            raise EditError(N_("The status of {id} cannot go from {old} to {new}"), hint, id=written_id, old=InText(old), new=InText(new), allowed=allowed)
        if new is Status.CANCELLED and not (note or "").strip() and not activity.get("status_note"):
            raise EditError(N_("A cancelled activity must say why"), N_("Give the reason with --reason (or --note)."))
        set_key(activity, "status", new.value, Activity)
        if note is not None and note.strip():
            set_key(activity, "status_note", note.strip(), Activity)
        if new is Status.COMPLETED:
            set_key(activity, "progress", 100, Activity)
        if end is not None:
            period = activity.get("period")
            if not isinstance(period, CommentedMap):
                raise EditError(N_("The activity {id} has no period"), "", id=written_id)
            set_key(period, "end", end, None)
        return N_("Status of {id}: {old} → {new} in {path}"), {
            "id": written_id, "old": old if old is not None else (old_text or "-"), "new": new, "path": doc.display}

    return _edit_entry(plans_dir, "activities", ident, change, dry_run=dry_run)


def _status(text: str) -> Status:
    from rus.plans.choices import parse_choice

    return parse_choice(Status, text, "STATUS")


@_locked
def cancel_activity(plans_dir: Path, ident: str, reason: str, *, dry_run: bool = False) -> EditResult:
    """Cancel an activity, recording why."""
    if not reason.strip():
        raise EditError(N_("A cancelled activity must say why"), N_("Give the reason with --reason (or --note)."))
    return set_activity_status(plans_dir, ident, Status.CANCELLED.value, note=reason, dry_run=dry_run)


@_locked
def record_actual(
    plans_dir: Path, ident: str, period: str, value: float, *, municipality: str | None = None,
    note: str | None = None, dry_run: bool = False,
) -> EditResult:
    """Record an indicator's actual for a period (and municipality); an existing one is replaced."""
    number: int | float = int(value) if float(value).is_integer() else float(value)
    place = municipality.strip().lower() if municipality else None

    def change(doc: EditableFile, indicator: CommentedMap) -> tuple[str, dict[str, Any]]:
        actuals = indicator.get("actuals")
        for actual in actuals or []:
            if isinstance(actual, CommentedMap) and str(actual.get("period")) == period and (actual.get("municipality") or None) == place:
                set_key(actual, "value", number, Actual)
                if note:
                    set_key(actual, "note", note, Actual)
                break
        else:
            fields: dict[str, Any] = {"period": period, "value": number}
            if place:
                fields["municipality"] = place
            if note:
                fields["note"] = note
            item = to_yaml(fields)
            if isinstance(actuals, CommentedSeq) and actuals:
                append_item(actuals, item)
            else:
                from rus.plans.models import Indicator

                set_key(indicator, "actuals", CommentedSeq([item]), Indicator)
        return N_("Recorded {value} for {id}, period {period}, in {path}"), {
            "value": number, "id": str(indicator.get("id")), "period": period, "path": doc.display}

    return _edit_entry(plans_dir, "indicators", ident, change, dry_run=dry_run)


@_locked
def record_meeting(
    plans_dir: Path, area: str, *, when: date, place: str, participants: list[str], notes: str | None = None,
    revision: str | None = None, cycle: list[str] | None = None, dry_run: bool = False,
) -> EditResult:
    """Record the mobilising meeting a revision of an area's plan came from (``cycle``: the slugs of
    the steps of the six-step process it worked on)."""
    wanted = _area(area)

    def change(doc: EditableFile) -> tuple[str, dict[str, Any]]:
        _record_meeting(doc, when, place, participants, notes, revision, cycle)
        return N_("Recorded the meeting of {date} in {path}"), {"date": when.isoformat(), "path": doc.display}

    return _edit_lines(plans_dir, find_plan(plans_dir, wanted.value), _head("meeting", "revision"), change, dry_run=dry_run)


def _record_meeting(
    doc: EditableFile, when: date, place: str, participants: list[str], notes: str | None, revision: str | None,
    cycle: list[str] | None,
) -> None:
    meeting = doc.data.get("meeting")
    if not isinstance(meeting, CommentedMap):
        meeting = CommentedMap()
        set_key(doc.data, "meeting", meeting, Plan)
    new_meeting = str(meeting.get("date", "")) != when.isoformat()
    set_key(meeting, "date", when, Meeting)
    set_key(meeting, "place", place, Meeting)
    unique = list(dict.fromkeys(p.strip().lower() for p in participants if p.strip()))
    old = meeting.get("participants")
    if isinstance(old, CommentedSeq) and old:
        trailing = take_trailing(old)
        del old[:]
        old.extend(unique)
        give_trailing(old, trailing)
    else:
        set_key(meeting, "participants", to_yaml(unique), Meeting)
    if notes is not None and notes.strip():
        set_key(meeting, "notes", notes.strip(), Meeting)
    elif notes is not None or new_meeting:
        delete_key(meeting, "notes")  # the notes of an earlier meeting do not describe this one
    if cycle:
        set_key(meeting, "cycle", to_yaml(list(dict.fromkeys(cycle))), Meeting)
    elif new_meeting:
        delete_key(meeting, "cycle")  # nor do the steps it worked on
    # A mobilising meeting gives the plan its revision (rus.plans.revision): the current one while it fits
    # the meeting's date, else the next that does (spring YYYY-1, autumn YYYY-2, a third YYYY-3).
    current = str(doc.data.get("revision", ""))
    if revision:
        wanted_revision = revision
    elif is_revision(current) and fits_meeting(current, when):
        wanted_revision = current
    else:
        wanted_revision = expected_for_meeting(when, current)
    if str(doc.data.get("revision", "")) != wanted_revision:
        set_key(doc.data, "revision", wanted_revision, Plan)


@_locked
def add_actor(
    plans_dir: Path, ident: str, name: str, helix: str, *, municipality: str | None = None, country: str | None = None,
    sami_organisation: bool = False, ladder: dict[str, str] | None = None, dry_run: bool = False,
) -> EditResult:
    """Add an actor to the registry (``country``: an ISO 3166-1 code, for an actor abroad)."""
    def change(doc: EditableFile) -> tuple[str, dict[str, Any]]:
        _add_actor(doc, ident, name, helix, municipality, country, sami_organisation, ladder)
        return N_("Added actor {id} to {path}"), {"id": ident, "path": doc.display}

    return _edit_lines(plans_dir, find_registry(plans_dir), _last_item("actors"), change, dry_run=dry_run)


def _add_actor(
    doc: EditableFile, ident: str, name: str, helix: str, municipality: str | None, country: str | None,
    sami_organisation: bool, ladder: dict[str, str] | None,
) -> None:
    values = _values(doc)
    for actor in (values.get("actors") if isinstance(values, dict) else None) or []:
        if isinstance(actor, dict) and str(actor.get("id", "")).lower() == ident.strip().lower():
            raise EditError(N_("The actor `{id}` is already in the registry"), N_("Ids are unique; choose another id."), id=ident)
    actors = doc.data.get("actors")
    fields: dict[str, Any] = {"id": ident.strip(), "name": name.strip(), "helix": helix.strip()}
    if municipality:
        fields["municipality"] = municipality.strip().lower()
    if country:
        fields["country"] = country.strip().upper()
    if sami_organisation:
        fields["sami_organisation"] = True
    if ladder:
        fields["ladder"] = {_area(a).value: s for a, s in ladder.items()}
    item = to_yaml({k: fields[k] for k in Actor.model_fields if k in fields})
    if isinstance(actors, CommentedSeq) and actors:
        append_item(actors, item)
    else:
        set_key(doc.data, "actors", CommentedSeq([item]), ActorRegistry)


@_locked
def set_ladder_step(plans_dir: Path, ident: str, area: str, step: str, *, dry_run: bool = False) -> EditResult:
    """Set an actor's step on the Samhandlingstrappan for one area."""
    wanted = _area(area)

    def change(doc: EditableFile) -> tuple[str, dict[str, Any]]:
        for actor in doc.data.get("actors") or []:
            if isinstance(actor, CommentedMap) and str(actor.get("id", "")).lower() == ident.strip().lower():
                break
        else:
            raise NotFoundError(N_("No actor with the id `{id}` in {folder}"), N_("Add it with `rus actor add`."),
                                id=ident, folder=doc.display)
        _set_step(actor, wanted, step)
        return N_("{id} is at step {step} for {area} in {path}"), {
            "id": str(actor.get("id")), "step": lookup(LadderStep, step) or step, "area": wanted, "path": doc.display}

    return _edit_lines(plans_dir, find_registry(plans_dir), _item_of("actors", ident.strip()), change, dry_run=dry_run)


def _set_step(actor: CommentedMap, wanted: Area, step: str) -> None:
    ladder = actor.get("ladder")
    if not isinstance(ladder, CommentedMap):
        ladder = CommentedMap()
        set_key(actor, "ladder", ladder, Actor)
    order = [a.value for a in Area]
    if wanted.value in ladder:
        ladder[wanted.value] = step.strip().lower()
    else:
        position = sum(1 for k in ladder if k in order and order.index(k) < order.index(wanted.value))
        keys = list(ladder.keys())
        trailing = take_after(ladder, keys[position - 1]) if position > 0 else None
        ladder.insert(position, wanted.value, step.strip().lower())
        give_after(ladder, wanted.value, trailing)


__all__ = [
    "EditError",
    "EditResult",
    "EditableFile",
    "InvalidEditError",
    "add_activity",
    "add_actor",
    "cancel_activity",
    "find_item",
    "find_plan",
    "find_registry",
    "finish",
    "next_activity_id",
    "plan_ids",
    "record_actual",
    "record_meeting",
    "set_activity_fields",
    "set_activity_status",
    "set_ladder_step",
]
