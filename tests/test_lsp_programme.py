"""``rus lsp`` on the programme file, driven by a real LSP client over stdio on a copy of the bundled plans."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.conftest import PLANS
from tests.lsp_helpers import (
    CONFIG,
    Editor,
    apply_edits,
    position_of,
    session,
    text_at,
    validate_in_process,
    wait_for,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

PROGRAMME = "plans/programme.yaml"
ENERGY = "plans/hallbar-energi.yaml"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ws")
    shutil.copytree(PLANS, root / "plans")
    return root


@pytest_lsp.fixture(config=CONFIG, scope="module")
async def client(lsp_client: LanguageClient, workspace: Path) -> AsyncIterator[None]:
    async for _ in session(lsp_client, workspace):
        yield


@pytest.fixture(scope="module")
def editor(client: LanguageClient) -> Editor:
    return Editor(client)


async def _restore(editor: Editor, workspace: Path, name: str) -> None:
    uri = editor.open(workspace / name)
    editor.change(uri, (workspace / name).read_text(encoding="utf-8"))
    await wait_for(editor.client, uri, lambda d: len(d) == 0)


async def test_the_bundled_programme_opens_without_findings(editor: Editor, workspace: Path) -> None:
    uri = editor.open(workspace / PROGRAMME)
    assert await wait_for(editor.client, uri, lambda d: True) == []


async def test_a_reference_that_does_not_resolve_is_published_as_rus_validate_reports_it(
    editor: Editor, workspace: Path, tmp_path: Path,
) -> None:
    uri = editor.open(workspace / PROGRAMME)
    changed = editor.texts[uri].replace("      - DIG-012\n", "      - DIG-021\n", 1).replace("      - ENE-I4\n", "      - ENE-I9\n", 1)
    editor.change(uri, changed)
    found = await wait_for(editor.client, uri, lambda d: sum(x.code == "P004" for x in d) == 2)
    assert [text_at(changed, d.range) for d in found if d.code == "P004"] == ["DIG-021", "ENE-I9"]
    assert any("Did you mean `DIG-012`?" in d.message for d in found)
    mirror = tmp_path / "plans"
    shutil.copytree(workspace / "plans", mirror)
    (mirror / "programme.yaml").write_text(changed, encoding="utf-8")
    expected = [d for d in validate_in_process(mirror, "en") if Path(str(d["path"])).name == "programme.yaml"]
    assert [(d.code, d.range.start.line + 1, d.range.start.character + 1) for d in found] == [
        (d["code"], d["line"], d["column"]) for d in expected
    ]
    await _restore(editor, workspace, PROGRAMME)


async def test_an_activity_removed_from_a_plan_is_reported_in_the_programme(editor: Editor, workspace: Path) -> None:
    programme = editor.open(workspace / PROGRAMME)
    await wait_for(editor.client, programme, lambda d: len(d) == 0)
    plan = editor.open(workspace / ENERGY)
    text = editor.texts[plan]
    editor.change(plan, text.replace("  - id: ENE-010\n", "  - id: ENE-013\n", 1))
    found = await wait_for(editor.client, programme, lambda d: any(x.code == "P004" for x in d))
    assert [text_at(editor.texts[programme], d.range) for d in found if d.code == "P004"] == ["ENE-010"]
    await _restore(editor, workspace, ENERGY)
    await wait_for(editor.client, programme, lambda d: len(d) == 0)


async def _complete(editor: Editor, uri: str, needle: str, offset: int) -> dict[str, types.CompletionItem]:
    result = await editor.client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(editor.texts[uri], needle, offset)))
    assert isinstance(result, types.CompletionList)
    return {i.label: i for i in result.items}


async def test_completion_offers_the_criteria_and_the_ids_of_every_plan(editor: Editor, workspace: Path) -> None:
    uri = editor.open(workspace / PROGRAMME)
    criteria = await _complete(editor, uri, "  - criterion: responsible-body", len("  - criterion: "))
    assert list(criteria) == [
        "innovation-analysis", "responsible-body", "monitoring-evaluation", "stakeholder-cooperation",
        "research-innovation-system", "industrial-transition", "international-cooperation",
    ]
    assert "Ansvarigt organ för strategin" in (criteria["responsible-body"].detail or "")
    activities = await _complete(editor, uri, "      - ENE-010", len("      - "))
    assert {"UPP-002", "ENE-010", "JSV-006", "DIG-012"} <= set(activities)
    assert activities["ENE-010"].detail == "Elflyg mellan Östersund och Trondheim"
    assert all("-I" not in label and "-M" not in label for label in activities)
    actors = await _complete(editor, uri, "  responsible_body: rjh", len("  responsible_body: "))
    assert actors["rjh"].detail == "Region Jämtland Härjedalen"


async def _hover(editor: Editor, uri: str, needle: str, offset: int) -> str:
    result = await editor.client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(editor.texts[uri], needle, offset)))
    assert result is not None and isinstance(result.contents, types.MarkupContent)
    return result.contents.value


async def test_hover_names_what_a_reference_points_at(editor: Editor, workspace: Path) -> None:
    uri = editor.open(workspace / PROGRAMME)
    assert "Elflyg mellan Östersund och Trondheim" in await _hover(editor, uri, "      - ENE-010", 10)
    criterion = await _hover(editor, uri, "  - criterion: international-cooperation", 20)
    assert "partners outside a given Member State" in criterion or "partner utanför en viss medlemsstat" in criterion
    assert "Program för smart specialisering" in await _hover(editor, uri, "      - RUN/430/2018", 10)
    meeting = await _hover(editor, uri, "        revision: 2026-2", len("        revision: ") + 2)
    assert "Mobilising meeting" in meeting and "`digitala-losningar 2026-2`" in meeting


async def _definition(editor: Editor, uri: str, needle: str, offset: int) -> list[types.Location]:
    found = await editor.client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(editor.texts[uri], needle, offset)))
    assert isinstance(found, list) and all(isinstance(f, types.Location) for f in found)
    return [f for f in found if isinstance(f, types.Location)]


async def test_definition_leads_from_a_reference_to_the_plans(editor: Editor, workspace: Path) -> None:
    uri = editor.open(workspace / PROGRAMME)
    energy = (workspace / ENERGY).read_text(encoding="utf-8")
    (activity,) = await _definition(editor, uri, "      - ENE-010", 10)
    assert activity.uri == (workspace / ENERGY).as_uri()
    assert activity.range.start == position_of(energy, "  - id: ENE-010", len("  - id: "))
    (goal,) = await _definition(editor, uri, "          - ENE-M1", 13)
    assert goal.uri == (workspace / ENERGY).as_uri() and text_at(energy, goal.range) == "ENE-M1"
    # a meeting is named by area and revision: the plan of that area, at its revision
    text = editor.texts[uri]
    at = text.index("      - area: hallbar-energi\n        revision: 2026-2") + len("      - area: hallbar-energi\n        revision: ")
    found = await editor.client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=_position(text, at)))
    assert isinstance(found, list) and len(found) == 1 and isinstance(found[0], types.Location)
    assert found[0].uri == (workspace / ENERGY).as_uri()
    assert found[0].range.start == position_of(energy, "revision: 2026-2", len("revision: "))
    (actor,) = await _definition(editor, uri, "  responsible_body: rjh", len("  responsible_body: "))
    assert actor.uri == (workspace / "plans/actors.yaml").as_uri()
    documents = await _definition(editor, uri, "      - RUN/516/2020", 10)
    assert (workspace / PROGRAMME).as_uri() in {d.uri for d in documents}


def _position(text: str, index: int) -> types.Position:
    line = text.count("\n", 0, index)
    return types.Position(line=line, character=index - (text.rfind("\n", 0, index) + 1))


async def test_references_of_a_goal_include_the_programme(editor: Editor, workspace: Path) -> None:
    uri = editor.open(workspace / ENERGY)
    found = await editor.client.text_document_references_async(types.ReferenceParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(editor.texts[uri], "  - id: ENE-M1", 9),
        context=types.ReferenceContext(include_declaration=False)))
    assert found is not None
    programme = (workspace / PROGRAMME).read_text(encoding="utf-8")
    in_programme = [loc for loc in found if loc.uri == (workspace / PROGRAMME).as_uri()]
    assert len(in_programme) == programme.count("- ENE-M1\n") == 2
    assert all(text_at(programme, loc.range) == "ENE-M1" for loc in in_programme)


async def test_formatting_puts_the_programme_s_keys_in_the_model_s_order(editor: Editor, workspace: Path) -> None:
    uri = editor.open(workspace / PROGRAMME)
    original = (workspace / PROGRAMME).read_text(encoding="utf-8")
    changed = original.replace("  responsible_body: rjh\n  member_state: SE\n", "  member_state:   SE\n  responsible_body: rjh\n", 1)
    assert changed != original
    editor.change(uri, changed)
    edits = await editor.client.text_document_formatting_async(types.DocumentFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=uri), options=types.FormattingOptions(tab_size=2, insert_spaces=True)))
    assert edits
    assert apply_edits(changed, edits) == original
    await _restore(editor, workspace, PROGRAMME)
