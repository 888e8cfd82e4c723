"""Helpers for driving ``rus lsp`` through a real LSP client (pytest-lsp) over stdio."""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path

from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.conftest import run_rus, rus_command

#: The installed ``rus lsp``, started as an editor starts it; English unless a test says otherwise.
CONFIG = ClientServerConfig(
    server_command=[rus_command(), "lsp"],
    server_env={**os.environ, "RUS_LANG": "en"},
)
TIMEOUT = 60.0


async def initialize(client: LanguageClient, root: Path, lang: str = "en", markdown: bool = True) -> types.InitializeResult:
    """Initialize a session on a workspace folder, with the language given as the editor would."""
    formats = [types.MarkupKind.Markdown, types.MarkupKind.PlainText] if markdown else [types.MarkupKind.PlainText]
    return await client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(
            text_document=types.TextDocumentClientCapabilities(
                publish_diagnostics=types.PublishDiagnosticsClientCapabilities(version_support=True),
                completion=types.CompletionClientCapabilities(completion_item=types.ClientCompletionItemOptions(
                    documentation_format=formats,
                    label_details_support=True)),
                hover=types.HoverClientCapabilities(content_format=formats),
                code_action=types.CodeActionClientCapabilities(code_action_literal_support=types.ClientCodeActionLiteralOptions(
                    code_action_kind=types.ClientCodeActionKindOptions(value_set=list(types.CodeActionKind))),
                    is_preferred_support=True),
            ),
            window=types.WindowClientCapabilities(show_message=types.ShowMessageRequestClientCapabilities()),
        ),
        root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
        initialization_options={"lang": lang},
    ))


async def session(client: LanguageClient, root: Path, markdown: bool = True) -> AsyncIterator[None]:
    """A module's server session: initialized on ``root``, then shut down, and the server must exit cleanly."""
    await initialize(client, root, markdown=markdown)
    yield
    await client.shutdown_session()
    assert client._server is not None and client._server.returncode == 0


async def wait_for(client: LanguageClient, uri: str, check: Callable[[Sequence[types.Diagnostic]], bool]) -> list[types.Diagnostic]:
    """Wait until the diagnostics published for ``uri`` pass ``check`` (at most :data:`TIMEOUT` seconds)."""

    async def loop() -> list[types.Diagnostic]:
        while True:
            if uri in client.diagnostics and check(client.diagnostics[uri]):
                return list(client.diagnostics[uri])
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    return await asyncio.wait_for(loop(), TIMEOUT)


class Editor:
    """Open documents and their versions, as an editor keeps them."""

    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}

    def open(self, path: Path) -> str:
        """Open a file; returns its URI."""
        uri = path.as_uri()
        text = path.read_text(encoding="utf-8")
        if uri not in self.versions:
            self.versions[uri] = 1
            self.texts[uri] = text
            self.client.text_document_did_open(types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
        return uri

    def change(self, uri: str, text: str) -> None:
        """Replace a document's whole text, as one change."""
        self.versions[uri] += 1
        self.texts[uri] = text
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))

    def edit(self, uri: str, line: int, start: int, end: int, new: str) -> None:
        """Replace part of one line (an incremental change, columns in UTF-16 units)."""
        self.versions[uri] += 1
        lines = self.texts[uri].split("\n")
        lines[line] = _utf16_splice(lines[line], start, end, new)
        self.texts[uri] = "\n".join(lines)
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=types.Position(line=line, character=start), end=types.Position(line=line, character=end)),
                text=new)]))


def _utf16_splice(line: str, start: int, end: int, new: str) -> str:
    encoded = line.encode("utf-16-le")
    return (encoded[: 2 * start].decode("utf-16-le") + new + encoded[2 * end :].decode("utf-16-le"))


def text_at(text: str, where: types.Range) -> str:
    """The text a range covers (UTF-16 columns)."""
    lines = text.split("\n")
    if where.start.line == where.end.line:
        encoded = lines[where.start.line].encode("utf-16-le")
        return encoded[2 * where.start.character : 2 * where.end.character].decode("utf-16-le")
    first = lines[where.start.line].encode("utf-16-le")[2 * where.start.character :].decode("utf-16-le")
    last = lines[where.end.line].encode("utf-16-le")[: 2 * where.end.character].decode("utf-16-le")
    return "\n".join([first, *lines[where.start.line + 1 : where.end.line], last])


def position_of(text: str, needle: str, offset: int = 0) -> types.Position:
    """The position of the first occurrence of ``needle`` (plus ``offset`` characters)."""
    index = text.index(needle) + offset
    line = text.count("\n", 0, index)
    column = index - (text.rfind("\n", 0, index) + 1)
    return types.Position(line=line, character=len(text[index - column : index].encode("utf-16-le")) // 2)


def validate_json(folder: Path, cwd: Path, lang: str) -> list[dict[str, object]]:
    """What ``rus validate --format json`` reports for a folder, in a language."""
    done = run_rus("validate", str(folder), "--format", "json", "--lang", lang, cwd=cwd)
    assert "Traceback" not in done.stderr
    diagnostics: list[dict[str, object]] = json.loads(done.stdout)["diagnostics"]
    return diagnostics


def validate_in_process(folder: Path, lang: str) -> list[dict[str, object]]:
    """What ``rus validate --format json`` reports for a folder, computed in this process (faster)."""
    from rus.plans.validation import validate_paths

    return [d.to_dict("sv" if lang == "sv" else "en") for d in validate_paths([folder], display_root=folder.parent).diagnostics]


def apply_edits(text: str, edits: Sequence[types.TextEdit]) -> str:
    """A text with LSP edits applied (UTF-16 columns; edits do not overlap)."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line.encode("utf-16-le")) // 2 + 1)
    units = text.encode("utf-16-le")

    def index(p: types.Position) -> int:
        return 2 * (offsets[p.line] + p.character) if p.line < len(lines) else len(units)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        units = units[: index(edit.range.start)] + edit.new_text.encode("utf-16-le") + units[index(edit.range.end) :]
    return units.decode("utf-16-le")
