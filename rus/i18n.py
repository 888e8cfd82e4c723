"""Swedish and English through gettext.

Message ids are English; the Swedish translations are kept as gettext .po files, one per part of
the tool, in ``rus/locale/sv/po/``, and compiled together into ``rus/locale/sv/LC_MESSAGES/rus.mo``
with ``python -m rus.i18n`` (a test keeps the compiled catalog in step with the sources). The language is
chosen by an explicit option, else ``RUS_LANG``, else the locale (``LC_ALL``, ``LC_MESSAGES``,
``LANG`` starting with ``sv``), else English.
"""

from __future__ import annotations

import ast
import gettext
import os
import struct
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rus.codes import N_
from rus.vocab import LANGS, Lang, Vocab

DOMAIN = "rus"
LOCALE_DIR = Path(__file__).parent / "locale"


@cache
def _catalog(lang: Lang) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[lang], fallback=True)


def translate(message: str, lang: Lang) -> str:
    """The message in the given language (English message ids are returned as they are)."""
    return _catalog(lang).gettext(message)


def join_words(items: Sequence[str], lang: Lang, *, last: str = "and") -> str:
    """Items as a list in running text: ``a, b and c`` (``a, b och c``); ``last`` is ``and`` or ``or``."""
    words = list(items)
    if len(words) < 2:
        return "".join(words)
    conjunction = translate(N_("or") if last == "or" else N_("and"), lang)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


@dataclass(frozen=True)
class Choices:
    """The values of a vocabulary as a message parameter: in Swedish their labels (what people type),
    in English their slugs, as a list ending in "or"."""

    members: tuple[Vocab, ...]

    def text(self, lang: Lang) -> str:
        """The values as running text in the given language."""
        if lang == "en":
            return join_words([m.value for m in self.members], lang, last="or")
        names = [m.text(lang) for m in self.members]
        return join_words([f"”{n}”" if "," in n else n for n in names], lang, last="or")


def localize(value: Any, lang: Lang) -> Any:
    """A message parameter in the given language: message ids marked by a leading ``@`` are
    translated, vocabulary values become their labels, :class:`Choices` a list of labels."""
    if isinstance(value, str) and value.startswith("@"):
        return translate(value[1:], lang)
    if isinstance(value, Vocab):
        return value.text(lang)
    if isinstance(value, Choices):
        return value.text(lang)
    return value


def is_lang(value: str) -> bool:
    """Whether ``value`` names a supported language."""
    return value in LANGS


def resolve_lang(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> Lang:
    """The language to speak: the option, else ``RUS_LANG``, else the locale, else English."""
    env = os.environ if environ is None else environ
    for candidate in (explicit, env.get("RUS_LANG")):
        if candidate:
            short = candidate.strip().lower()[:2]
            if short == "sv":
                return "sv"
            if short == "en":
                return "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    return "en"


# --- catalog tooling (a minimal msgfmt, so no system gettext tools are needed) ---------------------


def read_po(text: str) -> dict[str, str]:
    """The translations in a .po file's text (msgid to msgstr; the header under the empty id)."""
    entries: dict[str, str] = {}
    msgid: list[str] | None = None
    msgstr: list[str] | None = None
    current: list[str] | None = None

    def flush() -> None:
        if msgid is not None and msgstr is not None:
            entries["".join(msgid)] = "".join(msgstr)

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("msgid "):
            flush()
            msgid, msgstr = [ast.literal_eval(line[6:])], None
            current = msgid
        elif line.startswith("msgstr "):
            msgstr = [ast.literal_eval(line[7:])]
            current = msgstr
        elif line.startswith('"') and current is not None:
            current.append(ast.literal_eval(line))
        else:
            raise ValueError(f"unexpected line in .po file: {raw!r}")
    flush()
    return entries


def compile_mo(entries: Mapping[str, str]) -> bytes:
    """The GNU .mo bytes for the given translations (untranslated entries are left out)."""
    items = sorted((k.encode(), v.encode()) for k, v in entries.items() if v or not k)
    count = len(items)
    header_size = 7 * 4
    ids_offset = header_size
    strs_offset = ids_offset + count * 8
    data_offset = strs_offset + count * 8
    id_table, str_table, data = [], [], b""
    for key, _ in items:
        id_table.append((len(key), data_offset + len(data)))
        data += key + b"\0"
    for _, value in items:
        str_table.append((len(value), data_offset + len(data)))
        data += value + b"\0"
    out = struct.pack("<7I", 0x950412DE, 0, count, ids_offset, strs_offset, 0, 0)
    out += b"".join(struct.pack("<2I", *pair) for pair in id_table)
    out += b"".join(struct.pack("<2I", *pair) for pair in str_table)
    return out + data


def po_sources(lang: Lang) -> list[Path]:
    """The .po source files of a language."""
    return sorted((LOCALE_DIR / lang / "po").glob("*.po"))


def mo_path(lang: Lang) -> Path:
    """The compiled catalog of a language."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def merged_entries(lang: Lang) -> dict[str, str]:
    """The translations of all of a language's .po files (a msgid in two files is an error)."""
    merged: dict[str, str] = {}
    for po in po_sources(lang):
        for msgid, msgstr in read_po(po.read_text(encoding="utf-8")).items():
            if msgid and msgid in merged and merged[msgid] != msgstr:
                raise ValueError(f"{po.name}: {msgid!r} is translated differently in another .po file")
            merged[msgid] = msgstr
    merged.setdefault("", "Content-Type: text/plain; charset=UTF-8\n")
    return merged


def extract_msgids(package_dir: Path | None = None) -> dict[str, str]:
    """Every message id in the package's source, with where it was first seen.

    A message id is the literal first argument of ``N_``, ``_`` or ``translate``, or a string literal
    starting with ``@`` (a message id passed as a diagnostic parameter, translated when rendered).
    """
    root = package_dir or Path(__file__).parent
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            literal: str | None = None
            if isinstance(node, ast.Call) and node.args:
                func = node.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                arg = node.args[0]
                if name in ("N_", "_", "translate") and isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    literal = arg.value
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("@"):
                literal = node.value[1:]
            if literal and literal.strip():
                found.setdefault(literal, f"{path.relative_to(root.parent)}:{getattr(node, 'lineno', 0)}")
    return found


def main() -> int:
    """Compile each language's .po files into its .mo."""
    for lang in LANGS:
        if po_sources(lang):
            target = mo_path(lang)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(compile_mo(merged_entries(lang)))
            sys.stdout.write(f"compiled {target}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
