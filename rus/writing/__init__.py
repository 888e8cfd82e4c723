"""Changing plan files without losing a comment: edits, the canonical layout, repairs, new repositories.

What it owns: the round-trip document and the edits (``rus activity …``, ``rus indicator …``), the
layout writer (``rus fmt``), the mechanical repairs (``rus fix``) and ``rus init``'s scaffold.
What it may import: :mod:`rus.timeline` (ids already used in the history), :mod:`rus.plans`,
:mod:`rus.base`; never :mod:`rus.reporting`, a renderer or :mod:`rus.cli`.
"""
