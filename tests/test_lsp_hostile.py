"""Malformed and hostile documents never stop ``rus lsp``: it publishes what ``rus validate`` finds and goes on answering."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Awaitable
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.conftest import BASE, FIXTURES
from tests.lsp_helpers import CONFIG, Editor, session, validate_in_process, wait_for

pytestmark = pytest.mark.asyncio(loop_scope="module")

BASE_TEXT = (BASE / "upplevelser.yaml").read_text(encoding="utf-8")


def _alias_bomb() -> str:
    lines = ["area: upplevelser", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    return "\n".join(lines) + "\n"


HOSTILE: dict[str, str] = {
    **{p.stem: p.read_bytes().decode("utf-8", "replace") for p in sorted((FIXTURES / "invalid").glob("*.yaml"))},
    "binary": "\x7fELF\x02\x01\x01\0\0\0" + "".join(map(chr, range(1, 128))),
    "object-tag": BASE_TEXT.replace("vision: En levande destination året runt.", 'vision: !!python/object/apply:os.system ["touch /tmp/rus-pwned"]'),
    "alias-bomb": _alias_bomb(),
    "deep-flow": "area: upplevelser\nvision: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "deep-block": "".join("  " * i + f"k{i}:\n" for i in range(200)),
    "control-character": BASE_TEXT.replace("Funäsdalen", "Fun\x07sdalen"),
    "conflict": BASE_TEXT.replace("state: adopted\n", "<<<<<<< HEAD\nstate: adopted\n=======\n>>>>>>> x\n"),
    "list": "- a\n- b\n",
    "empty": "",
    "long-line": "area: upplevelser\nvision: " + "x" * 200_000 + "\n",
    "only-dashes": "-\n- -\n  - - -\n:\n? \n",
    "unicode-outside-the-bmp": BASE_TEXT.replace("    status: ongoing", "    status: 😋ongoing😋"),
    "too-large": BASE_TEXT + ("# " + "x" * 1021 + "\n") * 1024 * 26,
}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(BASE, root / "plans")
    return root


@pytest_lsp.fixture(config=CONFIG, scope="module")
async def client(lsp_client: LanguageClient, workspace: Path) -> AsyncIterator[None]:
    async for _ in session(lsp_client, workspace, markdown=False):  # a client that reads plain text only
        yield


@pytest.fixture(scope="module")
def editor(client: LanguageClient) -> Editor:
    return Editor(client)


@pytest.mark.parametrize("name", list(HOSTILE))
async def test_a_hostile_document_is_reported_and_the_server_goes_on(editor: Editor, workspace: Path, tmp_path: Path, name: str) -> None:
    text = HOSTILE[name]
    uri = editor.open(workspace / "plans" / "upplevelser.yaml")
    editor.change(uri, text)
    mirror = tmp_path / "plans"
    shutil.copytree(workspace / "plans", mirror)
    (mirror / "upplevelser.yaml").write_bytes(text.encode("utf-8"))
    expected = [d["code"] for d in validate_in_process(mirror, "en") if Path(str(d["path"])).name == "upplevelser.yaml"]
    found = await wait_for(editor.client, uri, lambda d: [x.code for x in d] == expected)
    assert [d.code for d in found] == expected
    for d in found:
        assert d.range.start.line <= d.range.end.line
    lines = text.split("\n")
    positions = [(0, 0), (len(lines) // 2, 3), (len(lines) - 1, len(lines[-1])), (len(lines) + 5, 0)]
    doc = types.TextDocumentIdentifier(uri=uri)
    # sent at once, as an editor sends them while one types (each is answered, in order): not one
    # round trip between the two processes after another
    requests: list[Awaitable[object]] = []
    hovers: list[int] = []
    for line, column in positions:
        where = types.Position(line=line, character=column)
        requests.append(editor.client.text_document_completion_async(types.CompletionParams(text_document=doc, position=where)))
        hovers.append(len(requests))
        requests.append(editor.client.text_document_hover_async(types.HoverParams(text_document=doc, position=where)))
        requests.append(editor.client.text_document_definition_async(types.DefinitionParams(text_document=doc, position=where)))
        requests.append(editor.client.text_document_references_async(types.ReferenceParams(
            text_document=doc, position=where, context=types.ReferenceContext(include_declaration=True))))
        requests.append(editor.client.text_document_code_action_async(types.CodeActionParams(
            text_document=doc, range=types.Range(start=where, end=where), context=types.CodeActionContext(diagnostics=found))))
    requests.append(editor.client.text_document_formatting_async(types.DocumentFormattingParams(
        text_document=doc, options=types.FormattingOptions(tab_size=2, insert_spaces=True))))
    answers = await asyncio.gather(*requests)
    for index in hovers:
        shown = answers[index]
        assert shown is None or (isinstance(shown, types.Hover) and isinstance(shown.contents, types.MarkupContent)
                                 and shown.contents.kind == types.MarkupKind.PlainText)
    assert editor.client.error is None
    assert not Path("/tmp/rus-pwned").exists()
    # and the server is still there: the valid plan is clean again, and it explains in plain text
    editor.change(uri, BASE_TEXT)
    await wait_for(editor.client, uri, lambda d: len(d) == 0)
    status = BASE_TEXT.split("\n").index("    status: ongoing")
    shown = await editor.client.text_document_hover_async(types.HoverParams(text_document=doc, position=types.Position(line=status, character=14)))
    assert shown is not None and isinstance(shown.contents, types.MarkupContent) and shown.contents.kind == types.MarkupKind.PlainText
    assert "Ongoing" in shown.contents.value
