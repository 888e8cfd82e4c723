"""Synthetic plan corpora for measuring ``rus validate`` (deterministic for a given seed).

``generate_corpus(out_dir, files, activities_per_file, seed)`` writes an actor registry and
``files`` action plans shaped like the bundled ones (every field an activity can have, funding
lines, milestones, goal conflicts, Sámi blocks, comments). The plans validate without errors or
warnings as long as the id space holds: activity ids are ``PREFIX-NNN`` to ``PREFIX-NNNNN`` with the
area's fixed prefix, so one area holds at most 99,999 activities (the large corpus, 100 files ×
1,000 activities, needs 25,000 per area). Beyond that the numbers would wrap round and repeat,
which ``rus validate`` rightly reports as R001 (duplicate id).

Each plan is written as ``set-NN/<area>.yaml``: the file name equals the area (rule R019), and
the folder keeps the sets apart. Command line::

    python benchmarks/generate.py small|medium|large OUT [--seed N]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

AREAS: tuple[tuple[str, str, str], ...] = (
    ("jord-skog-vatten", "JSV", "Jord, skog och vatten"),
    ("upplevelser", "UPP", "Upplevelser"),
    ("hallbar-energi", "ENE", "Hållbar energi"),
    ("digitala-losningar", "DIG", "Digitala lösningar"),
)

#: The most activities one area can hold: ids ``PREFIX-001`` … ``PREFIX-99999``.
MAX_PER_AREA = 99_999

#: Files × activities per file. ``idmax`` is the largest corpus of this shape whose ids all fit
#: (10 files per area × 999 = 9,990 activities per area): valid, for the memory bound.
SIZES: dict[str, tuple[int, int]] = {
    "medium": (40, 300),
    "large": (100, 1_000),
    "idmax": (40, 999),
    "faults": (40, 300),
}
#: ``faults`` is the medium corpus with ten findings in every plan (400 in all), to time locating.
FAULTS_PER_FILE = {"faults": 10}

MUNICIPALITIES = (
    "ragunda",
    "bracke",
    "krokom",
    "stromsund",
    "are",
    "berg",
    "harjedalen",
    "ostersund",
)
SAMI_AREA = frozenset({"krokom", "stromsund", "are", "berg", "harjedalen", "ostersund"})
SAMI_INTERESTS = ("land-and-water", "reindeer-husbandry", "culture", "language", "livelihoods")
HELIXES = ("business", "civil-society", "academia", "public")
LADDER = ("sees-hears", "understands", "wants", "does")
PRIORITIES = ("whole-county", "sustainable-development", "strength-areas")
NATIONAL_AREAS = ("equal-opportunities", "skills", "innovation", "accessibility")
FREQUENCIES = ("yearly", "half-yearly", "quarterly")
PHASES = ("analysis", "governance", "vision", "prioritisation", "policy-mix", "evaluation")
SOURCES = (
    "appropriation-1-1",
    "erdf",
    "esf-plus",
    "interreg",
    "jtf",
    "national",
    "regional",
    "municipal",
    "private",
    "other",
)
INSTRUMENTS = ("project-grant", "business-support", "procurement", "loan", "voucher", "in-kind")
FUNDING_STATES = ("planned", "applied", "granted", "rejected")
RATINGS = ("contributes", "neutral", "unknown")
CONFLICT_STATES = ("identified", "handling", "resolved", "accepted")
INTERESTS = (
    "rennäring",
    "friluftsliv",
    "skogsbruk",
    "vindkraft",
    "turism",
    "naturvård",
    "economic",
    "environmental",
    "social",
)

NOUNS = (
    "besöksnäring",
    "skogsbruk",
    "fjällturism",
    "vattenkraft",
    "bredband",
    "livsmedel",
    "mejerier",
    "renskötsel",
    "fäbodar",
    "cykelleder",
    "solceller",
    "vätgas",
    "datacenter",
    "e-hälsa",
    "kompetens",
    "kollektivtrafik",
    "landsbygd",
    "kulturarv",
    "evenemang",
    "rennäring",
    "innovation",
    "företag",
    "samverkan",
    "föreningsliv",
    "bioenergi",
    "laddinfrastruktur",
)
VERBS = (
    "Utveckling av",
    "Kartläggning av",
    "Stöd till",
    "Samordning av",
    "Förstudie om",
    "Nätverk för",
    "Pilotprojekt för",
    "Kompetenslyft inom",
    "Innovationsarena för",
    "Affärsutveckling inom",
)
PLACES = (
    "Östersund",
    "Åre",
    "Funäsdalen",
    "Strömsund",
    "Hammarstrand",
    "Bräcke",
    "Krokom",
    "Svenstavik",
    "Sveg",
    "Järpen",
)
WORDS = (
    "insatsen",
    "ger",
    "företag",
    "i",
    "hela",
    "länet",
    "bättre",
    "förutsättningar",
    "att",
    "växa",
    "och",
    "arbetet",
    "sker",
    "tillsammans",
    "med",
    "kommunerna",
    "samebyarna",
    "lärosätet",
    "näringslivet",
    "för",
    "en",
    "hållbar",
    "utveckling",
    "där",
    "natur",
    "och",
    "kultur",
    "tas",
    "till",
    "vara",
    "året",
    "runt",
    "resultaten",
    "följs",
    "upp",
    "vid",
    "varje",
    "mobiliserande",
    "möte",
    "ny",
    "kunskap",
    "sprids",
    "genom",
    "seminarier",
    "studiebesök",
    "digitala",
    "verktyg",
    "lokala",
    "aktörer",
    "får",
    "stöd",
    "under",
    "hela",
    "projekttiden",
    "fjällen",
    "skogen",
    "vattnet",
)


@dataclass(frozen=True)
class Actor:
    """An actor of the synthetic registry."""

    id: str
    helix: str
    municipality: str
    sami: bool


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _folded(rng: random.Random, indent: str, sentences: int) -> list[str]:
    """A folded block scalar (``>-``) of a few sentences, wrapped like hand-written text."""
    text = " ".join(_sentence(rng, rng.randint(7, 14)) for _ in range(sentences))
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > 68:
            lines.append(indent + current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(indent + current)
    return lines


def _title(rng: random.Random) -> str:
    return f"{rng.choice(VERBS)} {rng.choice(NOUNS)} i {rng.choice(PLACES)}"


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max((last - first).days, 0)))


def actors_text(rng: random.Random, count: int = 120) -> tuple[str, list[Actor]]:
    """The actor registry's YAML text and the actors in it."""
    actors: list[Actor] = []
    lines = [
        "# yaml-language-server: $schema=../schemas/actors.schema.json",
        "#",
        "# Aktörsregister (syntetiskt, för prestandamätning).",
        "",
        "schema_version: 2",
        "",
        "actors:",
    ]
    for n in range(1, count + 1):
        helix = HELIXES[n % len(HELIXES)]
        municipality = MUNICIPALITIES[n % len(MUNICIPALITIES)]
        sami = n % 15 == 0
        actor = Actor(f"aktor-{n:03d}", helix, municipality, sami)
        actors.append(actor)
        if n % 30 == 1:
            lines.append(f"  # --- Aktörer {n}–{n + 29} ---")
        lines += [
            f"  - id: {actor.id}",
            f"    name: {rng.choice(NOUNS).capitalize()} {rng.choice(PLACES)} {n}",
            f"    helix: {helix}",
            f"    municipality: {municipality}",
        ]
        if sami:
            lines.append("    sami_organisation: true")
        lines.append("    ladder:")
        for area, _prefix, _name in rng.sample(AREAS, rng.randint(1, 4)):
            lines.append(f"      {area}: {rng.choice(LADDER)}")
        lines.append("")
    return "\n".join(lines) + "\n", actors


@dataclass
class _Counters:
    """Per-area numbering, so that ids are unique across the corpus."""

    sub_area: int = 0
    goal: int = 0
    indicator: int = 0
    activity: int = 0
    consultation: int = 0


def _activity_id(prefix: str, number: int) -> str:
    # Past the id space the numbers wrap round: unavoidable duplicates (see the module docstring).
    return f"{prefix}-{(number - 1) % MAX_PER_AREA + 1:03d}"


def plan_text(
    rng: random.Random,
    area_index: int,
    counters: _Counters,
    activities: int,
    actors: list[Actor],
    faults: int = 0,
) -> str:
    """One action plan's YAML text, valid under every rule (within the id space) but ``faults``."""
    area, prefix, area_name = AREAS[area_index]
    year = 2026
    meeting = _day(rng, date(year, 9, 1), date(year, 11, 30))
    actor_ids = [a.id for a in actors]
    sami_actors = [a.id for a in actors if a.sami]
    out: list[str] = [
        "# yaml-language-server: $schema=../../schemas/plan.schema.json",
        "#",
        f"# Handlingsplan för styrkeområdet {area_name} (syntetisk, för prestandamätning).",
        "# Kör `rus validate` efter varje ändring.",
        "",
        "schema_version: 2",
        "",
        f"area: {area}",
        "",
        "# Revision: ÅÅÅÅ-1 för vårens revision, ÅÅÅÅ-2 för höstens, ÅÅÅÅ-3 för en tredje samma år.",
        f"revision: {year}-2",
        "state: adopted",
        "",
        "meeting:",
        f"  date: {meeting.isoformat()}",
        f"  place: {rng.choice(PLACES)}",
        "  participants:",
        *(f"    - {a}" for a in rng.sample(actor_ids, 12)),
        "  cycle: [policy-mix, evaluation]",
        "  notes: >-",
        *_folded(rng, "    ", 2),
        "",
        "vision: >-",
        *_folded(rng, "  ", 3),
        "",
        "documents:",
        "  - title: Regional utvecklingsstrategi Jämtlands län 2050",
        "    reference: RUN/515/2018",
        "    adopted: 2021-02-17",
        "    reviewed: 2024-06-18",
        "  - title: Program för smart specialisering i Jämtland Härjedalen 2021–2027",
        "    reference: RUN/430/2018",
        "",
        "sub_areas:",
    ]
    sub_areas: list[str] = []
    for _ in range(4):
        counters.sub_area += 1
        ident = f"{prefix}-D{counters.sub_area}"
        sub_areas.append(ident)
        out += [
            f"  - id: {ident}",
            f"    name: {rng.choice(NOUNS).capitalize()} och {rng.choice(NOUNS)}",
            "    description: >-",
            *_folded(rng, "      ", 1),
            "    needs:",
            f"      - {_sentence(rng, 6)}",
            f"      - {_sentence(rng, 5)}",
            "    challenges:",
            f"      - {_sentence(rng, 7)}",
            "",
        ]
    out.append("goals:")
    goals: list[str] = []
    for i in range(5):
        counters.goal += 1
        ident = f"{prefix}-M{counters.goal}"
        goals.append(ident)
        out += [
            f"  - id: {ident}",
            f"    title: Fler {rng.choice(NOUNS)} i {rng.choice(PLACES)}",
            "    sub_areas:",
            f"      - {sub_areas[i % len(sub_areas)]}",
            "",
        ]
    out.append("indicators:")
    for i in range(7):
        counters.indicator += 1
        goal = goals[i % len(goals)]
        out += [
            f"  - id: {prefix}-I{counters.indicator}",
            f"    goal: {goal}",
            f"    name: Antal {rng.choice(NOUNS)} med stöd",
            f"    kind: {'output' if i % 2 else 'result'}",
            *([] if i % 2 else [f"    priority: {PRIORITIES[i % len(PRIORITIES)]}"]),
            "    unit: antal",
            f"    definition: {_sentence(rng, 8)}",
            f"    method: {_sentence(rng, 6)}",
            "    source: SCB och Region Jämtland Härjedalen",
            f"    frequency: {FREQUENCIES[i % len(FREQUENCIES)]}",
        ]
        if i % 3 == 2:
            out += ["    # Lägre är bättre.", "    higher_is_better: false"]
        base = rng.randint(5, 500)
        out += [
            "    baseline:",
            f"      value: {base}",
            "      year: 2023",
            "    target:",
            f"      value: {base * 2}",
            "      year: 2030",
            "    actuals:",
        ]
        for period in ("2024-2", "2025-1", "2025-2", "2026-1", "2026-2"):
            out += [f"      - period: {period}", f"        value: {base + rng.randint(0, base)}"]
        for municipality in rng.sample(MUNICIPALITIES, 2):
            out += [
                "      - period: 2026-1",
                f"        value: {rng.randint(1, base)}",
                f"        municipality: {municipality}",
            ]
        out += [""]
    out += [
        "# Insatser. Id är stabila och återanvänds aldrig.",
        "# En insats tas aldrig bort: den avslutas som completed eller cancelled.",
        "activities:",
    ]
    numbers = []
    for _ in range(activities):
        counters.activity += 1
        numbers.append(counters.activity)
    faulty = _fault_positions(activities, faults)
    direct: list[str] = []
    for position, number in enumerate(numbers):
        replacement = None
        if position % 25 == 3 and position + 1 < len(numbers):
            replacement = _activity_id(prefix, numbers[position + 1])
        lines = _activity(
            rng, _activity_id(prefix, number), sub_areas, goals, actor_ids, sami_actors, replacement
        )
        if position in faulty:
            _inject_fault(lines, faulty[position])
        if "      relevance: direct" in lines:
            direct.append(lines[0].removeprefix("  - id: "))
        out += lines
    if direct:
        # one documented consultation under Lag (2022:66) on the activities of particular importance (R030)
        counters.consultation += 1
        out += [
            "consultations:",
            f"  - id: {prefix}-K{counters.consultation}",
            "    form: statutory",
            "    activities:",
            *(f"      - {ident}" for ident in direct),
            "    actors:",
            *(f"      - {a}" for a in sami_actors[:2]),
            "    matter: Beslut om planens insatser i renskötselområdet",
            f"    date: {(meeting - timedelta(days=200)).isoformat()}",
            f"    concluded: {(meeting - timedelta(days=120)).isoformat()}",
            "    outcome: agreement",
            f"    reference: RUN/{counters.consultation}/{meeting.year}",
            "",
        ]
    return "\n".join(out) + "\n"


#: The faults injected by ``faults_per_file``, in turn; each gives exactly one finding.
FAULTS = ("S003", "R003", "R004", "S002")


def _fault_positions(activities: int, faults: int) -> dict[int, str]:
    """Evenly spread activity positions for the faults (never a replaced/replacing pair)."""
    if faults <= 0:
        return {}
    spacing = max(activities // faults, 1)
    chosen: dict[int, str] = {}
    position = spacing // 2
    while len(chosen) < faults and position < activities:
        if position % 25 in (3, 4):  # keep the cancelled-and-replaced pairs intact
            position += 2
            continue
        chosen[position] = FAULTS[len(chosen) % len(FAULTS)]
        position += spacing
    return chosen


def _inject_fault(lines: list[str], code: str) -> None:
    """Change one activity's lines so that it carries the finding ``code`` (and no other)."""
    if code == "S003":  # a near-miss enum value: did you mean `policy-mix`?
        i = next(i for i, line in enumerate(lines) if line.startswith("    phase: "))
        lines[i] = "    phase: policymix"
    elif code == "R003":  # a lead actor missing from the registry
        i = lines.index("    lead:") + 1
        lines[i] = "      - aktor-okand"
    elif code == "R004":  # the period ends before it starts
        i = lines.index("    period:")
        start, end = lines[i + 1].split(": ")[1], lines[i + 2].split(": ")[1]
        lines[i + 1], lines[i + 2] = f"      start: {end}", f"      end: {start}"
        # No milestone fits a reversed period (R005): drop them, to keep to one finding.
        first = lines.index("    milestones:")
        last = first + 1
        while lines[last].startswith("      "):
            last += 1
        del lines[first:last]
    elif code == "S002":  # a misspelt key: did you mean `progress`?
        i = next(i for i, line in enumerate(lines) if line.startswith("    progress: "))
        lines[i] = lines[i].replace("progress:", "progres:")


def _activity(
    rng: random.Random,
    ident: str,
    sub_areas: list[str],
    goals: list[str],
    actor_ids: list[str],
    sami_actors: list[str],
    replaced_by: str | None,
) -> list[str]:
    start = _day(rng, date(2022, 1, 1), date(2026, 6, 30))
    end = start + timedelta(days=rng.randint(180, 1_400))
    if replaced_by is not None:
        status = "cancelled"
    else:
        status = rng.choices(
            ("idea", "planned", "ongoing", "paused", "completed", "cancelled"), (1, 3, 8, 1, 2, 1)
        )[0]
    out = [
        f"  - id: {ident}",
        f"    title: {_title(rng)}",
        "    description: >-",
        *_folded(rng, "      ", rng.randint(1, 3)),
        f"    sub_area: {rng.choice(sub_areas)}",
        "    goals:",
        *(f"      - {g}" for g in rng.sample(goals, rng.randint(1, 2))),
        "    lead:",
        f"      - {rng.choice(actor_ids)}",
        "    partners:",
    ]
    for actor in rng.sample(actor_ids, rng.randint(1, 3)):
        out += [
            f"      - actor: {actor}",
            f"        role: {rng.choice(('implementing', 'funding'))}",
        ]
    whole_county = rng.random() < 0.2
    places: list[str] = [] if whole_county else rng.sample(MUNICIPALITIES, rng.randint(1, 4))
    if whole_county:
        out.append("    whole_county: true")
    else:
        out += ["    municipalities:", *(f"      - {m}" for m in places)]
    out += [
        "    period:",
        f"      start: {start.isoformat()}",
        f"      end: {end.isoformat()}",
        "    milestones:",
    ]
    for _ in range(rng.randint(1, 3)):
        out += [
            f"      - date: {_day(rng, start, end).isoformat()}",
            f"        title: {_sentence(rng, 5)}",
        ]
        if rng.random() < 0.5:
            out.append("        done: true")
    if rng.random() < 0.1:
        out.append("    # Status: idea, planned, ongoing, paused, completed eller cancelled.")
    out.append(f"    status: {status}")
    if status in ("cancelled", "paused"):
        out += ["    status_note: >-", *_folded(rng, "      ", 1)]
    progress = {"idea": 0, "planned": 0, "completed": 100}.get(status, rng.randint(5, 95))
    out += [f"    progress: {progress}", "    funding:"]
    for _ in range(rng.randint(1, 3)):
        out += [
            f"      - source: {rng.choice(SOURCES)}",
            f"        instrument: {rng.choice(INSTRUMENTS)}",
            f"        amount_sek: {rng.randint(1, 80) * 50_000}",
            f"        state: {rng.choice(FUNDING_STATES)}",
            f"        year: {start.year}",
        ]
        if rng.random() < 0.3:
            out.append(f"        note: {_sentence(rng, 6)}")
    out += [
        "    priorities:",
        *(f"      - {p}" for p in rng.sample(PRIORITIES, rng.randint(1, 3))),
        "    national_areas:",
        *(f"      - {n}" for n in rng.sample(NATIONAL_AREAS, rng.randint(1, 2))),
        f"    phase: {rng.choice(PHASES)}",
    ]
    risk = rng.random() < 0.3
    ratings = [rng.choice(RATINGS) for _ in range(3)]
    if risk:
        ratings[rng.randrange(3)] = "risk"
    out += [
        "    sustainability:",
        f"      social: {ratings[0]}",
        f"      economic: {ratings[1]}",
        f"      environmental: {ratings[2]}",
    ]
    # every activity states its Sámi relevance (R011), and what it touches unless none (R031)
    relevance = rng.choice(("none", "indirect", "direct")) if whole_county or SAMI_AREA.intersection(places) or rng.random() < 0.3 else "none"
    out += ["    sami:", f"      relevance: {relevance}"]
    if relevance != "none":
        out += ["      touches:", *(f"        - {t}" for t in rng.sample(SAMI_INTERESTS, 2))]
    if risk or rng.random() < 0.1:
        out.append("    goal_conflicts:")
        for _ in range(rng.randint(1, 2)):
            between = rng.sample(INTERESTS, 2)
            out += [
                "      - between:",
                f"          - {between[0]}",
                f"          - {between[1]}",
                "        description: >-",
                *_folded(rng, "          ", 1),
                "        handling: >-",
                *_folded(rng, "          ", 1),
                f"        state: {rng.choice(CONFLICT_STATES)}",
            ]
    if replaced_by is not None:
        out.append(f"    replaced_by: {replaced_by}")
    out.append("")
    return out


def generate_corpus(
    out_dir: Path, files: int, activities_per_file: int, seed: int = 0, faults_per_file: int = 0
) -> list[Path]:
    """Write ``actors.yaml`` and ``files`` plans (areas in turn) into ``out_dir``; return the paths.

    Deterministic for a given seed. Ids are unique across the corpus while an area holds at most
    :data:`MAX_PER_AREA` activities; beyond that they repeat (see the module docstring). With
    ``faults_per_file``, that many activities per plan carry one finding each (see :data:`FAULTS`);
    the rest of the text is the same as without.
    """
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    registry, actors = actors_text(rng)
    written = [out_dir / "actors.yaml"]
    written[0].write_text(registry, encoding="utf-8")
    counters = [_Counters() for _ in AREAS]
    width = max(2, len(str((files - 1) // len(AREAS))))
    for k in range(files):
        area_index = k % len(AREAS)
        folder = out_dir / f"set-{k // len(AREAS):0{width}d}"
        folder.mkdir(exist_ok=True)
        path = folder / f"{AREAS[area_index][0]}.yaml"
        path.write_text(
            plan_text(
                rng, area_index, counters[area_index], activities_per_file, actors, faults_per_file
            ),
            encoding="utf-8",
        )
        written.append(path)
    return written


def ids_fit(files: int, activities_per_file: int) -> bool:
    """Whether a corpus of this shape fits the id space (no area past :data:`MAX_PER_AREA`)."""
    per_area = -(-files // len(AREAS)) * activities_per_file
    return per_area <= MAX_PER_AREA


def copy_bundled(out_dir: Path) -> list[Path]:
    """The small corpus: the bundled plans of the repository, copied into ``out_dir``."""
    plans = Path(__file__).resolve().parents[1] / "plans"
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(plans.glob("*.yaml")):
        target = out_dir / path.name
        shutil.copyfile(path, target)
        written.append(target)
    return written


def build(size: str, out_dir: Path, seed: int = 0) -> list[Path]:
    """The corpus of a named size (small, medium or large) written into ``out_dir``."""
    if size == "small":
        return copy_bundled(out_dir)
    files, activities = SIZES[size]
    return generate_corpus(out_dir, files, activities, seed, FAULTS_PER_FILE.get(size, 0))


def main(argv: list[str] | None = None) -> int:
    """Command line: ``generate.py small|medium|large OUT [--seed N]``."""
    parser = argparse.ArgumentParser(description="Write a synthetic corpus of action plans.")
    parser.add_argument("size", choices=("small", *SIZES))
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = build(args.size, args.out, args.seed)
    total = sum(p.stat().st_size for p in paths)
    print(f"{args.size}: {len(paths)} files, {total / 1_048_576:.1f} MB in {args.out}")
    if args.size in SIZES and not ids_fit(*SIZES[args.size]):
        print(
            f"note: {SIZES[args.size][0]} × {SIZES[args.size][1]} activities exceed the id space "
            f"({len(AREAS)} areas × {MAX_PER_AREA:,} ids); activity ids repeat (R001 errors).",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
