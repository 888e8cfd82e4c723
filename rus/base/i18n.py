"""Swedish and English through gettext.

Message ids are English; the Swedish translations are kept as gettext .po files, one per part of
the tool, in ``rus/locale/sv/po/``, and compiled together into ``rus/locale/sv/LC_MESSAGES/rus.mo``
with ``python -m rus.base.i18n`` (Babel is the catalog tool: extract, update, check, compile; at run time
only the stdlib's gettext is used, with ``ngettext`` for plurals and ``pgettext`` for contexts). Tests
fail on untranslated, fuzzy or obsolete entries and keep the compiled catalog in step. The language is
chosen by an explicit option, else ``RUS_LANG``, else the locale (``LC_ALL``, ``LC_MESSAGES``,
``LANG`` starting with ``sv``), else English.
"""

from __future__ import annotations

import ast
import errno
import gettext
import io
import os
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rus.base.codes import N_
from rus.base.vocab import LANGS, Lang, RegionVocab, Vocab

DOMAIN = "rus"
LOCALE_DIR = Path(sys.modules["rus"].__file__ or "").parent / "locale"  # the package's, wherever this module sits in it


@cache
def _catalog(lang: Lang) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[lang], fallback=True)


def translate(message: str, lang: Lang) -> str:
    """The message in the given language (English message ids are returned as they are)."""
    return _catalog(lang).gettext(message)


def ngettext(singular: str, plural: str, count: int, lang: Lang) -> str:
    """The singular or plural message for ``count`` in the given language (its plural rule)."""
    return _catalog(lang).ngettext(singular, plural, count)


def pgettext(context: str, message: str, lang: Lang) -> str:
    """The message in the given language, for a message id that needs a context to be told apart."""
    return _catalog(lang).pgettext(context, message)


def plural(count: int, singular: str, plural_: str, lang: Lang, **params: Any) -> str:
    """``ngettext`` with the message formatted: ``{n}`` is the count, ``params`` the rest."""
    return ngettext(singular, plural_, count, lang).format(n=count, **params)


def join_words(items: Sequence[str], lang: Lang, *, last: str = "and") -> str:
    """Items as a list in running text: ``a, b and c`` (``a, b och c``); ``last`` is ``and`` or ``or``."""
    words = list(items)
    if len(words) < 2:
        return "".join(words)
    conjunction = translate(N_("or") if last == "or" else N_("and"), lang)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def _in_text(member: Vocab | RegionVocab, lang: Lang) -> str:
    """A value's label as a word inside a sentence: lower case, except names and abbreviations."""
    label = member.text(lang)
    proper = type(member).__name__ in ("Area", "Municipality", "FundingSource", "Programme")
    if proper or len(label) < 2 or not label[1].islower():
        return label
    return label[0].lower() + label[1:]


@dataclass(frozen=True)
class InText:
    """A vocabulary value named inside a sentence (``from planned to idea``, ``från planerad till
    idé``), as a message parameter: its label in the reader's language, in lower case."""

    member: Vocab | RegionVocab

    def text(self, lang: Lang) -> str:
        """The label in the given language, as a word in running text."""
        return _in_text(self.member, lang)

    def __str__(self) -> str:
        return self.text("en")


@dataclass(frozen=True)
class Choices:
    """The values of a vocabulary as a message parameter: in Swedish their labels (what people type),
    in English their slugs, as a list ending in "or"."""

    members: tuple[Vocab | RegionVocab, ...]

    def text(self, lang: Lang) -> str:
        """The values as running text in the given language."""
        if lang == "en":
            return join_words([m.value for m in self.members], lang, last="or")
        names = [_in_text(m, lang) for m in self.members]
        return join_words([f"”{n}”" if "," in n else n for n in names], lang, last="or")


@dataclass(frozen=True)
class Listed:
    """Items (texts, "@…" message ids or vocabulary values) as a message parameter, said as a list
    in running text: "Alby, Bydal och Cedervik"."""

    items: tuple[Any, ...]

    def text(self, lang: Lang) -> str:
        """The list in the given language."""
        return join_words([str(localize(item, lang)) for item in self.items], lang)

    def __str__(self) -> str:
        return self.text("en")


@dataclass(frozen=True)
class Counted:
    """A count with its singular and plural message (``{n} error``/``{n} errors``) as a message
    parameter, said by the language's plural rule."""

    count: int
    singular: str
    plural: str

    def text(self, lang: Lang) -> str:
        """The counted phrase in the given language."""
        return ngettext(self.singular, self.plural, self.count, lang).format(n=self.count)

    def __str__(self) -> str:
        return self.text("en")


def localize(value: Any, lang: Lang) -> Any:
    """A message parameter in the given language: message ids marked by a leading ``@`` are
    translated, vocabulary values become their labels, :class:`Choices` a list of labels."""
    if isinstance(value, str) and value.startswith("@"):
        return translate(value[1:], lang)
    if isinstance(value, Vocab | RegionVocab):
        return value.text(lang)
    if isinstance(value, Choices | Counted | InText | Listed | OsReason):
        return value.text(lang)
    return value


#: What the common operating-system errors mean, said for people ("@…": translated when shown).
_OS_REASONS: dict[int, str] = {
    errno.ENOENT: "@the file or folder does not exist",
    errno.EACCES: "@you do not have permission",
    errno.EPERM: "@you do not have permission",
    errno.ENOSPC: "@the disk is full",
    errno.EDQUOT: "@the disk quota is used up",
    errno.EROFS: "@the disk or folder is read-only",
    errno.EISDIR: "@it is a folder, not a file",
    errno.ENOTDIR: "@a part of the path is not a folder",
    errno.EEXIST: "@it already exists",
    errno.ENAMETOOLONG: "@the name is too long",
    errno.EBUSY: "@it is in use by another program",
}


@dataclass(frozen=True)
class OsReason:
    """Why an operating-system call failed, as a message parameter: in English as the system says
    it, in Swedish said for people for the common cases (others as the system says them)."""

    said: str | None
    system: str

    def text(self, lang: Lang) -> str:
        """The reason in the given language."""
        if lang == "en" or self.said is None:
            return self.system
        return translate(self.said[1:], lang)

    def __str__(self) -> str:
        return self.system


def os_reason(exc: OSError) -> OsReason:
    """Why an operating-system call failed (missing, no permission, disk full, read-only, …), as a
    message parameter said in the reader's language."""
    return OsReason(_OS_REASONS.get(exc.errno or -1), exc.strerror or str(exc))


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


# --- catalog tooling (Babel: extract, update, check, compile; needed only to work on the catalogs) -----
#
# The Swedish catalog is kept as several .po files (one per part of the tool) that are compiled
# together into one rus.mo. Babel reads and writes them; at run time only the stdlib's gettext is
# used. Commands (``python -m rus.base.i18n`` alone compiles):
#
#   python -m rus.base.i18n extract   write rus/locale/rus.pot from the source
#   python -m rus.base.i18n update    add new message ids (untranslated) to the .po file of their part,
#                                mark ids no longer in the source obsolete (Babel rewrites that file)
#   python -m rus.base.i18n check     fail on untranslated, fuzzy or obsolete entries, stale ids and
#                                placeholders that differ between id and translation
#   python -m rus.base.i18n compile   compile the .po files into rus.mo (fuzzy entries left out)

#: Babel keywords: which calls carry message ids, and which arguments they are.
KEYWORDS: dict[str, Any] = {
    "_": None,
    "N_": None,
    "translate": None,
    "NP_": (1, 2),
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}
POT_PATH = LOCALE_DIR / f"{DOMAIN}.pot"
#: A fixed date for the compiled catalog's header, so that compiling twice gives the same bytes.
_HEADER_DATE = "2026-01-01 00:00+0000"

MessageKey = tuple[str | None, str]  # (context, msgid); a plural entry under its singular id


def extract_python_with_parameters(fileobj: Any, keywords: Any, comment_tags: Any, options: Any) -> Any:
    """A Babel extraction method for rus's Python source: the calls named in :data:`KEYWORDS` with
    literal arguments (also inside f-strings, which Babel's own Python extractor does not enter on
    Python 3.11), and the "@…" convention: a string literal starting with ``@`` is a message id
    passed as a diagnostic parameter and translated when rendered (``"@a whole number"``).

    Registered as the extraction method for ``rus/**.py`` (see :func:`extract`).
    """
    for node in ast.walk(ast.parse(fileobj.read())):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("@") and node.value[1:].strip():
            yield node.lineno, "N_", node.value[1:], []
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name not in KEYWORDS:
            continue
        spec = KEYWORDS[name] or (1,)
        width = max(i if isinstance(i, int) else i[0] for i in spec)
        args = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in node.args[:width]]
        if len(args) < width or any(a is None for a in args):
            continue
        yield node.lineno, name, args[0] if width == 1 else tuple(args), []


def extract(package_dir: Path | None = None) -> Any:
    """The message template (a Babel catalog) of every message id in the package's source."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    root = package_dir or Path(sys.modules["rus"].__file__ or "").parent
    template = Catalog(domain=DOMAIN, project="rus", fuzzy=False)
    method_map = [("**.py", f"{__name__}:extract_python_with_parameters")]
    for filename, lineno, message, comments, context in extract_from_dir(str(root), method_map, keywords=KEYWORDS):
        location = (f"{root.name}/{filename}", lineno)
        if isinstance(message, tuple) and message[0] and message[1] is None:
            message = message[0]
        existing = template.get(message[0] if isinstance(message, tuple) else message, context)
        if existing is not None and existing.pluralizable != isinstance(message, tuple):
            # the same id used once as a plain message and once with a plural: keep the plural
            if isinstance(message, tuple):
                template.delete(existing.id, context)
            else:
                existing.locations.append(location)
                continue
        template.add(message, None, [location], auto_comments=comments, context=context)
    return template


def po_sources(lang: Lang) -> list[Path]:
    """The .po source files of a language."""
    return sorted((LOCALE_DIR / lang / "po").glob("*.po"))


def mo_path(lang: Lang) -> Path:
    """The compiled catalog of a language."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def read_catalog(path: Path, lang: Lang) -> Any:
    """A .po file as a Babel catalog."""
    from babel.messages.pofile import read_po

    with path.open("rb") as stream:
        return read_po(stream, locale=lang, domain=DOMAIN)


def _key(message: Any) -> MessageKey:
    return message.context, message.id[0] if isinstance(message.id, tuple | list) else message.id


def merged_catalog(lang: Lang, po_files: list[Path] | None = None) -> Any:
    """The translations of all of a language's .po files in one Babel catalog (fuzzy ones flagged)."""
    from datetime import datetime

    from babel.messages.catalog import Catalog

    stamp = datetime.strptime(_HEADER_DATE, "%Y-%m-%d %H:%M%z")
    merged = Catalog(locale=lang, domain=DOMAIN, project="rus", version="1", creation_date=stamp,
                     revision_date=stamp, fuzzy=False, last_translator="rus", language_team="rus")
    for po in po_sources(lang) if po_files is None else po_files:
        for message in read_catalog(po, lang):
            if message.id:
                merged[message.id] = message
    return merged


def check(lang: Lang = "sv", package_dir: Path | None = None, po_files: list[Path] | None = None) -> list[str]:
    """Problems with a language's catalogs: every problem the CI gate fails on, one line each."""
    import string

    problems: list[str] = []
    template = extract(package_dir)
    wanted = {_key(m): m for m in template if m.id}
    seen: dict[MessageKey, tuple[str, Any]] = {}
    formatter = string.Formatter()

    def fields(text: str) -> set[str] | None:
        try:
            return {name for _, name, _, _ in formatter.parse(text) if name is not None}
        except ValueError:
            return None

    for po in po_sources(lang) if po_files is None else po_files:
        catalog = read_catalog(po, lang)
        for message_id in catalog.obsolete:
            problems.append(f"{po.name}: obsolete entry {message_id!r} (delete it)")
        for message in catalog:
            if not message.id:
                continue
            key = _key(message)
            strings = list(message.string) if isinstance(message.string, tuple | list) else [message.string]
            ids = list(message.id) if isinstance(message.id, tuple | list) else [message.id]
            where = f"{po.name}: {key[1]!r}" + (f" (context {key[0]!r})" if key[0] else "")
            if message.fuzzy:
                problems.append(f"{where} is fuzzy")
            if not all(strings):
                problems.append(f"{where} is not translated")
            if key not in wanted:
                problems.append(f"{where} is no longer in the source (stale)")
            elif wanted[key].pluralizable != message.pluralizable:
                problems.append(f"{where} should {'' if wanted[key].pluralizable else 'not '}have a plural form")
            if key in seen and seen[key][1] != message.string:
                problems.append(f"{where} is translated differently in {seen[key][0]}")
            seen.setdefault(key, (po.name, message.string))
            names = {frozenset(f) for f in (fields(i) for i in ids) if f is not None}
            for text in strings:
                found = fields(text) if text else None
                if text and found is not None and names and not any(found <= n for n in names):
                    problems.append(f"{where}: the placeholders of {text!r} differ from the message id's")
    for key, message in wanted.items():
        if key not in seen:
            location = message.locations[0] if message.locations else ("?", 0)
            problems.append(f"{key[1]!r} ({location[0]}:{location[1]}) has no entry in any .po file (run `python -m rus.base.i18n update`)")
    return problems


def compile_catalog(lang: Lang = "sv", po_files: list[Path] | None = None) -> bytes:
    """The .mo bytes of a language's .po files (fuzzy entries left out, as GNU msgfmt does)."""
    from babel.messages.mofile import write_mo

    stream = io.BytesIO()
    write_mo(stream, merged_catalog(lang, po_files), use_fuzzy=False)
    return stream.getvalue()


def _part_of(locations: list[tuple[str, int]], owners: dict[str, Counter[str]]) -> str:
    """The .po file a new message id belongs in: the one that holds most ids of its source file."""
    for filename, _ in locations:
        if filename in owners:
            return owners[filename].most_common(1)[0][0]
    return "core.po"


def update(lang: Lang = "sv") -> list[str]:
    """Add new message ids to the .po file of their part; mark ids gone from the source obsolete."""
    from babel.messages.pofile import write_po

    template = extract()
    wanted = {_key(m): m for m in template if m.id}
    catalogs = {po.name: read_catalog(po, lang) for po in po_sources(lang)}
    owners: dict[str, Counter[str]] = {}
    present: set[MessageKey] = set()
    changed: set[str] = set()
    for name, catalog in catalogs.items():
        for message in list(catalog):
            if not message.id:
                continue
            key = _key(message)
            present.add(key)
            if key in wanted:
                for filename, _ in wanted[key].locations:
                    owners.setdefault(filename, Counter())[name] += 1
            else:
                catalog.obsolete[message.id] = message
                catalog.delete(message.id, message.context)
                changed.add(name)
    for key, message in wanted.items():
        if key not in present:
            name = _part_of(message.locations, owners)
            catalogs[name].add(message.id, "" if not message.pluralizable else ("", ""), context=message.context)
            changed.add(name)
    for name in sorted(changed):
        with (LOCALE_DIR / lang / "po" / name).open("wb") as stream:
            write_po(stream, catalogs[name], width=0, no_location=True, omit_header=False)
    return sorted(changed)


def main(argv: list[str] | None = None) -> int:
    """``python -m rus.base.i18n [extract|update|check|compile]`` (compile when no command is given)."""
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "compile"
    try:
        import babel  # noqa: F401 - the catalog tool; only the commands below need it
    except ImportError:
        sys.stderr.write("python -m rus.base.i18n needs Babel: pip install -e '.[test]' (or pip install Babel)\n")
        return 2
    if command == "extract":
        from babel.messages.pofile import write_po

        with POT_PATH.open("wb") as stream:
            write_po(stream, extract(), width=0, omit_header=False, sort_output=True)
        sys.stdout.write(f"wrote {POT_PATH}\n")
        return 0
    if command == "update":
        for name in update("sv"):
            sys.stdout.write(f"updated {name}\n")
        return 0
    if command == "check":
        problems = check("sv")
        for problem in problems:
            sys.stdout.write(problem + "\n")
        return 1 if problems else 0
    if command == "compile":
        for lang in LANGS:
            if po_sources(lang):
                target = mo_path(lang)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(compile_catalog(lang))
                sys.stdout.write(f"compiled {target}\n")
        return 0
    sys.stderr.write("usage: python -m rus.base.i18n [extract|update|check|compile]\n")
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
