"""Reading one area's plans at commit after commit, doing as little as it can (``rus revisions``, ``rus diff``).

Between two revisions of an area most of its text is the same. An :class:`AreaReader` reads only
the files of its area (a file whose top-level ``area:`` line names another area is passed over; the
actor registry and any file that does not say its area plainly are read through the cache of parsed
blobs), does not read again a file whose blob it read at the commit before, and reads a changed file
**block by block** (:class:`BlockReader`): the file is cut at its top-level list items (activities,
goals, indicators, sub-areas, documents…), and only the blocks whose text it has not seen are parsed
and validated; the others are the *same* item objects as before, which a comparison skips at once.

Every read happens **against the region of the commit read** (``region_at``, as
:meth:`~rus.timeline.history.History.load_commit` does): a plan's values mean what that commit's
region file says. Whatever was read under one region is never re-used under another (the blocks
known and the files read are keyed by the region), so a change to the region file between two
revisions makes the plans be read afresh.

Each block is parsed the way the whole file would be: as ``<key>:`` followed by the block's own
lines, so indentation, depth and the YAML 1.2 resolution are those of the full file. Plans have no
check that spans items (each item is validated on its own), so the parts validated apart make the
same model as the whole file validated at once. Whatever the cutting is not sure of — anchors,
aliases or tags, several documents, tabs, carriage returns, a block text that keeps its trailing
lines, a layout it does not recognise, a file of an older edition, and any error or finding at all —
makes it give up: the whole file is then parsed, which also locates the errors.
"""

from __future__ import annotations

import re
import typing
from collections import OrderedDict
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from rus.base.diagnostics import Severity
from rus.base.vocab import Area, RegionVocabularies, active_region
from rus.plans.models import ActorRegistry, Plan
from rus.plans.source import Source, gc_paused, parse_text
from rus.timeline.history import (
    WORKING_TREE,
    History,
    ParsedFile,
    PlanSet,
    _Entry,
    _parse,
    blob_id,
    build_planset,
    parse_file,
)

if TYPE_CHECKING:
    from pydantic import BaseModel

# --- cutting a file into blocks --------------------------------------------------------------------

#: Bytes the reader leaves to the full parse: tabs, carriage returns, and the UTF-8 of the other line
#: breaks and of the byte order mark, which libyaml treats apart.
_ODD_BYTES = (b"\t", b"\r", "\x85".encode(), "\u2028".encode(), "\u2029".encode(), "\ufeff".encode())
#: Anchors, aliases and tags (``&a``, ``*a``, ``!tag`` after a blank or an indicator).
_NODE_PROPERTY = re.compile(rb"(?:^|[\s\[{,:?-])[&*!][^\s]", re.MULTILINE)
#: Directives and document markers.
_DOCUMENT = re.compile(rb"^(?:---|\.\.\.)(?:[ \n]|$)|^%", re.MULTILINE)
#: A block text that keeps its trailing line breaks (``|+``, ``>2+``).
_KEEP = re.compile(rb"[|>][0-9]*\+")
#: Merge conflict markers.
_CONFLICT = re.compile(rb"^(<{7}|={7}|>{7}|\|{7})", re.MULTILINE)
#: A top-level key with nothing after it on its line (a list may follow on the next lines).
_BARE_KEY = re.compile(rb"([A-Za-z_][A-Za-z0-9_]*):[ ]*(?:#.*)?\n?")
#: Each line that is indented by at most two spaces and holds something (searched in the text after
#: a line break: a literal start is much quicker to find than a ``^`` at every position).
_SHALLOW = re.compile(rb"\n {0,2}[^ \n]")
#: Lines that hold nothing but blanks or a comment.
_BLANKS = re.compile(rb"(?:[ ]*(?:#[^\n]*)?\n)*")
#: A top-level ``area:`` line, to leave the files of other areas unread.
_AREA_LINE = re.compile(rb"\narea:[ ]*(['\"]?)([a-z-]+)\1[ ]*(?:#[^\n]*)?(?=\n|$)")
_HASH, _DASH = ord("#"), ord("-")

#: Above this share of new blocks, a file is parsed whole (new blocks are parsed together, at about the
#: cost per item of the whole file; the whole-file parse saves only the cutting).
FULL_PARSE_SHARE = 0.75


def _unsure(text: bytes) -> bool:
    """Whether the text has something whose meaning may reach across blocks (the full parse decides)."""
    # substring tests first: the regular expressions are slow over a large text
    if any(odd in text for odd in _ODD_BYTES):
        return True
    if any(char in text for char in (b"&", b"*", b"!")) and _NODE_PROPERTY.search(text) is not None:
        return True
    if any(mark in text for mark in (b"---", b"...", b"%")) and _DOCUMENT.search(text) is not None:
        return True
    if b"+" in text and _KEEP.search(text) is not None:
        return True
    return any(mark in text for mark in (b"<" * 7, b"=" * 7, b">" * 7, b"|" * 7)) and _CONFLICT.search(text) is not None


def _is_item(text: bytes, start: int) -> bool:
    """Whether a list item (``- ``) starts at ``start``."""
    return text.startswith((b"- ", b"-\n"), start) or (start == len(text) - 1 and text[start] == _DASH)


def split_blocks(text: bytes, *, check: bool = True) -> tuple[bytes, dict[str, list[bytes]]] | None:
    """The head of a file and the blocks of text of each top-level list, or None for a layout it leaves alone.

    The head keeps each list's key line (``activities:``), so it parses to the same keys in the same
    order, each list's value being empty. A block runs from its ``- `` to the next item or top-level
    key; lines indented deeper than the items are only passed over, never looked at one by one. The
    text stays in bytes (UTF-8): only what is parsed is decoded. With ``check`` False, the caller
    looks for what the reader is not sure of (:func:`_unsure`) itself, in the parts it parses.
    """
    if check and _unsure(text):
        return None
    # (where the line starts in ``text``, its indentation)
    shallow = [(m.start(), m.end() - 2 - m.start()) for m in _SHALLOW.finditer(b"\n" + text)]
    count = len(shallow)
    head: list[bytes] = []
    lists: dict[str, list[bytes]] = {}
    head_start = 0
    i = 0
    while i < count:
        pos, indent = shallow[i]
        i += 1
        if indent or text[pos] in (_HASH, _DASH):
            continue
        eol = text.find(b"\n", pos)
        if eol < 0:
            break
        key = _BARE_KEY.fullmatch(text, pos, eol + 1)
        if key is None:
            continue
        j = i
        while j < count and text[shallow[j][0] + shallow[j][1]] == _HASH:
            j += 1
        if j == count or shallow[j][1] not in (0, 2) or not _is_item(text, sum(shallow[j])):
            continue
        if _BLANKS.fullmatch(text, eol + 1, shallow[j][0]) is None:
            continue  # a deeper line before the first item: not a layout the reader splits
        name = key.group(1).decode("ascii")
        if name in lists:
            return None  # a key twice: the full parse says so
        items = shallow[j][1]
        head.append(text[head_start:eol + 1])
        blocks: list[bytes] = []
        start = shallow[j][0]
        k = j + 1
        while k < count:
            row, row_indent = shallow[k]
            if text[row + row_indent] != _HASH:
                if row_indent == items and _is_item(text, row + row_indent):
                    blocks.append(text[start:row])
                    start = row
                elif row_indent == 0:
                    break  # the next top-level key
                elif row_indent <= items:
                    return None  # something between the list's items and the top level, or not an item
            k += 1
        end = shallow[k][0] if k < count else len(text)
        blocks.append(text[start:end])
        lists[name] = blocks
        head_start = end
        i = k
    head.append(text[head_start:])
    return b"".join(head), lists


def area_line(raw: bytes) -> str:
    """The area name a file's one top-level ``area:`` line gives plainly; "" when there is none, several or an odd one."""
    found = _AREA_LINE.findall(b"\n" + raw)  # a literal start: much quicker than a ^ over every line
    return found[0][1].decode() if len(found) == 1 else ""


def _item_types(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """The model of the items of each field that is a list of models (``activities`` → ``Activity``)."""
    from pydantic import BaseModel

    types: dict[str, type[BaseModel]] = {}
    for name, info in model.model_fields.items():
        args = typing.get_args(info.annotation)
        if typing.get_origin(info.annotation) is list and len(args) == 1 and isinstance(args[0], type) and issubclass(args[0], BaseModel):
            types[name] = args[0]
    return types


_ITEM_TYPES: dict[type[BaseModel], dict[str, type[BaseModel]]] = {}


def _same_region(one: RegionVocabularies | None, other: RegionVocabularies) -> bool:
    return one is other or (one is not None and bool(one.digest) and one.digest == other.digest)


def _region_key(region: RegionVocabularies) -> str:
    """What tells regions apart in the keys of what was read (the digest of the region file's bytes)."""
    return region.digest or f"id:{id(region)}"


# --- reading a file block by block -----------------------------------------------------------------


class BlockReader:
    """Parses files block by block, re-using the item models of the blocks read before in the same path.

    It keeps the blocks of the last version read of each path: walking through the revisions, a
    file is compared with its own version before, and nothing older is held. What it knows was read
    under one region: under another, it forgets it all (a value may mean something else there).
    """

    def __init__(self) -> None:
        self.known: dict[str, dict[tuple[str, bytes], BaseModel]] = {}  # path -> (key, block) -> item
        self.region: RegionVocabularies | None = None
        self.reused = 0
        self.parsed = 0

    def _under_active_region(self) -> None:
        region = active_region()
        if not _same_region(self.region, region):
            self.known.clear()
            self.region = region

    def parse(self, path: str, raw: bytes, name: str) -> Plan | ActorRegistry | None:
        """The file's model, or None when the whole file has to be parsed (an odd layout or any finding)."""
        from pydantic import ValidationError

        from rus.plans.editions import CURRENT_EDITION, edition_of
        from rus.plans.validation import file_kind

        self._under_active_region()
        if raw.startswith(b"\xef\xbb\xbf") or b"\0" in raw:
            return None
        # what is unsure is looked for only in the head and the new blocks: a known block was read
        # from a file that had nothing unsure in it (remember() checks the whole file)
        split = split_blocks(raw, check=False)
        if split is None:
            return None
        head_text, lists = split
        if _unsure(head_text):
            return None
        head = _parse_data(path, head_text)
        if not isinstance(head, dict) or any(head.get(key, 0) is not None for key in lists):
            return None
        kind = file_kind(head, name)
        if kind not in ("plan", "actors") or edition_of(head) != CURRENT_EDITION:
            return None  # an older edition is upgraded by the whole parse
        model_type: type[Plan] | type[ActorRegistry] = Plan if kind == "plan" else ActorRegistry
        types = _ITEM_TYPES.get(model_type)
        if types is None:
            types = _ITEM_TYPES[model_type] = _item_types(model_type)
        before = self.known.get(path, {})
        total = sum(len(blocks) for blocks in lists.values())
        new = sum(1 for key, blocks in lists.items() for block in blocks if (key, block) not in before)
        if new > total * FULL_PARSE_SHARE:
            return None  # parsing the whole file at once is quicker; remember() then learns its blocks
        now: dict[tuple[str, bytes], BaseModel] = {}
        items: dict[str, list[BaseModel]] = {}
        for key, blocks in lists.items():
            item_type = types.get(key)
            if item_type is None:
                return None
            missing = [block for block in blocks if (key, block) not in before]
            if any(_unsure(block) for block in missing):
                return None
            read = _read_items(path, key, missing, item_type) if missing else {}
            if read is None:
                return None
            self.parsed += len(read)
            self.reused += len(blocks) - len(read)
            found: list[BaseModel] = []
            for block in blocks:
                item = read.get(block)
                if item is None:
                    item = before[(key, block)]
                now[(key, block)] = item
                found.append(item)
            items[key] = found
        try:
            bare = model_type.model_validate({**head, **{key: [] for key in lists}})
        except ValidationError:
            return None
        self.known[path] = now
        return bare.model_copy(update=items)

    def remember(self, path: str, raw: bytes, model: Plan | ActorRegistry | Any) -> None:
        """Learn the blocks of a file that was parsed whole, from the items of its model."""
        self._under_active_region()
        split = split_blocks(raw) if isinstance(model, Plan | ActorRegistry) else None
        if split is None:
            self.known.pop(path, None)
            return
        known: dict[tuple[str, bytes], BaseModel] = {}
        for key, blocks in split[1].items():
            items = getattr(model, key, None)
            if not isinstance(items, list) or len(items) != len(blocks):
                self.known.pop(path, None)
                return
            known.update(((key, block), item) for block, item in zip(blocks, items, strict=True))
        self.known[path] = known

    def forget(self) -> None:
        """Forget every block read so far."""
        self.known.clear()


def _read_items(path: str, key: str, blocks: list[bytes], item_type: type[BaseModel]) -> dict[bytes, BaseModel] | None:
    """Some blocks of one list, parsed at once as ``<key>:`` and the blocks, each validated; None on any finding.

    The items of a list are read one by one in YAML, so parsing some of them together gives each the
    value it has in the whole file; together, the cost of starting a parse is paid once.
    """
    from pydantic import ValidationError

    unique = list(dict.fromkeys(blocks))
    data = _parse_data(path, key.encode("ascii") + b":\n" + b"".join(unique))
    if not isinstance(data, dict) or not isinstance(data.get(key), list) or len(data[key]) != len(unique):
        return None
    found: dict[bytes, BaseModel] = {}
    for block, value in zip(unique, data[key], strict=True):
        try:
            found[block] = item_type.model_validate(value)
        except ValidationError:
            return None
    return found


def _parse_data(path: str, raw: bytes) -> Any:
    """The plain values of some YAML text; None when it is not UTF-8 or has any finding (the full parse reports it)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    source = parse_text(text, Source(path))
    if source.root is None or any(d.level in (Severity.ERROR, Severity.WARNING) for d in source.diagnostics):
        return None
    return source.data


def read_entry(path: str, raw: bytes, blocks: BlockReader) -> _Entry:
    """The file's model, checked against the schema, or its first error; not kept in the blob cache.

    Only the blocks of text ``blocks`` has not read before are parsed; a file it leaves alone is
    parsed whole (:func:`~rus.timeline.history._parse`) and its blocks learnt for the next version.
    The entry's ``text`` is left empty: what a comparison reads is the model, and a file's text (which
    is decoded only in the parts parsed) would double what is held.
    """
    name = PurePosixPath(path).name
    model = blocks.parse(path, raw, name)
    if model is not None:
        return ParsedFile(model, "")
    entry = _parse(path, raw, name)
    if isinstance(entry, ParsedFile):
        blocks.remember(path, raw, entry.model)
        return ParsedFile(entry.model, "")
    return entry


# --- the files of a commit, each blob read once ----------------------------------------------------


class Blobs:
    """The plan files of the commits read, and the bytes of blobs read for one area but held by another.

    A reader learns which area a blob holds by reading it (:func:`area_line`); the bytes of a blob
    of another area are kept for that area's reader at the same commit, so that each blob is read
    from git once, and dropped once taken (or when the commit is left two commits behind).
    """

    def __init__(self, history: History, *, hold: bool = True) -> None:
        self.history = history
        self.hold_others = hold  # False: a caller that reads one area through all commits, then the next
        self.areas: dict[str, str] = {}  # blob id -> the area name its `area:` line gives ("" none)
        self.pending: OrderedDict[str | None, dict[str, bytes]] = OrderedDict()  # commit -> blob id -> bytes

    def files(self, commit: str | None) -> list[tuple[str, str]]:
        """The plan files (path, blob id) of a commit (None: the working tree, whose bytes are then held)."""
        if commit is not None:
            return list(self.history.tree_files(self.history.repo.commit(commit)).items())
        held = self._held(None)
        listed: list[tuple[str, str]] = []
        for path, data in self.history.worktree_files().items():
            oid = blob_id(data)
            held[oid] = data
            listed.append((path, oid))
        return listed

    def _held(self, commit: str | None) -> dict[str, bytes]:
        held = self.pending.get(commit)
        if held is None:
            held = self.pending[commit] = {}
            while len(self.pending) > 2:
                self.pending.popitem(last=False)
        else:
            self.pending.move_to_end(commit)
        return held

    def take(self, commit: str | None, oid: str) -> bytes:
        """The bytes of a blob (from those held for the commit, or from git)."""
        held = self._held(commit)
        data = held.pop(oid, None) if commit is not None else held.get(oid)
        return data if data is not None else self.history.read_blob(oid)

    def hold(self, commit: str | None, oid: str, data: bytes) -> None:
        """Keep the bytes of a blob of another area for that area's reader (unless told not to)."""
        if self.hold_others:
            self._held(commit)[oid] = data

    def area_of(self, commit: str | None, oid: str) -> tuple[str, bytes | None]:
        """The area name a blob gives (see :func:`area_line`), and its bytes when they had to be read."""
        named = self.areas.get(oid)
        if named is not None:
            return named, None
        data = self.take(commit, oid)
        named = self.areas[oid] = area_line(data)
        return named, data


# --- one area at commit after commit ---------------------------------------------------------------


class AreaReader:
    """Reads one area's plans at one commit after another (see the module's docstring).

    ``area`` None reads only the files that do not say their area plainly (the actor registry, the
    programme file): the side of a comparison that gives the registry.
    """

    def __init__(self, history: History, area: Area | None, blobs: Blobs | None = None) -> None:
        self.history = history
        self.area = area
        self.blobs = blobs if blobs is not None else Blobs(history)
        self.blocks = BlockReader()
        # (blob id, named like the registry, region) -> the entry; None: another area's file
        self.previous: dict[tuple[str, bool, str], _Entry | None] = {}

    def read(self, commit: str | None, label: str) -> PlanSet:
        """The area's files at a commit (None: the working tree), read against that commit's region."""
        from rus.plans.region import region_at

        if commit is None:  # the working tree: its region is the active one
            with gc_paused():
                return self._read(None, WORKING_TREE)
        history = self.history
        with region_at(history.region_file(history.repo.commit(commit)), f"{label}:{history.region_path()}"), gc_paused():
            return self._read(commit, label)

    def areas(self, commit: str | None, label: str) -> list[Area]:
        """The areas whose plans a commit holds: those its files' ``area:`` lines name plainly, and those
        of the files read whole (this reader's own files), each an area of the commit's region."""
        from rus.plans.region import region_at

        history = self.history
        region = None if commit is None else history.region_file(history.repo.commit(commit))
        with region_at(region, f"{label}:{history.region_path()}"):
            found = dict.fromkeys(self.read(commit, label).plans)
            for _path, oid in self.blobs.files(commit):
                named, data = self.blobs.area_of(commit, oid)
                if data is not None:
                    self.blobs.hold(commit, oid, data)
                if named in Area._value2member_map_:
                    found[Area(named)] = None
        return list(found)

    def plan(self, commit: str, label: str) -> Plan | None:
        """The area's plan at a commit (None when it has none there)."""
        assert self.area is not None
        return self.read(commit, label).plans.get(self.area)

    def _read(self, commit: str | None, label: str) -> PlanSet:
        region = _region_key(active_region())
        wanted = "" if self.area is None else self.area.value
        current: dict[tuple[str, bool, str], _Entry | None] = {}
        files: dict[str, _Entry] = {}
        for path, oid in self.blobs.files(commit):
            key = (oid, PurePosixPath(path).name.startswith("actors"), region)
            if key in current:
                entry = current[key]
            elif key in self.previous:
                entry = self.previous[key]
            else:
                entry = self._entry(commit, path, oid, wanted)
            current[key] = entry
            if entry is not None:
                files[path] = entry
        self.previous = current
        return build_planset(files, label, commit)

    def _entry(self, commit: str | None, path: str, oid: str, wanted: str) -> _Entry | None:
        named, data = self.blobs.area_of(commit, oid)
        if named == "" or named not in Area._value2member_map_:
            # the actor registry, or a plan that does not say its area plainly (or names one the
            # region does not have): read whole, once for every area, through the cache of parsed blobs
            return parse_file(path, data if data is not None else (lambda: self.blobs.take(commit, oid)), oid)
        if named != wanted:
            if data is not None:
                self.blobs.hold(commit, oid, data)
            return None
        return read_entry(path, data if data is not None else self.blobs.take(commit, oid), self.blocks)
