"""The answers to an editor's questions about plan files, as Language Server Protocol data.

Positions inside rus are 0-based code points; :class:`Units` converts them to what the client counts
(UTF-16 code units unless it asked for another encoding). Nothing here talks to the client.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from lsprotocol import types
from pydantic import BaseModel
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from rus.base.codes import HINT_DID_YOU_MEAN, HINT_FIX_DATE, N_
from rus.base.diagnostics import Diagnostic, Severity
from rus.base.i18n import translate
from rus.base.vocab import VOCAB_TITLES, Helix, Lang, RegionVocab, Status, Vocab
from rus.lsp.context import (
    ITEM,
    SHARED_KINDS,
    Cursor,
    Slot,
    at_position,
    cursor_at,
    key_of,
    line_parts,
    root_model,
    slot,
)
from rus.lsp.group import (
    FileCheck,
    GroupCheck,
    Symbol,
    Workspace,
    meeting_ident,
    split_lines,
    token_end,
)
from rus.plans.loader import load_text
from rus.plans.models import ActorRegistry, MeetingRef, Plan, ProgrammeFile
from rus.plans.source import MAX_FILE_BYTES

SOURCE = "rus"
#: The R003 parameter that says the unknown id is an actor's.
_ACTOR_WHAT = "@actor in the actor registry"


@dataclass(frozen=True)
class Units:
    """Converts columns between code points (rus) and the client's position encoding."""

    encoding: str = types.PositionEncodingKind.Utf16.value

    def width(self, text: str) -> int:
        """The length of a text in the client's units."""
        if self.encoding == types.PositionEncodingKind.Utf8.value:
            return len(text.encode("utf-8", "surrogatepass"))
        if self.encoding == types.PositionEncodingKind.Utf32.value:
            return len(text)
        return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)

    def position(self, lines: list[str], line: int, column: int) -> types.Position:
        """A 0-based code-point position as the client counts it (clamped to the text)."""
        if line >= len(lines):
            return types.Position(line=max(len(lines) - 1, 0), character=self.width(lines[-1]) if lines else 0)
        return types.Position(line=line, character=self.width(lines[line][:column]))

    def range(self, lines: list[str], line: int, start: int, end_line: int, end: int) -> types.Range:
        """A 0-based code-point range as the client counts it."""
        return types.Range(start=self.position(lines, line, start), end=self.position(lines, end_line, end))

    def column(self, lines: list[str], position: types.Position) -> tuple[int, int]:
        """A client position as a 0-based line and code-point column."""
        if position.line >= len(lines):
            return len(lines), 0
        text = lines[position.line]
        units = 0
        for i, ch in enumerate(text):
            if units >= position.character:
                return position.line, i
            units += self.width(ch)
        return position.line, len(text)


# --- diagnostics ----------------------------------------------------------------------------------


def diagnostic_range(diagnostic: Diagnostic, lines: list[str]) -> tuple[int, int, int, int]:
    """Where a finding is in 0-based code points: its node's span, else the token at its column."""
    line = min(max(diagnostic.line - 1, 0), max(len(lines) - 1, 0))
    text = lines[line] if lines else ""
    start = min(max(diagnostic.column - 1, 0), len(text))
    if diagnostic.end_line is not None and diagnostic.end_column is not None and diagnostic.end_line - 1 < len(lines):
        return line, start, diagnostic.end_line - 1, diagnostic.end_column - 1
    end = token_end(text, start)
    if end == start and text.strip():  # at the end of the line: underline what the line holds
        start = len(text) - len(text.lstrip())
        end = len(text)
    return line, start, line, end


def to_lsp(diagnostic: Diagnostic, lines: list[str], lang: Lang, units: Units) -> types.Diagnostic:
    """A finding as the client shows it: the same code, severity, message and hint as ``rus validate``."""
    message = diagnostic.message(lang)
    hint = diagnostic.hint(lang)
    if hint:
        message = f"{message}\n{translate(N_('hint'), lang)}: {hint}"
    return types.Diagnostic(
        range=units.range(lines, *diagnostic_range(diagnostic, lines)),
        message=message,
        severity=types.DiagnosticSeverity.Error if diagnostic.level is Severity.ERROR else types.DiagnosticSeverity.Warning,
        code=diagnostic.code,
        source=SOURCE,
        data={"rule": diagnostic.rule},
    )


def file_diagnostics(check: FileCheck, text: str | None, lang: Lang, units: Units) -> list[types.Diagnostic]:
    """Every finding of one file, for publishing."""
    lines = split_lines(text if text is not None else check.text or "")
    return [to_lsp(d, lines, lang, units) for d in check.diagnostics]


# --- labels ---------------------------------------------------------------------------------------


def field_title(info: Any, name: str, lang: Lang) -> str:
    """A field's title in the given language (the Swedish title is the model's ``title``)."""
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    english = extra.get("x-title-en")
    return str(english) if lang == "en" and english else str(info.title or name)


def field_description(info: Any, lang: Lang) -> str:
    """A field's description in the given language."""
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return str(extra.get(f"x-description-{lang}", ""))


def _value_markdown(member: Vocab | RegionVocab, lang: Lang) -> str:
    label = member.label
    other: Lang = "en" if lang == "sv" else "sv"
    text = f"**{label.text(lang)}** (`{member.value}`) · {label.text(other)}"
    description = label.description(lang)
    return text + (f"\n\n{description}" if description != label.text(lang) else "")


#: The field whose title names a kind of symbol that is not a list of the same name.
_KIND_FIELDS = {"meetings": "meeting", "areas": "area"}


def _symbol_markdown(symbol: Symbol, lang: Lang) -> str:
    name = _KIND_FIELDS.get(symbol.kind, symbol.kind)
    section = Plan.model_fields.get(name) or ProgrammeFile.model_fields.get(name)
    kind = field_title(section, name, lang) if section is not None else _actor_title(lang)
    lines = [f"{kind} `{symbol.ident}`", f"**{symbol.title}**" if symbol.title else ""]
    if symbol.helix is not None:
        lines.append(f"{VOCAB_TITLES[Helix].text(lang)}: {symbol.helix.text(lang)}")
    if symbol.status is not None:
        lines.append(f"{VOCAB_TITLES[Status].text(lang)}: {symbol.status.text(lang)}")
    return "\n\n".join(line for line in lines if line)


def _actor_title(lang: Lang) -> str:
    """What the registry's actors are called, from the registry model's field."""
    return field_title(ActorRegistry.model_fields["actors"], "actors", lang)


# --- where the cursor is --------------------------------------------------------------------------


@dataclass
class OpenFile:
    """One file as the features see it: its path, text, lines and the model of its kind."""

    path: Path
    text: str
    lines: list[str] = field(init=False)
    model: type[BaseModel] = field(init=False)
    group: GroupCheck | None = None

    def __post_init__(self) -> None:
        self.lines = split_lines(self.text)
        check = self.group.files.get(self.path) if self.group is not None else None
        self.model = root_model(check.kind if check is not None else None, self.path.name)


def _symbols_for(doc: OpenFile, kind: str) -> list[Symbol]:
    """The ids a reference of ``kind`` may name: the registry's actors, documents, this plan's
    items, or (from the programme file) every plan's."""
    if doc.group is None:
        return []
    shared = kind in SHARED_KINDS or _is_programme(doc)
    # the file's own first: a reference number its own documents list leads there
    found = sorted(doc.group.symbols(kind, None if shared else doc.path), key=lambda s: s.path != doc.path)
    unique: dict[str, Symbol] = {}
    for symbol in found:
        unique.setdefault(symbol.ident, symbol)
    return list(unique.values())


# --- completion -----------------------------------------------------------------------------------


def completions(doc: OpenFile, line: int, column: int, lang: Lang, units: Units) -> list[types.CompletionItem]:
    """What may be typed at a position: keys allowed there, vocabulary values, or ids."""
    cursor = cursor_at(doc.lines, line, column, doc.model)
    if cursor is None:
        return []
    edit_range = units.range(doc.lines, line, cursor.start, line, cursor.end)
    if cursor.mode == "key":
        return _key_items(doc, cursor, line, lang, edit_range)
    return _value_items(doc, slot(doc.model, cursor.path), lang, edit_range)


def _key_items(doc: OpenFile, cursor: Cursor, line: int, lang: Lang, edit_range: types.Range) -> list[types.CompletionItem]:
    here = slot(doc.model, cursor.path)
    present = _keys_beside(doc.lines, line, cursor.start)
    items: list[types.CompletionItem] = []
    if here.submodel is not None:
        for name, info in here.submodel.model_fields.items():
            if name in present:
                continue
            items.append(types.CompletionItem(
                label=name, kind=types.CompletionItemKind.Property, detail=field_title(info, name, lang),
                documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=field_description(info, lang)),
                text_edit=types.TextEdit(range=edit_range, new_text=f"{name}: "), sort_text=f"{len(items):03d}",
            ))
    elif here.key_enum is not None:
        for member in here.key_enum:
            if member.value not in present and isinstance(member, Vocab):
                items.append(_vocab_item(member, lang, edit_range, suffix=": "))
    return items


def _keys_beside(lines: list[str], line: int, column: int) -> set[str]:
    """The keys already written in the block of keys the cursor is in."""
    found: set[str] = set()
    for step in (-1, 1):
        r = line + step
        while 0 <= r < len(lines):
            text = lines[r]
            if not text.strip() or text.strip().startswith("#"):
                r += step
                continue
            _, dashes, rest, content = line_parts(text)
            if content < column or (content == column and dashes and step == 1):
                break
            if step == -1 and content == column and dashes:
                key = key_of(rest)
                if key:
                    found.add(key)
                break
            if content == column:
                key = key_of(rest)
                if key:
                    found.add(key)
            r += step
    return found


def _vocab_item(member: Vocab | RegionVocab, lang: Lang, edit_range: types.Range, suffix: str = "") -> types.CompletionItem:
    label = member.label
    return types.CompletionItem(
        label=member.value, kind=types.CompletionItemKind.EnumMember,
        detail=f"{label.sv} · {label.en}",
        label_details=types.CompletionItemLabelDetails(description=label.text(lang)),
        documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=label.description(lang)),
        filter_text=f"{member.value} {label.sv} {label.en}",
        text_edit=types.TextEdit(range=edit_range, new_text=member.value + suffix),
    )


def _value_items(doc: OpenFile, here: Slot, lang: Lang, edit_range: types.Range) -> list[types.CompletionItem]:
    enum = here.enum
    if enum is not None:
        return [_vocab_item(m, lang, edit_range) for m in enum if isinstance(m, Vocab | RegionVocab)]
    if here.is_bool:
        return [types.CompletionItem(label=v, kind=types.CompletionItemKind.Value,
                                     text_edit=types.TextEdit(range=edit_range, new_text=v)) for v in ("true", "false")]
    kind = here.id_kind
    if kind is None or here.name == "id":
        return []  # an item's own id is new: nothing to offer
    items = []
    for symbol in sorted(_symbols_for(doc, kind), key=lambda s: s.ident):
        items.append(types.CompletionItem(
            label=symbol.ident, kind=types.CompletionItemKind.Reference,
            detail=symbol.title,
            label_details=types.CompletionItemLabelDetails(description=symbol.title),
            documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=_symbol_markdown(symbol, lang)),
            filter_text=f"{symbol.ident} {symbol.title}",
            text_edit=types.TextEdit(range=edit_range, new_text=symbol.ident),
        ))
    return items


# --- hover, definition, references ----------------------------------------------------------------


def hover(doc: OpenFile, line: int, column: int, lang: Lang, units: Units) -> types.Hover | None:
    """A field's title and description, a value's label, or what an id names."""
    cursor = at_position(doc.lines, line, column, doc.model)
    if cursor is None or not cursor.word:
        return None
    here = slot(doc.model, cursor.path)
    text = ""
    named = _id_at(doc, line, column) if cursor.mode == "value" and _is_programme(doc) else None
    if named is not None and named[1] in _KIND_FIELDS:  # a meeting or an area, named from the programme file
        text = next((_symbol_markdown(s, lang) for s in _symbols_for(doc, named[1]) if s.ident == named[0]), "")
    if cursor.mode == "value" and not text:
        text = _value_hover(doc, here, cursor.word, lang)
    elif here.info is not None and here.name == cursor.word:
        description = field_description(here.info, lang)
        text = f"**{field_title(here.info, cursor.word, lang)}** (`{cursor.word}`)" + (f"\n\n{description}" if description else "")
    else:  # a key that is a vocabulary value (an area on the ladder)
        owner = slot(doc.model, cursor.path[:-1]).key_enum
        if owner is not None and _is_member(owner, cursor.word):
            member = owner(cursor.word)
            text = _value_markdown(member, lang) if isinstance(member, Vocab) else ""
    if not text:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
                       range=units.range(doc.lines, line, cursor.start, line, cursor.end))


def _is_member(enum: type[Enum] | type[RegionVocab], value: str) -> bool:
    return value in {m.value for m in enum}


def _value_hover(doc: OpenFile, here: Slot, word: str, lang: Lang) -> str:
    enum = here.enum
    if enum is not None and _is_member(enum, word):
        member = enum(word)
        return _value_markdown(member, lang) if isinstance(member, Vocab | RegionVocab) else ""
    kind = here.id_kind
    if kind is not None:
        for symbol in _symbols_for(doc, kind):
            if symbol.ident == word:
                return _symbol_markdown(symbol, lang)
    if here.info is not None and here.name is not None:
        description = field_description(here.info, lang)
        return f"**{field_title(here.info, here.name, lang)}**" + (f"\n\n{description}" if description else "")
    return ""


def _is_programme(doc: OpenFile) -> bool:
    return doc.model is ProgrammeFile


def _id_at(doc: OpenFile, line: int, column: int) -> tuple[str, str] | None:
    """The id under the cursor and its kind, if the cursor is on a value that holds an id.

    In the programme file a strength area names that area's plan, and a meeting's revision the
    plan's revision of that area (its meeting).
    """
    cursor = at_position(doc.lines, line, column, doc.model)
    if cursor is None or cursor.mode != "value" or not cursor.word:
        return None
    here = slot(doc.model, cursor.path)
    if _is_programme(doc) and here.model is MeetingRef:
        if here.name == "area":
            return cursor.word, "areas"
        area = _sibling(doc.lines, line, "area")
        return (meeting_ident(area, cursor.word), "meetings") if area else None
    kind = here.id_kind
    return (cursor.word, kind) if kind is not None else None


def _sibling(lines: list[str], row: int, key: str) -> str | None:
    """The plain value of ``key`` in the list item whose keys include line ``row``."""
    _, dashes, _, column = line_parts(lines[row])
    start = row
    while not dashes:  # up to the line that starts the item
        if start == 0:
            return None
        start -= 1
        _, dashes, rest, at = line_parts(lines[start])
        if rest.strip() and not rest.lstrip().startswith("#") and not dashes and at < column:
            return None  # the block of keys is not a list item
    for r in range(start, len(lines)):
        _, dashes, rest, at = line_parts(lines[r])
        if r > start and rest.strip() and not rest.lstrip().startswith("#") and (dashes or at < column):
            break
        if at == column and key_of(rest) == key:
            return rest.split(":", 1)[1].split("#", 1)[0].strip().strip("'\"") or None
    return None


def _location(symbol_path: Path, lines: list[str], line: int, start: int, end: int, units: Units) -> types.Location:
    return types.Location(uri=symbol_path.as_uri(), range=units.range(lines, line, start, line, end))


def definition(doc: OpenFile, ws: Workspace, line: int, column: int, units: Units) -> list[types.Location]:
    """Where the id under the cursor is defined: the registry's actor, the plan's goal, activity, …"""
    found = _id_at(doc, line, column)
    if found is None:
        return []
    ident, kind = found
    locations = []
    for symbol in _symbols_for(doc, kind):
        if symbol.ident == ident:
            lines = split_lines(ws.text(symbol.path) or "")
            locations.append(_location(symbol.path, lines, symbol.line, symbol.start, symbol.end, units))
    return locations


def references(doc: OpenFile, ws: Workspace, line: int, column: int, include_declaration: bool, units: Units) -> list[types.Location]:
    """Every place in the group that names the id under the cursor (its definition too, if asked)."""
    found = _id_at(doc, line, column)
    if found is None or doc.group is None:
        return []
    ident, kind = found
    locations: list[types.Location] = []
    programmes = [path for path, check in doc.group.files.items() if check.kind == "programme"]
    shared = kind in SHARED_KINDS or _is_programme(doc)
    scope = list(doc.group.files) if shared else [doc.path, *(p for p in programmes if p != doc.path)]
    for path in scope:
        text = ws.text(path)
        if text is None or len(text) > MAX_FILE_BYTES:
            continue
        source = load_text(text, path.name, validate=False).source
        if source.root is None:
            continue
        check = doc.group.files.get(path)
        model = root_model(check.kind if check is not None else None, path.name)
        lines = split_lines(text)
        for node, node_path in _scalars(source.root, ()):
            if node.value != ident:
                continue
            here = slot(model, node_path)
            if here.id_kind != kind or (here.name == "id" and not include_declaration):
                continue
            start = node.start_mark
            locations.append(_location(path, lines, start.line, start.column, token_end(lines[start.line], start.column), units))
    return locations


def _scalars(node: Node, path: tuple[str | int, ...]) -> Iterator[tuple[ScalarNode, tuple[str | int, ...]]]:
    """Every scalar value (not key) under a node, with its path (list items as :data:`ITEM`)."""
    stack: list[tuple[Node, tuple[str | int, ...]]] = [(node, path)]
    seen: set[int] = set()
    while stack:
        current, where = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, ScalarNode):
            yield current, where
        elif isinstance(current, MappingNode):
            stack += [(v, (*where, k.value)) for k, v in current.value if isinstance(k, ScalarNode)]
        elif isinstance(current, SequenceNode):
            stack += [(item, (*where, ITEM)) for item in current.value]


# --- code actions ---------------------------------------------------------------------------------


def _whole_edit(before: str, after: str, units: Units) -> types.TextEdit:
    """One edit that turns ``before`` into ``after``, spanning only the lines that differ."""
    old, new = split_lines(before), split_lines(after)
    head = 0
    while head < min(len(old), len(new)) - 1 and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head - 1 and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    newline = "\r\n" if "\r\n" in after else "\n"
    text = newline.join(new[head : len(new) - tail])
    end_line = len(old) - 1 - tail
    return types.TextEdit(range=units.range(old, head, 0, end_line, len(old[end_line])), new_text=text)


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return p.line, p.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


@dataclass
class Fixes:
    """The repairs ``rus fix`` would make to one text (kept while the text stays the same)."""

    text: str
    after: str
    repairs: list[Any]


def fixes_for(doc: OpenFile, ws: Workspace) -> Fixes:
    """What ``rus fix`` would repair in the document, checked with the files of its group."""
    from rus.writing.fixing import fix_text

    neighbours: dict[str, str] = {}
    name = doc.path.name
    if doc.group is not None:
        for path, check in doc.group.files.items():
            text = ws.text(path) if path != doc.path else None
            if text is not None:
                neighbours[check.display] = text
        own = doc.group.files.get(doc.path)
        name = own.display if own is not None else name
    after, repairs = fix_text(doc.text, name, neighbours)
    return Fixes(doc.text, after, repairs)


def fixable(diagnostic: Diagnostic) -> bool:
    """Whether ``rus fix`` can repair a finding."""
    from rus.writing.fixing import FIXABLE

    if diagnostic.code == "Y002":
        return True
    return diagnostic.code in FIXABLE and diagnostic.hint_id in (HINT_DID_YOU_MEAN, HINT_FIX_DATE)


def code_actions(doc: OpenFile, ws: Workspace, wanted: types.Range, lang: Lang, units: Units,
                 fixes: Fixes | None = None) -> list[types.CodeAction]:
    """Repairs for the findings in a range, as ``rus fix`` makes them, and adding a missing actor."""
    check = doc.group.files.get(doc.path) if doc.group is not None else None
    if check is None:
        return []
    uri = doc.path.as_uri()
    mine = [(d, to_lsp(d, doc.lines, lang, units)) for d in check.diagnostics]
    mine = [(d, shown) for d, shown in mine if _overlaps(shown.range, wanted)]
    actions: list[types.CodeAction] = []
    if any(fixable(d) for d, _ in mine):
        fixes = fixes if fixes is not None and fixes.text == doc.text else fixes_for(doc, ws)
        for diagnostic, shown in mine:
            actions += _repair_actions(doc, diagnostic, shown, fixes, uri, lang, units)
        if fixes.after != doc.text:
            actions.append(types.CodeAction(
                title=translate(N_("Make every safe repair (as `rus fix` does)"), lang),
                kind=types.CodeActionKind.SourceFixAll, diagnostics=[s for d, s in mine if fixable(d)],
                edit=types.WorkspaceEdit(changes={uri: [_whole_edit(doc.text, fixes.after, units)]}),
            ))
    for diagnostic, shown in mine:
        if diagnostic.code == "R003" and diagnostic.params.get("what") == _ACTOR_WHAT:
            actions += _add_actor_actions(doc, ws, str(diagnostic.params.get("ref", "")), shown, lang, units)
    return actions


def _repair_actions(doc: OpenFile, diagnostic: Diagnostic, shown: types.Diagnostic, fixes: Fixes, uri: str,
                    lang: Lang, units: Units) -> list[types.CodeAction]:
    if not fixable(diagnostic) or diagnostic.code == "Y002":
        return []
    for repair in fixes.repairs:
        if (repair.line, repair.column, repair.code) != (diagnostic.line, diagnostic.column, diagnostic.code):
            continue
        line, start = repair.line - 1, repair.column - 1
        if line >= len(doc.lines) or doc.lines[line][start : start + len(repair.old)] != repair.old:
            continue
        edit = types.TextEdit(range=units.range(doc.lines, line, start, line, start + len(repair.old)), new_text=repair.new)
        return [types.CodeAction(
            title=translate(N_("Replace `{old}` with `{new}`"), lang).format(old=repair.old, new=repair.new),
            kind=types.CodeActionKind.QuickFix, diagnostics=[shown], is_preferred=True,
            edit=types.WorkspaceEdit(changes={uri: [edit]}),
        )]
    return []


def _add_actor_actions(doc: OpenFile, ws: Workspace, ident: str, shown: types.Diagnostic, lang: Lang,
                       units: Units) -> list[types.CodeAction]:
    """"Add this actor to the registry", once per helix type, through the edit ``rus actor add`` makes."""
    from rus.base.errors import RusError
    from rus.writing.editing import add_actor

    registry = next((c.path for c in (doc.group.files.values() if doc.group else []) if c.kind == "actors"), None)
    if registry is None or not ident:
        return []
    on_disk = registry.read_bytes().decode("utf-8", "replace") if registry.is_file() else None
    if registry in ws.buffers and ws.buffers[registry] != on_disk:
        return []  # the edit is made to the file on disk; unsaved changes in the registry come first
    actions = []
    for helix in Helix:
        try:
            result = add_actor(registry.parent, ident, ident, helix.value, dry_run=True)
        except RusError:
            return []
        if result.path.absolute() != registry.absolute():
            return []
        actions.append(types.CodeAction(
            title=translate(N_("Add `{id}` to the actor registry (helix type: {helix})"), lang).format(id=ident, helix=helix.text(lang)),
            kind=types.CodeActionKind.QuickFix, diagnostics=[shown],
            edit=types.WorkspaceEdit(changes={registry.as_uri(): [_whole_edit(result.before, result.after, units)]}),
        ))
    return actions


# --- formatting -----------------------------------------------------------------------------------


def formatting(doc: OpenFile, display: str, units: Units) -> list[types.TextEdit]:
    """The edits that give the document the layout ``rus fmt`` gives it (raises ``FormatError``)."""
    from rus.writing.formatting import format_text

    after = format_text(doc.text, display)
    return [] if after == doc.text else [_whole_edit(doc.text, after, units)]


__all__ = [
    "Fixes",
    "OpenFile",
    "Units",
    "code_actions",
    "completions",
    "definition",
    "diagnostic_range",
    "file_diagnostics",
    "fixable",
    "fixes_for",
    "formatting",
    "hover",
    "references",
    "to_lsp",
]
