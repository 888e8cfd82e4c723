"""``rus lsp`` driven by a real LSP client over stdio: one server for the module, on the bundled plans."""

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
    validate_json,
    wait_for,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")


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


PLAN = "plans/upplevelser.yaml"
REGISTRY = "plans/actors.yaml"


async def _restore(editor: Editor, workspace: Path, name: str) -> str:
    uri = editor.open(workspace / name)
    editor.change(uri, (workspace / name).read_text(encoding="utf-8"))
    await wait_for(editor.client, uri, lambda d: len(d) == 0)
    return uri


async def test_a_bundled_plan_opens_without_findings(editor: Editor, workspace: Path) -> None:
    uri = editor.open(workspace / PLAN)
    assert await wait_for(editor.client, uri, lambda d: True) == []


MISTAKES = [
    # (what is changed, into what, code, the text the range covers)
    ("    status: ongoing\n", "    status: ongoign\n", "S003", "ongoign"),
    ("    progress: 45\n", "    progres: 45\n", "S002", "progres"),
    ("      start: 2025-03-01\n", "      start: 2025-3-1\n", "S005", "2025-3-1"),
    ("  - id: UPP-001\n", "  - id: upp-001\n", "S006", "upp-001"),
    ("      - UPP-M2\n", "      - UPP-M9\n", "R003", "UPP-M9"),
    ("      - funasfjallen\n", "      - funasfjalen\n", "R003", "funasfjalen"),
    ("  - id: UPP-002\n", "  - id: UPP-001\n", "R001", "UPP-001"),
    ("      end: 2028-02-29\n", "      end: 2024-02-29\n", "R004", "2024-02-29"),
    ("    title: Barmarkscykling i Åre och Funäsfjällen\n", "    title: 'Barmarkscykling i Åre och Funäsfjällen\n", "Y004", None),
    ("area: upplevelser\n", "area: upplevelser\narea: upplevelser\n", "Y003", "area"),
]


@pytest.mark.parametrize(("old", "new", "code", "covered"), MISTAKES, ids=[m[2] + "-" + str(i) for i, m in enumerate(MISTAKES)])
async def test_each_kind_of_mistake_is_published_as_rus_validate_reports_it(
    editor: Editor, workspace: Path, tmp_path: Path, old: str, new: str, code: str, covered: str | None,
) -> None:
    uri = editor.open(workspace / PLAN)
    original = (workspace / PLAN).read_text(encoding="utf-8")
    changed = original.replace(old, new, 1)
    editor.change(uri, changed)
    found = await wait_for(editor.client, uri, lambda d: any(x.code == code for x in d))
    mine = [d for d in found if d.code == code]
    if covered is not None:
        assert text_at(changed, mine[0].range) == covered
    # the same findings as `rus validate` of the same files on disk: code, severity, place, message, hint
    mirror = tmp_path / "plans"
    shutil.copytree(workspace / "plans", mirror)
    (mirror / "upplevelser.yaml").write_text(changed, encoding="utf-8")
    expected = [d for d in validate_in_process(mirror, "en") if Path(str(d["path"])).name == "upplevelser.yaml"]
    assert [(d.code, d.range.start.line + 1, d.severity) for d in found] == [
        (d["code"], d["line"], types.DiagnosticSeverity.Error if d["severity"] == "error" else types.DiagnosticSeverity.Warning)
        for d in expected
    ]
    assert [d.message for d in found] == [str(d["message"]) + (f"\nhint: {d['hint']}" if d["hint"] else "") for d in expected]
    await _restore(editor, workspace, PLAN)


async def test_messages_follow_the_language_setting(editor: Editor, workspace: Path, tmp_path: Path) -> None:
    uri = editor.open(workspace / PLAN)
    changed = (workspace / PLAN).read_text(encoding="utf-8").replace("    status: ongoing\n", "    status: ongoign\n", 1)
    editor.change(uri, changed)
    english = await wait_for(editor.client, uri, lambda d: any(x.code == "S003" for x in d))
    editor.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"rus": {"lang": "sv"}}))
    swedish = await wait_for(editor.client, uri, lambda d: bool(d) and d[0].message != english[0].message)
    mirror = tmp_path / "plans"
    shutil.copytree(workspace / "plans", mirror)
    (mirror / "upplevelser.yaml").write_text(changed, encoding="utf-8")
    expected = [d for d in validate_json(mirror, tmp_path, "sv") if Path(str(d["path"])).name == "upplevelser.yaml"]
    assert [d.message for d in swedish] == [f"{d['message']}\ntips: {d['hint']}" if d["hint"] else d["message"] for d in expected]
    assert "ongoing" in swedish[0].message
    editor.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"rus": {"lang": "en"}}))
    await wait_for(editor.client, uri, lambda d: bool(d) and d[0].message == english[0].message)
    await _restore(editor, workspace, PLAN)


async def test_an_actor_removed_from_the_registry_is_reported_in_the_plan(editor: Editor, workspace: Path) -> None:
    plan = editor.open(workspace / PLAN)
    registry = editor.open(workspace / REGISTRY)
    await wait_for(editor.client, plan, lambda d: len(d) == 0)
    text = (workspace / REGISTRY).read_text(encoding="utf-8")
    start = text.index("  - id: funasfjallen")
    end = text.index("  - id: ", start + 5)
    editor.change(registry, text[:start] + text[end:])
    found = await wait_for(editor.client, plan, lambda d: any(x.code == "R003" for x in d))
    plan_text = (workspace / PLAN).read_text(encoding="utf-8")
    assert {text_at(plan_text, d.range) for d in found if d.code == "R003"} == {"funasfjallen"}
    # a plan not open in the editor is updated too
    other = (workspace / "plans/hallbar-energi.yaml").as_uri()
    uses = "funasfjallen" in (workspace / "plans/hallbar-energi.yaml").read_text(encoding="utf-8")
    if uses:
        await wait_for(editor.client, other, lambda d: any(x.code == "R003" for x in d))
    await _restore(editor, workspace, REGISTRY)
    await wait_for(editor.client, plan, lambda d: len(d) == 0)


async def test_completion_offers_vocabulary_values_with_both_labels(editor: Editor, workspace: Path) -> None:
    uri = editor.open(workspace / PLAN)
    text = editor.texts[uri]
    result = await editor.client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, "    status: ongoing", len("    status: "))))
    assert isinstance(result, types.CompletionList)
    items = {i.label: i for i in result.items}
    assert set(items) == {"idea", "planned", "ongoing", "paused", "completed", "cancelled"}
    assert items["ongoing"].detail == "Pågående · Ongoing" or "·" in (items["ongoing"].detail or "")
    assert items["cancelled"].label_details is not None


async def test_completion_offers_actor_ids_with_their_names(editor: Editor, workspace: Path) -> None:
    uri = editor.open(workspace / PLAN)
    text = editor.texts[uri]
    result = await editor.client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, "      - funasfjallen", len("      - "))))
    assert isinstance(result, types.CompletionList)
    items = {i.label: i for i in result.items}
    assert items["rjh"].detail == "Region Jämtland Härjedalen"
    assert "Åre kommun" in (items["are-kommun"].filter_text or "")
    assert len(items) == (workspace / REGISTRY).read_text(encoding="utf-8").count("\n  - id: ")


async def test_completion_offers_the_plans_goal_ids_and_the_keys_not_yet_written(editor: Editor, workspace: Path) -> None:
    uri = editor.open(workspace / PLAN)
    text = editor.texts[uri]
    goals = await editor.client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, "      - UPP-M2", len("      - "))))
    assert isinstance(goals, types.CompletionList)
    assert {i.label for i in goals.items} >= {"UPP-M1", "UPP-M2"}
    assert all(i.label.startswith("UPP-M") for i in goals.items)
    keys = await editor.client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, "    progress: 45", 4)))
    assert isinstance(keys, types.CompletionList)
    labels = {i.label for i in keys.items}
    assert "replaced_by" in labels and "status_note" in labels
    assert "title" not in labels and "status" not in labels


async def test_hover_explains_keys_values_and_ids(editor: Editor, workspace: Path) -> None:
    uri = editor.open(workspace / PLAN)
    text = editor.texts[uri]

    async def hover(needle: str, offset: int) -> str:
        result = await editor.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, needle, offset)))
        assert result is not None and isinstance(result.contents, types.MarkupContent)
        return result.contents.value

    assert "Status" in await hover("    status: ongoing", 6)
    assert "Ongoing" in await hover("    status: ongoing", 14)
    actor = await hover("      - funasfjallen", 10)
    assert "Business" in actor or "Public sector" in actor or "Civil society" in actor or "Academia" in actor
    assert "Goals" in await hover("    goals:\n      - UPP-M1", 6)
    goal = await hover("      - UPP-M2", 9)
    assert "UPP-M2" in goal


async def test_definition_of_an_actor_id_is_its_registry_entry(editor: Editor, workspace: Path) -> None:
    uri = editor.open(workspace / PLAN)
    text = editor.texts[uri]
    found = await editor.client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, "      - funasfjallen", 10)))
    assert isinstance(found, list) and len(found) == 1
    location = found[0]
    assert isinstance(location, types.Location)
    assert location.uri == (workspace / REGISTRY).as_uri()
    assert text_at((workspace / REGISTRY).read_text(encoding="utf-8"), location.range) == "funasfjallen"


async def test_definition_of_a_goal_id_is_the_goal(editor: Editor, workspace: Path) -> None:
    uri = editor.open(workspace / PLAN)
    text = editor.texts[uri]
    found = await editor.client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, "      - UPP-M2", 10)))
    assert isinstance(found, list) and len(found) == 1 and isinstance(found[0], types.Location)
    assert found[0].range.start == position_of(text, "  - id: UPP-M2", len("  - id: "))


async def test_references_of_an_actor_span_the_plans(editor: Editor, workspace: Path) -> None:
    uri = editor.open(workspace / PLAN)
    text = editor.texts[uri]
    found = await editor.client.text_document_references_async(types.ReferenceParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, "      - actor: are-kommun", 17),
        context=types.ReferenceContext(include_declaration=True)))
    assert found is not None
    files = {Path(loc.uri).name for loc in found}
    assert "actors.yaml" in files and "upplevelser.yaml" in files
    for loc in found:
        body = (workspace / "plans" / Path(loc.uri).name).read_text(encoding="utf-8")
        assert text_at(body, loc.range) == "are-kommun"
    expected = sum((workspace / "plans" / n).read_text(encoding="utf-8").count("are-kommun\n") for n in
                   ("actors.yaml", "upplevelser.yaml", "hallbar-energi.yaml", "digitala-losningar.yaml", "jord-skog-vatten.yaml"))
    assert len(found) == expected


async def _code_actions(editor: Editor, uri: str, target: types.Diagnostic) -> list[types.Command | types.CodeAction]:
    """The code actions the server offers for one published finding."""
    actions = await editor.client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=target.range,
        context=types.CodeActionContext(diagnostics=[target])))
    assert actions is not None
    return actions


async def test_code_action_repairs_what_rus_fix_repairs(editor: Editor, workspace: Path) -> None:
    uri = editor.open(workspace / PLAN)
    changed = (workspace / PLAN).read_text(encoding="utf-8").replace("    progress: 45\n", "    progres: 45\n", 1)
    editor.change(uri, changed)
    found = await wait_for(editor.client, uri, lambda d: any(x.code == "S002" for x in d))
    target = next(d for d in found if d.code == "S002")
    actions = await _code_actions(editor, uri, target)
    quick = [a for a in actions if isinstance(a, types.CodeAction) and a.kind == types.CodeActionKind.QuickFix]
    assert len(quick) == 1 and "progress" in quick[0].title
    assert quick[0].edit is not None and quick[0].edit.changes is not None
    assert apply_edits(changed, quick[0].edit.changes[uri]) == (workspace / PLAN).read_text(encoding="utf-8")
    fix_all = [a for a in actions if isinstance(a, types.CodeAction) and a.kind == types.CodeActionKind.SourceFixAll]
    assert fix_all and fix_all[0].edit is not None and fix_all[0].edit.changes is not None
    assert apply_edits(changed, fix_all[0].edit.changes[uri]) == (workspace / PLAN).read_text(encoding="utf-8")
    await _restore(editor, workspace, PLAN)


async def test_code_action_adds_a_missing_actor_to_the_registry(editor: Editor, workspace: Path, tmp_path: Path) -> None:
    uri = editor.open(workspace / PLAN)
    changed = (workspace / PLAN).read_text(encoding="utf-8").replace("      - funasfjallen\n", "      - nya-aktoren\n", 1)
    editor.change(uri, changed)
    found = await wait_for(editor.client, uri, lambda d: any(x.code == "R003" for x in d))
    target = next(d for d in found if d.code == "R003")
    actions = await _code_actions(editor, uri, target)
    adds = [a for a in actions if isinstance(a, types.CodeAction) and "nya-aktoren" in a.title]
    assert len(adds) == 4 and any("Business" in a.title for a in adds)
    edit = adds[0].edit
    assert edit is not None and edit.changes is not None
    registry_uri = (workspace / REGISTRY).as_uri()
    after = apply_edits((workspace / REGISTRY).read_text(encoding="utf-8"), edit.changes[registry_uri])
    assert "  - id: nya-aktoren\n" in after
    mirror = tmp_path / "plans"
    shutil.copytree(workspace / "plans", mirror)
    (mirror / "upplevelser.yaml").write_text(changed, encoding="utf-8")
    (mirror / "actors.yaml").write_text(after, encoding="utf-8")
    assert validate_json(mirror, tmp_path, "en") == []
    await _restore(editor, workspace, PLAN)


async def test_formatting_gives_the_layout_of_rus_fmt(editor: Editor, workspace: Path) -> None:
    uri = editor.open(workspace / PLAN)
    original = (workspace / PLAN).read_text(encoding="utf-8")
    changed = original.replace("    status: ongoing\n", "    status:     ongoing\n", 1).replace("area: upplevelser\n", "area:   upplevelser\n", 1)
    editor.change(uri, changed)
    edits = await editor.client.text_document_formatting_async(types.DocumentFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=uri), options=types.FormattingOptions(tab_size=2, insert_spaces=True)))
    assert edits
    assert apply_edits(changed, edits) == original
    await _restore(editor, workspace, PLAN)


async def test_formatting_refuses_as_rus_fmt_refuses(editor: Editor, workspace: Path) -> None:
    uri = editor.open(workspace / PLAN)
    broken = (workspace / PLAN).read_text(encoding="utf-8").replace("  place: ", '  place: "', 1)
    editor.change(uri, broken)
    await wait_for(editor.client, uri, lambda d: any(x.code == "Y004" for x in d))
    before = len(editor.client.messages)
    edits = await editor.client.text_document_formatting_async(types.DocumentFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=uri), options=types.FormattingOptions(tab_size=2, insert_spaces=True)))
    assert not edits
    assert any("cannot be formatted" in m.message for m in editor.client.messages[before:])
    await _restore(editor, workspace, PLAN)


async def test_a_file_changed_on_disk_is_checked_again(editor: Editor, workspace: Path) -> None:
    path = workspace / "plans/hallbar-energi.yaml"
    uri = path.as_uri()
    editor.open(workspace / PLAN)
    original = path.read_text(encoding="utf-8")
    assert "    status: ongoing\n" in original
    path.write_text(original.replace("    status: ongoing\n", "    status: ongoign\n", 1), encoding="utf-8")
    editor.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=uri, type=types.FileChangeType.Changed)]))
    found = await wait_for(editor.client, uri, lambda d: any(x.code == "S003" for x in d))
    assert text_at(path.read_text(encoding="utf-8"), found[0].range) == "ongoign"
    path.write_text(original, encoding="utf-8")
    editor.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=uri, type=types.FileChangeType.Changed)]))
    await wait_for(editor.client, uri, lambda d: len(d) == 0)


async def test_an_activity_replaced_by_another_leads_to_it(editor: Editor, workspace: Path) -> None:
    path = workspace / "plans/digitala-losningar.yaml"
    uri = editor.open(path)
    text = editor.texts[uri]
    where = position_of(text, "    replaced_by: DIG-011", len("    replaced_by: DI"))
    shown = await editor.client.text_document_hover_async(types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=where))
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    block = text[text.index("  - id: DIG-011\n") :]
    title = block.split("    title: ", 1)[1].split("\n", 1)[0]
    status = block.split("    status: ", 1)[1].split("\n", 1)[0]
    from rus.base.vocab import Status

    assert title in shown.contents.value and Status(status).text("en") in shown.contents.value
    found = await editor.client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=where))
    assert isinstance(found, list) and len(found) == 1 and isinstance(found[0], types.Location)
    assert found[0].range.start == position_of(text, "  - id: DIG-011\n", len("  - id: "))
    refs = await editor.client.text_document_references_async(types.ReferenceParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=where, context=types.ReferenceContext(include_declaration=False)))
    named = [position_of(text, "    replaced_by: DIG-011", len("    replaced_by: ")),
             position_of(text, "      - DIG-011\n", len("      - "))]  # and the consultation record DIG-K5
    assert refs is not None and sorted((r.range.start.line, r.range.start.character) for r in refs) == [(p.line, p.character) for p in named]


async def test_other_yaml_files_of_the_repository_are_left_alone(editor: Editor, workspace: Path) -> None:
    workflow = workspace / ".github" / "workflows" / "ci.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("on: [push]\njobs:\n  check:\n    runs-on: ubuntu-latest\n", encoding="utf-8")
    broken = workspace / "loose" / "notes.yaml"
    broken.parent.mkdir()
    broken.write_text("area: upplevelser\n", encoding="utf-8")
    uri = editor.open(workflow)
    assert await wait_for(editor.client, uri, lambda d: True) == []
    # a plan outside the plans folder is still checked (here: most of it is missing)
    loose = editor.open(broken)
    assert "S001" in {d.code for d in await wait_for(editor.client, loose, lambda d: len(d) > 0)}
