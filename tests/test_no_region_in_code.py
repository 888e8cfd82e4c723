"""No region's names, codes or prefixes in the package's code: they belong in the region file.

The words looked for are read from the bundled region file itself (its name, strength areas and
their prefixes, municipalities and their codes), so that a value added there is looked for too.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tests.conftest import REPO

PACKAGE = REPO / "rus"
BUNDLED = PACKAGE / "regions" / "jamtland-harjedalen.yaml"


def _needles() -> dict[str, re.Pattern[str]]:
    region = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    words: set[str] = {"Jämtland", "Jämtlands", "Härjedalen", "Jamtland", "Harjedalen"}
    words.update(region["name"].values())
    for area in region["areas"]:
        words.update(area["name"].values())
    words.update(m["name"] for m in region["municipalities"])
    found = {word: re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])") for word in words}
    # slugs as words; the short ones (`are`, `berg`) are also words of English or Swedish, so
    # only as a quoted value
    slugs = [a["slug"] for a in region["areas"]] + [m["slug"] for m in region["municipalities"]]
    for slug in slugs:
        found[slug] = re.compile(rf"[\"'`]{re.escape(slug)}[\"'`]" if len(slug) <= 4 else rf"(?<![\w-]){re.escape(slug)}(?![\w-])")
    for area in region["areas"]:
        found[area["prefix"] + "-"] = re.compile(rf"(?<![\w-]){area['prefix']}-")
    for municipality in region["municipalities"]:
        found[municipality["code"]] = re.compile(rf"(?<!\w){municipality['code']}(?!\w)")
    return found


def test_the_needles_are_the_region_s() -> None:
    needles = _needles()
    assert {"UPP-", "JSV-", "2303", "2380", "Östersund", "upplevelser", "Bräcke"} <= set(needles)


def test_no_name_code_or_prefix_of_the_bundled_region_in_the_package_code() -> None:
    needles = _needles()
    hits: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        # each pattern matches its word as written, so only the words the text holds are looked
        # for line by line
        present = {word: pattern for word, pattern in needles.items() if str(word) in text}
        for number, line in enumerate(text.splitlines(), start=1) if present else ():
            for word, pattern in present.items():
                if pattern.search(line):
                    hits.append(f"{path.relative_to(REPO)}:{number}: {word}: {line.strip()}")
    assert hits == []


def test_the_check_finds_what_it_looks_for(tmp_path: Path) -> None:
    needles = _needles()
    sample = 'prefix = "UPP-012"  # Östersund, code 2380, area upplevelser'
    assert {w for w, p in needles.items() if p.search(sample)} >= {"UPP-", "Östersund", "2380", "upplevelser"}
    assert not [w for w, p in needles.items() if p.search("Bergen, 23030, BUPP-1, are-you-sure, they are here")]
    assert "are" in {w for w, p in needles.items() if p.search('municipalities=["are"]')}
