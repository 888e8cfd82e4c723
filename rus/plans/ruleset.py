"""The rule registry: each rule of the domain one unit, run on a validated model.

A unit (:class:`Rule`) is a diagnostic code with its checks: functions that take the validated model
of a file (an action plan, the actor registry, the programme file) with what they need of the other
files, and *return* findings located by a path in the data (``("activities", 3, "status")``), never
by reading the YAML. The code's slug, severity, message and hint are its entry in
:data:`rus.base.codes.CODES`, its rationale is in :data:`rus.base.rationales.RATIONALES`; the unit
refers to both. One runner (:func:`run`) runs the units of a kind of file in the order they were
registered, and :func:`to_diagnostics` turns the findings into diagnostics at a line and column of
the file's node tree (:func:`rus.plans.source.locate`). So the rules also run on a model built in
memory (an editor's buffer, a test), where the findings keep their paths.

Rules across files keep what they need in a cross index until every file is read; where they keep a
position, they keep a :class:`Place` (a path in a file), which the runner fills in with the line and
column before the file's node tree is let go.

Adding a rule: add its code to :data:`rus.base.codes.CODES` and a rationale to
:data:`rus.base.rationales.RATIONALES`, and write one function decorated with :func:`rule` in
:mod:`rus.plans.rules` (or :mod:`rus.plans.programme`, or :mod:`rus.timeline.transitions` for a
rule on what changed since a base revision) that yields its findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from rus.base.codes import CODES, Code
from rus.base.diagnostics import Diagnostic
from rus.base.rationales import RATIONALES

Loc = tuple[str | int, ...]
#: What a check runs on: a plan, the actor registry, the programme file, every file read (across
#: files), or the plans now against the plans at a base revision (the transition rules of
#: :mod:`rus.timeline.transitions`, run by ``rus validate --base``), or the region file
#: (:mod:`rus.plans.region`).
Scope = Literal["plan", "actors", "programme", "files", "transitions", "region"]


@dataclass(slots=True)
class Place:
    """A place in a file kept for a rule across files: a path in its data, and (once the runner has
    located it) its 1-based line and column; 0 while not located (a model in memory)."""

    file: str
    loc: Loc
    key: bool = False
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        """``file:line`` as the messages name another place (``file:activities.3.id`` unlocated)."""
        return f"{self.file}:{self.line}" if self.line else f"{self.file}:{'.'.join(map(str, self.loc))}"


@dataclass(frozen=True)
class LineOf:
    """A finding's parameter that names the line of a place in the same file ("first on line 12")."""

    place: Place

    def shown(self) -> int | str:
        return self.place.line if self.place.line else ".".join(map(str, self.place.loc))


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule found, located by a path in the file's data (``at``), or at a :class:`Place`
    already kept (possibly in another file, for the rules across files).

    ``key`` points at the key of the value rather than the value; ``hint`` replaces the code's hint.
    A parameter that is a :class:`Place` is shown as ``file:line``, a :class:`LineOf` as the line.
    """

    code: str
    at: Loc | Place
    params: Mapping[str, Any] = field(default_factory=dict)
    key: bool = False
    hint: str | None = None


Check = Callable[[Any], Iterable[Finding]]


@dataclass
class Rule:
    """One rule: its code (whose entry in ``CODES`` has the slug, severity, message and hint), its
    rationale, and its checks by the kind of file they run on."""

    code: str
    checks: dict[Scope, Check] = field(default_factory=dict)

    @property
    def entry(self) -> Code:
        return CODES[self.code]

    @property
    def slug(self) -> str:
        return self.entry.name

    @property
    def severity(self) -> str:
        return self.entry.severity

    @property
    def message(self) -> str:
        return self.entry.message

    @property
    def hint(self) -> str:
        return self.entry.hint

    @property
    def rationale(self) -> str:
        """Why the rule exists (an English message id; :func:`rus.base.i18n.translate` gives the Swedish)."""
        return RATIONALES[self.code]


#: Every rule by its code, in the order the units were registered (the order they run in). The rules
#: of one file and across files are registered once :mod:`rus.plans.programme` is imported (it
#: imports :mod:`rus.plans.rules`), as :mod:`rus.plans.validation` does; the transition rules (H)
#: once :mod:`rus.timeline.transitions` is, which sits above the plans because it reads git history.
REGISTRY: dict[str, Rule] = {}
#: The checks of each scope in registration order (what :func:`run` runs).
_BY_SCOPE: dict[str, list[tuple[str, Check]]] = {}


def rule(code: str, scope: Scope) -> Callable[[Check], Check]:
    """Register the decorated function as the check of ``code`` on files of ``scope``.

    A code has one unit; a rule that applies to more than one kind of file (an id used twice in a
    plan or in the registry) has one check per kind. The code must be in ``CODES`` and have a rationale.
    """
    if code not in CODES:
        raise KeyError(f"{code} is not a diagnostic code (add it to rus.base.codes.CODES)")
    if code not in RATIONALES:
        raise KeyError(f"{code} has no rationale (add one to rus.base.rationales.RATIONALES)")

    def register(check: Check) -> Check:
        unit = REGISTRY.setdefault(code, Rule(code))
        if scope in unit.checks:
            raise ValueError(f"{code} already has a check for {scope}")
        unit.checks[scope] = check
        _BY_SCOPE.setdefault(scope, []).append((code, check))
        return check

    return register


def run(scope: Scope, context: Any, codes: Iterable[str] | None = None) -> list[Finding]:
    """The findings of every rule's check for ``scope`` on ``context`` (only ``codes``, when given)."""
    wanted = None if codes is None else set(codes)
    found: list[Finding] = []
    for code, check in _BY_SCOPE.get(scope, ()):
        if wanted is None or code in wanted:
            found.extend(check(context))
    return found


Locator = Callable[[Loc, bool], tuple[int, int]]


def to_diagnostics(findings: Iterable[Finding], file: str, locate: Locator, places: Iterable[Place] = (),
                   moved: Callable[[Loc], Loc] | None = None) -> Iterator[Diagnostic]:
    """The findings as diagnostics of ``file``, each path mapped to a line and column by ``locate``.

    ``places`` (kept in the cross index while the rules ran) are located first, so that messages
    and later rules can name them; ``moved`` maps a path in the model to the path in the file (a
    plan checked in part keeps only the items that passed the schema: see :class:`rus.plans.rules.Partial`).
    """
    for place in places:
        place.line, place.column = locate(moved(place.loc) if moved else place.loc, place.key)
    for finding in findings:
        if isinstance(finding.at, Place):
            path, line, column = finding.at.file, finding.at.line or 1, finding.at.column or 1
        else:
            path = file
            line, column = locate(moved(finding.at) if moved else finding.at, finding.key)
        params = {name: _shown(value) for name, value in finding.params.items()}
        yield Diagnostic(path, line, column, finding.code, params, finding.hint)


def _shown(value: Any) -> Any:
    if isinstance(value, Place):
        return str(value)
    return value.shown() if isinstance(value, LineOf) else value


__all__ = ["REGISTRY", "Finding", "LineOf", "Loc", "Place", "Rule", "Scope", "rule", "run", "to_diagnostics"]
