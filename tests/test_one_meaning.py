"""One meaning per file: the fast checking reader and ruamel.yaml's round-trip reader agree (YAML 1.2)."""

from __future__ import annotations

import datetime as dt
import io
import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from rus.plans.source import Source, parse_text, plain_scalar
from tests.conftest import PLANS, examples


def _ruamel(text: str) -> Any:
    yaml = YAML(typ="rt")
    yaml.version = (1, 2)
    return yaml.load(io.StringIO(text))


def _plain(value: Any) -> Any:
    """ruamel's values as plain Python, dates as the ISO text the fast reader keeps."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)


def test_bundled_plans_mean_the_same_to_both_readers() -> None:
    for path in sorted(PLANS.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        fast = parse_text(text, Source(str(path)))
        assert fast.diagnostics == []
        assert fast.data == _plain(_ruamel(text)), path.name


YAML11_TRAPS = ["yes", "no", "on", "off", "y", "n", "Yes", "NO", "On", "0777", "012", "1_000", "1:20", "190:20:30", "2026-1", "2026-10-14", "0o17", "0x1F", "+12", ".5", "1e3", "~", "null", "True", "FALSE", ".inf", "-.Inf"]


def test_yaml_11_traps_resolve_as_yaml_12() -> None:
    for word in YAML11_TRAPS:
        ours = plain_scalar(word)
        theirs = _plain(_ruamel(f"k: {word}\n")["k"])
        if isinstance(ours, float) and math.isnan(ours):
            continue
        assert ours == theirs and type(ours) is type(theirs), (word, ours, theirs)
    assert plain_scalar("yes") == "yes"
    assert plain_scalar("on") == "on"
    assert plain_scalar("0777") == 777
    assert plain_scalar("1:20") == "1:20"
    assert plain_scalar("1_000") == 1000  # ruamel.yaml's reading, which the editing path uses


def test_merge_keys_are_refused() -> None:
    fast = parse_text("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n", Source("x.yaml"))
    assert [(d.line, d.column, d.code) for d in fast.diagnostics] == [(3, 3, "Y013")]


scalar_text = st.text(alphabet="0123456789-+.:_eEoxabcdfnulyYsNOtrTF~ ", min_size=1, max_size=12).map(str.strip).filter(
    lambda s: bool(s) and not s.startswith(("-", ":", "?", "#", "&", "*", "!", "|", ">", "%", "@", "`")) and ": " not in s and " #" not in s and not s.endswith(":")
)


@settings(max_examples=examples(300), deadline=None)
@given(scalar_text)
def test_plain_scalars_agree_with_ruamel(word: str) -> None:
    text = f"k: {word}\n"
    fast = parse_text(text, Source("x.yaml"))
    if fast.diagnostics:
        return  # not a valid plain scalar for libyaml; ruamel's verdict is not compared
    try:
        theirs = _plain(_ruamel(text)["k"])
    except Exception:  # ruamel.yaml itself fails on a few odd words (e.g. `+_`); nothing to compare
        return
    ours = fast.data["k"]
    if isinstance(ours, float) and math.isnan(ours):
        assert isinstance(theirs, float) and math.isnan(theirs)
        return
    if isinstance(theirs, str) and isinstance(ours, str):
        assert ours == theirs
        return
    assert (ours, type(ours)) == (theirs, type(theirs)), word
