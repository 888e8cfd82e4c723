"""The language server: pygls wiring from LSP messages to :mod:`rus.lsp.features`, over stdio.

Every open, change and save checks the file's group (see :mod:`rus.lsp.group`) and publishes the
findings of each file of the group whose findings changed, so that an edit in one file (an actor
removed from the registry) updates the others. Changes that arrive while a check runs are folded
into one check. A failure inside a feature is logged and answered with nothing; it never stops the
server.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

from rus.base.diagnostics import Diagnostic
from rus.base.i18n import resolve_lang
from rus.base.vocab import Lang
from rus.lsp import features
from rus.lsp.group import REGISTRY_NAME, Workspace
from rus.plans.source import MAX_FILE_BYTES
from rus.writing.formatting import FormatError

logger = logging.getLogger(__name__)
T = TypeVar("T")


def _version() -> str:
    from rus import __version__

    return __version__


class _Protocol(LanguageServerProtocol):
    """pygls's protocol, without its memory growth per notification.

    pygls 2.1 files the future of every notification it handles under a fresh UUID in
    ``_request_futures`` and never removes it (requests are removed when answered), so each
    ``didChange`` left about 0.7 KB behind (see openlawlibrary/pygls#611 on those UUIDs). The
    notification's future is dropped here once it is done.
    """

    def _check_handler_result(self, future: Future[Any]) -> None:
        super()._check_handler_result(future)
        for key in [k for k, f in self._request_futures.items() if f is future]:
            del self._request_futures[key]


class RusServer(LanguageServer):
    """The ``rus lsp`` server: the workspace of plan files and the language of messages."""

    def __init__(self) -> None:
        super().__init__("rus", _version(), text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
                         protocol_cls=_Protocol)
        self.files = Workspace()
        self.option_lang: str | None = None
        #: What was last published for each file: its findings, in which language and position encoding.
        self.sent: dict[Path, tuple[list[Diagnostic], str, str]] = {}
        self.pending: set[Path] = set()
        self.task: asyncio.Task[None] | None = None
        self.fixes: dict[Path, features.Fixes] = {}
        #: The URIs of open files as the client wrote them (its percent-encoding may differ from ours).
        self.uris: dict[Path, str] = {}

    @property
    def lang(self) -> Lang:
        """The language of messages: the editor's setting, else ``RUS_LANG``, else the locale."""
        return resolve_lang(self.option_lang)

    def markdown(self, formats: Sequence[types.MarkupKind] | None) -> bool:
        """Whether the client said it reads Markdown (else it gets plain text, as the protocol says)."""
        return formats is not None and types.MarkupKind.Markdown in formats

    @property
    def units(self) -> features.Units:
        """The client's position encoding."""
        encoding = self.workspace.position_encoding
        return features.Units(str(encoding.value if isinstance(encoding, types.PositionEncodingKind) else encoding or "utf-16"))

    def path_of(self, uri: str) -> Path | None:
        """The file a URI names (None for a URI that is not a local file)."""
        found = to_fs_path(uri)
        return Path(found).absolute() if found else None

    def document(self, uri: str) -> features.OpenFile | None:
        """The open document behind a URI, with the latest check of its group."""
        path = self.path_of(uri)
        if path is None:
            return None
        text = self.files.text(path)
        if text is None or len(text) > MAX_FILE_BYTES:
            return None  # a file rus validate refuses to read (F004) gets no answers either
        group = self.files.checks.get(self.files.group_root(path))
        if group is None or path not in group.files:
            group = self.files.check_for(path)
        return features.OpenFile(path, text, group)

    # --- checking and publishing ------------------------------------------------------------------

    def schedule(self, path: Path) -> None:
        """Check the group of ``path`` soon; changes that arrive meanwhile are checked together."""
        self.pending.add(self.files.group_root(path))
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self._run_pending())

    async def _run_pending(self) -> None:
        await asyncio.sleep(0)  # let changes already received be applied first
        while self.pending:
            root = self.pending.pop()
            try:
                self.publish(root)
            except Exception:
                logger.exception("rus lsp: checking %s failed", root)
            await asyncio.sleep(0)

    def publish(self, root: Path) -> None:
        """Check a group and publish the findings of each file whose findings changed (open ones always)."""
        group = self.files.check(root)
        lang, units = self.lang, self.units
        # Editors that attach by language (Helix, a plain Neovim set-up) send every YAML file; one
        # that is neither a plan nor a registry, in a folder without a registry (a CI workflow), is
        # not a plan file and is left alone rather than reported as F006.
        ours = any(c.kind == "actors" or c.path.name == REGISTRY_NAME for c in group.files.values())
        for path, check in group.files.items():
            uri = self.uris.get(path) or path.as_uri()
            findings = check.diagnostics if ours or check.kind is not None else []
            stamp = (findings, lang, units.encoding)
            if path not in self.files.buffers and self.sent.get(path) == stamp:
                continue  # a file not open whose findings are as they were: nothing to send
            shown = features.file_diagnostics(check, check.text, lang, units) if findings else []
            version = self.workspace.text_documents[uri].version if uri in self.workspace.text_documents else None
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=shown, version=version))
            self.sent[path] = stamp
        for path in [p for p in self.sent if (p.parent == root or root in p.parents) and p not in group.files]:
            # a file that left the group (deleted, renamed): its findings go with it
            uri = self.uris.get(path) or path.as_uri()
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
            del self.sent[path]

    def republish_all(self) -> None:
        """Check every group with an open file again (the language or files on disk changed)."""
        for root in {self.files.group_root(p) for p in self.files.buffers}:
            self.pending.add(root)
        if self.pending and (self.task is None or self.task.done()):
            self.task = asyncio.get_running_loop().create_task(self._run_pending())


def guarded(action: Callable[[], T], default: T) -> T:
    """Run a feature; a failure is logged and answered with ``default`` (the server goes on)."""
    try:
        return action()
    except Exception:
        logger.exception("rus lsp: a request failed")
        return default


server = RusServer()


def _set_lang(settings: Any) -> None:
    if isinstance(settings, dict):
        inner = settings.get("rus", settings)
        value = inner.get("lang") if isinstance(inner, dict) else None
        if isinstance(value, str) and value.strip():
            server.option_lang = value
        elif isinstance(inner, dict) and "lang" in inner:
            server.option_lang = None


@server.feature(types.INITIALIZE)
def initialize(ls: RusServer, params: types.InitializeParams) -> None:
    """Take the language from the initialization options, and the workspace folders."""
    _set_lang(params.initialization_options)
    folders = [ls.path_of(f.uri) for f in params.workspace_folders or []]
    if params.root_uri:
        folders.append(ls.path_of(params.root_uri))
    ls.files.folders = [f for f in folders if f is not None]


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
def did_change_configuration(ls: RusServer, params: types.DidChangeConfigurationParams) -> None:
    """A changed ``rus.lang`` setting: publish every finding again in the new language."""
    _set_lang(params.settings)
    ls.sent.clear()
    ls.republish_all()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: RusServer, params: types.DidOpenTextDocumentParams) -> None:
    """Check a file when it is opened."""
    path = ls.path_of(params.text_document.uri)
    if path is not None:
        ls.files.buffers[path] = params.text_document.text
        ls.uris[path] = params.text_document.uri
        ls.schedule(path)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: RusServer, params: types.DidChangeTextDocumentParams) -> None:
    """Check a file (and its group) as it is typed."""
    path = ls.path_of(params.text_document.uri)
    if path is not None:
        ls.files.buffers[path] = ls.workspace.get_text_document(params.text_document.uri).source
        ls.schedule(path)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: RusServer, params: types.DidSaveTextDocumentParams) -> None:
    """Check a file's group when it is saved."""
    path = ls.path_of(params.text_document.uri)
    if path is not None:
        ls.schedule(path)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: RusServer, params: types.DidCloseTextDocumentParams) -> None:
    """A closed file is read from disk again (unsaved changes are gone)."""
    path = ls.path_of(params.text_document.uri)
    if path is not None:
        ls.files.buffers.pop(path, None)
        ls.fixes.pop(path, None)
        ls.uris.pop(path, None)
        ls.schedule(path)


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: RusServer, params: types.DidChangeWatchedFilesParams) -> None:
    """Files changed on disk (a checkout, another program): check their groups again."""
    for change in params.changes:
        path = ls.path_of(change.uri)
        if path is not None:
            ls.schedule(path)


def _position(ls: RusServer, doc: features.OpenFile, position: types.Position) -> tuple[int, int]:
    return ls.units.column(doc.lines, position)


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[" ", "[", ",", "-"]))
def completion(ls: RusServer, params: types.CompletionParams) -> types.CompletionList | None:
    """Keys, vocabulary values and ids at the cursor."""
    def run() -> types.CompletionList | None:
        doc = ls.document(params.text_document.uri)
        if doc is None:
            return None
        items = features.completions(doc, *_position(ls, doc, params.position), ls.lang, ls.units)
        completion = ls.client_capabilities.text_document.completion if ls.client_capabilities.text_document else None
        item = completion.completion_item if completion else None
        if not ls.markdown(item.documentation_format if item else []):
            for found in items:
                if isinstance(found.documentation, types.MarkupContent):
                    found.documentation = found.documentation.value
        return types.CompletionList(is_incomplete=False, items=items)
    return guarded(run, None)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: RusServer, params: types.HoverParams) -> types.Hover | None:
    """A field's description, a value's label, or what an id names."""
    def run() -> types.Hover | None:
        doc = ls.document(params.text_document.uri)
        found = features.hover(doc, *_position(ls, doc, params.position), ls.lang, ls.units) if doc else None
        capability = ls.client_capabilities.text_document.hover if ls.client_capabilities.text_document else None
        if found is not None and isinstance(found.contents, types.MarkupContent) and not ls.markdown(
                capability.content_format if capability else []):
            found.contents = types.MarkupContent(kind=types.MarkupKind.PlainText, value=found.contents.value)
        return found
    return guarded(run, None)


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def definition(ls: RusServer, params: types.DefinitionParams) -> list[types.Location] | None:
    """Where the id under the cursor is defined."""
    def run() -> list[types.Location] | None:
        doc = ls.document(params.text_document.uri)
        return features.definition(doc, ls.files, *_position(ls, doc, params.position), ls.units) if doc else None
    return guarded(run, None)


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
def references(ls: RusServer, params: types.ReferenceParams) -> list[types.Location] | None:
    """Every place that names the id under the cursor."""
    def run() -> list[types.Location] | None:
        doc = ls.document(params.text_document.uri)
        if doc is None:
            return None
        line, column = _position(ls, doc, params.position)
        return features.references(doc, ls.files, line, column, params.context.include_declaration, ls.units)
    return guarded(run, None)


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
    code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]))
def code_action(ls: RusServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    """The repairs ``rus fix`` would make, and adding a missing actor to the registry."""
    def run() -> list[types.CodeAction] | None:
        doc = ls.document(params.text_document.uri)
        if doc is None:
            return None
        fixes = ls.fixes.get(doc.path)
        if any(features.fixable(d) for d in _diagnostics_of(doc)) and (fixes is None or fixes.text != doc.text):
            fixes = ls.fixes[doc.path] = features.fixes_for(doc, ls.files)
        return features.code_actions(doc, ls.files, params.range, ls.lang, ls.units, fixes)
    return guarded(run, None)


def _diagnostics_of(doc: features.OpenFile) -> list[Any]:
    check = doc.group.files.get(doc.path) if doc.group is not None else None
    return check.diagnostics if check is not None else []


@server.feature(types.TEXT_DOCUMENT_FORMATTING)
def formatting(ls: RusServer, params: types.DocumentFormattingParams) -> list[types.TextEdit] | None:
    """The layout of ``rus fmt``; a file fmt refuses is refused with fmt's message."""
    def run() -> list[types.TextEdit] | None:
        doc = ls.document(params.text_document.uri)
        if doc is None:
            return None
        check = doc.group.files.get(doc.path) if doc.group is not None else None
        try:
            return features.formatting(doc, check.display if check is not None else doc.path.name, ls.units)
        except FormatError as exc:
            message = exc.message(ls.lang)
            hint = exc.hint(ls.lang)
            ls.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Warning, message=f"{message}. {hint}" if hint else message))
            return None
    return guarded(run, None)


def main() -> None:
    """Serve over stdin and stdout until the client says exit."""
    logging.basicConfig(level=logging.WARNING)
    server.start_io()


__all__ = ["RusServer", "main", "server"]
