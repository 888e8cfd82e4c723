"""scripts/relayout.py: the packages of issue 14, carried out by a script the lead runs after merging."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("relayout", REPO / "scripts" / "relayout.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["relayout"] = module
    spec.loader.exec_module(module)
    return module


relayout = _load()


def test_the_repository_has_no_module_without_a_place(capsys: pytest.CaptureFixture[str]) -> None:
    # before the run: every top-level module moves; after it: nothing is left to move or rewrite
    plan = relayout.make_plan(REPO)
    assert plan.unknown == []
    assert relayout.main(["--dry-run"]) == 0
    moved = {old.removeprefix("rus/").removesuffix(".py") for old, _ in plan.moves}
    in_place = {old for old, new in relayout.MAPPING.items() if (REPO / "rus" / f"{new.replace('.', '/')}.py").is_file()}
    assert moved | in_place == set(relayout.MAPPING)
    assert "Top-level modules of rus/ with no place" not in capsys.readouterr().out


def test_every_package_is_a_layer_and_every_layer_a_package() -> None:
    layers = {name.strip() for layer in relayout.LAYERS for name in layer.split("|")}
    assert set(relayout.PACKAGES) <= layers
    assert layers - set(relayout.PACKAGES) == {"cli", "lsp", "render"}
    assert {new.split(".")[0] for new in relayout.MAPPING.values()} <= set(relayout.PACKAGES) | set(relayout.KEPT_PACKAGES)


MAPPING = {"vocab": "base.vocab", "editing": "writing.editing", "report": "reporting.report",
           "report_sources": "reporting.report_sources", "ci": "timeline.ci"}


@pytest.mark.parametrize(("before", "after"), [
    ("import rus.vocab\nrus.vocab.Area", "import rus.base.vocab\nrus.base.vocab.Area"),
    ("from rus.editing import find_activity", "from rus.writing.editing import find_activity"),
    ('monkeypatch.setattr("rus.editing.ids_in_history", f)', 'monkeypatch.setattr("rus.writing.editing.ids_in_history", f)'),
    ("python -m rus.report_sources --x", "python -m rus.reporting.report_sources --x"),
    ("see rus/report.py and rus/report_sources.py", "see rus/reporting/report.py and rus/reporting/report_sources.py"),
    ("[link](../rus/ci.py)", "[link](../rus/timeline/ci.py)"),
    (":func:`rus.vocab.using_region`", ":func:`rus.base.vocab.using_region`"),
    # not a moved module: left alone
    ("rus.cli.ci rus.render.ci rus/cli/ci.py virus.report rus.lock rus.reports rus.__version__",
     "rus.cli.ci rus.render.ci rus/cli/ci.py virus.report rus.lock rus.reports rus.__version__"),
])
def test_references_are_rewritten(before: str, after: str) -> None:
    assert relayout.rewrite_text(before, MAPPING) == after
    assert relayout.rewrite_text(after, MAPPING) == after  # a second run changes nothing


def test_a_renderer_may_be_placed_in_render() -> None:
    relayout.check_mapping({**relayout.MAPPING, "report_json": "render.report_json"})
    with pytest.raises(relayout.RelayoutError):
        relayout.check_mapping({**relayout.MAPPING, "report_json": "cli.report_json"})


def test_from_the_package_imports_are_split_by_package() -> None:
    before = ("def f():\n    from rus import __version__, vocab, report as r  # why\n"
              "from rus import (\n    editing,\n    report_sources,\n)\n")
    after = relayout.rewrite_text(before, MAPPING, path="tests/x.py")
    assert after == ("def f():\n    from rus import __version__  # why\n    from rus.base import vocab\n"
                     "    from rus.reporting import report as r\n"
                     "from rus.writing import editing\nfrom rus.reporting import report_sources\n")
    renamed = relayout.rewrite_text("from rus import vocab\n", {"vocab": "base.words"}, path="a.py")
    assert renamed == "from rus.base import words as vocab\n"


def test_relative_imports_in_the_package_become_absolute() -> None:
    text = "from .vocab import Area\nfrom ..editing import x\nfrom . import escape\n"
    assert relayout.rewrite_text(text, MAPPING, path="rus/render/text.py") == (
        "from rus.render.vocab import Area\nfrom rus.writing.editing import x\nfrom rus.render import escape\n")


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def small_repo(tmp_path: Path) -> Path:
    """A repository shaped like rus's, with a few of its modules and references to them."""
    files = {
        "rus/__init__.py": '_EXPORTS = {"Area": "rus.vocab"}\n',
        "rus/vocab.py": "AREA = 1\n",
        "rus/editing.py": "from rus.vocab import AREA\n",
        "rus/cli/__init__.py": "from rus import editing, vocab\n",
        "tests/test_x.py": 'import rus.editing\n\n\ndef test(monkeypatch):\n    monkeypatch.setattr("rus.vocab.AREA", 2)\n',
        "README.md": "Edits live in `rus/editing.py`; run `python -m rus.vocab`.\n",
        "CHANGELOG.md": "- rus/editing.py was split\n",
        "pyproject.toml": '[tool.importlinter]\nroot_package = "rus"\n\n[tool.other]\nx = 1\n',
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "start")
    return tmp_path


def test_a_run_moves_rewrites_and_a_second_run_changes_nothing(small_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert relayout.main(["--root", str(small_repo)]) == 0
    root = small_repo
    assert not (root / "rus" / "vocab.py").exists()
    assert (root / "rus" / "base" / "vocab.py").read_text() == "AREA = 1\n"
    assert (root / "rus" / "writing" / "editing.py").read_text() == "from rus.base.vocab import AREA\n"
    assert (root / "rus" / "cli" / "__init__.py").read_text() == "from rus.base import vocab\nfrom rus.writing import editing\n"
    assert '"rus.base.vocab.AREA"' in (root / "tests" / "test_x.py").read_text()
    assert (root / "README.md").read_text() == "Edits live in `rus/writing/editing.py`; run `python -m rus.base.vocab`.\n"
    assert (root / "CHANGELOG.md").read_text() == "- rus/editing.py was split\n"  # history, as written
    assert (root / "rus" / "__init__.py").read_text() == '_EXPORTS = {"Area": "rus.base.vocab"}\n'
    assert "What it may import" in (root / "rus" / "base" / "__init__.py").read_text()
    pyproject = (root / "pyproject.toml").read_text()
    assert pyproject.index('id = "layers"') < pyproject.index("[tool.other]")
    assert '"lsp | render"' in pyproject
    assert "R  rus/vocab.py -> rus/base/vocab.py" in _git(root, "status", "--porcelain")

    _git(root, "add", "-A")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "relayout")
    capsys.readouterr()
    assert relayout.main(["--root", str(root)]) == 0
    assert _git(root, "status", "--porcelain") == ""
    assert "none: the layout is in place" in capsys.readouterr().out


def test_an_unknown_module_stops_the_run_until_it_is_mapped(small_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (small_repo / "rus" / "novelty.py").write_text("from rus.vocab import AREA\n", encoding="utf-8")
    _git(small_repo, "add", ".")
    _git(small_repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "novelty")

    assert relayout.main(["--root", str(small_repo)]) == 1
    assert "rus/novelty: add --map novelty=<package>.novelty" in capsys.readouterr().out
    assert (small_repo / "rus" / "vocab.py").exists()  # nothing was changed

    assert relayout.main(["--root", str(small_repo), "--map", "novelty=plans.novelty"]) == 0
    assert (small_repo / "rus" / "plans" / "novelty.py").read_text() == "from rus.base.vocab import AREA\n"
    assert relayout.main(["--root", str(small_repo), "--map", "novelty=nowhere.novelty"]) == 2
    assert relayout.main(["--root", str(small_repo), "--map", "novelty=cli.novelty"]) == 2


def test_a_new_package_can_be_placed_too(small_repo: Path) -> None:
    (small_repo / "rus" / "loader").mkdir()
    (small_repo / "rus" / "loader" / "__init__.py").write_text('"""The one loader."""\n', encoding="utf-8")
    (small_repo / "rus" / "loader" / "read.py").write_text("from .. import vocab\nfrom rus.editing import x\n", encoding="utf-8")
    _git(small_repo, "add", ".")
    _git(small_repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "loader")

    assert relayout.main(["--root", str(small_repo), "--map", "rus.loader=rus.plans.loader"]) == 0
    assert (small_repo / "rus" / "plans" / "loader" / "read.py").read_text() == (
        "from rus.base import vocab\nfrom rus.writing.editing import x\n")
    assert not (small_repo / "rus" / "loader").exists()


def test_the_layers_contract_goes_into_the_importlinter_table_not_a_comment_naming_it() -> None:
    with pytest.raises(relayout.RelayoutError):
        relayout._with_contract('dev = ["import-linter"]  # contracts in [tool.importlinter]\n')
    text = '# [tool.importlinter] is below\n[tool.importlinter]\nroot_package = "rus"\n\n[tool.mypy]\nstrict = true\n'
    written = relayout._with_contract(text)
    assert written.index('id = "layers"') < written.index("[tool.mypy]")
    assert relayout._with_contract(written) == written
