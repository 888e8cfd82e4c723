"""Benchmark of ``rus lsp``: from a ``didChange`` to its ``publishDiagnostics``, and the server's memory.

Generates (``generate.py``) a folder with the actor registry and one plan, starts the installed
``rus lsp`` as an editor does (pygls's client over stdio), opens the plan and sends one-character
edits (a letter of a title, alternating, so the plan stays valid) as incremental changes, each
timed until the diagnostics of that version are published. Measured in the same run:

- a 30-activity plan: the median latency (bar: at most 50 ms);
- a 1,000-activity plan: the median latency against one ``rus validate`` of that folder as a
  separate process (bar: at most 5×);
- the server's resident memory after 100, 500 and 1,000 changes of the 30-activity plan (bar: not
  growing).

Command line::

    python benchmarks/bench_lsp.py [--small 30] [--large 1000] [--changes 1000] [--large-changes 9]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate_corpus  # noqa: E402

ENV = {**os.environ, "RUS_LANG": "en", "NO_COLOR": "1"}


def _rus() -> str:
    found = shutil.which("rus")
    if found is None:
        raise SystemExit("the rus command is not installed: pip install -e .")
    return found


def rss_kib(pid: int) -> int:
    """The resident memory of a process, in KiB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    """The CPU time (user and system) a process has used so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Session:
    """A running ``rus lsp`` with one open plan, timing changes until their diagnostics arrive."""

    def __init__(self, folder: Path, plan: Path) -> None:
        self.folder, self.plan = folder, plan
        self.uri = plan.as_uri()
        self.client = LanguageClient("bench", "1")
        self.published: dict[int, float] = {}
        self.waiting: dict[int, asyncio.Event] = {}
        self.version = 1
        self.text = plan.read_text(encoding="utf-8")
        lines = self.text.split("\n")
        self.line = next(i for i, line in enumerate(lines) if line.startswith("    title: "))
        self.column = len("    title: ")
        self.letters = (lines[self.line][self.column], "Q")

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            if params.uri == self.uri and params.version is not None:
                self.published[params.version] = time.perf_counter()
                event = self.waiting.pop(params.version, None)
                if event is not None:
                    event.set()
                if params.diagnostics:
                    raise SystemExit(f"unexpected findings: {params.diagnostics[0].message}")

    async def start(self) -> None:
        await self.client.start_io(_rus(), "lsp", env=ENV)
        await self.client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=self.folder.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=self.folder.as_uri(), name="bench")]))
        self.client.initialized(types.InitializedParams())
        event = self.waiting[1] = asyncio.Event()
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=self.uri, language_id="yaml", version=1, text=self.text)))
        await asyncio.wait_for(event.wait(), 600)

    @property
    def pid(self) -> int:
        assert self.client._server is not None
        return self.client._server.pid

    async def change(self) -> float:
        """One incremental edit; seconds until its diagnostics are published."""
        self.version += 1
        letter = self.letters[self.version % 2]
        event = self.waiting[self.version] = asyncio.Event()
        start = time.perf_counter()
        where = types.Range(start=types.Position(line=self.line, character=self.column),
                            end=types.Position(line=self.line, character=self.column + 1))
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
            content_changes=[types.TextDocumentContentChangePartial(range=where, text=letter)]))
        await asyncio.wait_for(event.wait(), 600)
        return self.published[self.version] - start

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


def _corpus(root: Path, activities: int) -> tuple[Path, Path]:
    folder = root / f"plans-{activities}"
    paths = generate_corpus(folder, 1, activities)
    # the generated plans are the bundled region's: its region file beside them, as in a repository
    shutil.copyfile(HERE.parent / "region.yaml", folder / "region.yaml")
    return folder, paths[1]


def _validate_seconds(folder: Path, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([_rus(), "validate", str(folder)], env=ENV, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"the generated plans do not validate:\n{done.stdout.decode()}")
    return statistics.median(times)


def _in_process_seconds(folder: Path, runs: int = 9) -> float:
    """One in-process check of the folder's files (parse, schema, rules): the floor under a change."""
    from rus.plans.validation import validate_texts

    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.yaml"))}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        validate_texts(texts)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


async def run(small: int, large: int, changes: int, large_changes: int, work: Path) -> None:
    folder, plan = _corpus(work, small)
    floor = _in_process_seconds(folder)
    session = Session(folder, plan)
    await session.start()
    latencies: list[float] = []
    memory: dict[int, int] = {0: rss_kib(session.pid)}
    cpu = cpu_seconds(session.pid)
    for n in range(1, changes + 1):
        latencies.append(await session.change())
        if n in (10, 100, 500, 1000, 2000, 5000) or n == changes:
            memory[n] = rss_kib(session.pid)
    cpu = (cpu_seconds(session.pid) - cpu) / changes
    await session.stop()
    print(f"{small}-activity plan: didChange → publishDiagnostics over {changes} changes: "
          f"median {1000 * statistics.median(latencies):.1f} ms, p90 {1000 * statistics.quantiles(latencies, n=10)[-1]:.1f} ms "
          f"(bar ≤ 50 ms); server CPU time per change {1000 * cpu:.1f} ms; "
          f"one in-process check of the plan and registry {1000 * floor:.1f} ms; load average {os.getloadavg()[0]:.1f}")
    print("server memory (RSS) after n changes: " + ", ".join(f"{n}: {kib / 1024:.1f} MiB" for n, kib in sorted(memory.items())))

    folder, plan = _corpus(work, large)
    yardstick = _validate_seconds(folder)
    session = Session(folder, plan)
    await session.start()
    large_latencies = [await session.change() for _ in range(large_changes)]
    await session.stop()
    median = statistics.median(large_latencies)
    print(f"{large}-activity plan ({plan.stat().st_size / 1e6:.2f} MB): didChange → publishDiagnostics median "
          f"{1000 * median:.0f} ms; one `rus validate` {1000 * yardstick:.0f} ms; ratio {median / yardstick:.2f}× (bar ≤ 5×)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", type=int, default=30)
    parser.add_argument("--large", type=int, default=1000)
    parser.add_argument("--changes", type=int, default=1000)
    parser.add_argument("--large-changes", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rus-bench-lsp-") as work:
        asyncio.run(run(args.small, args.large, args.changes, args.large_changes, Path(work)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
