"""``rus lsp``: a Language Server Protocol server for plan files and the actor registry.

What it owns: checking the files an editor has open together with the files beside them (from the
editor's buffers or from disk), and answering the editor's questions about them (diagnostics,
completion, hover, definition, references, code actions, formatting).

What it may import: the core (validation, rules, models, vocab, fixing, editing, formatting,
source, diagnostics, i18n) and pygls/lsprotocol; never :mod:`rus.cli` (the CLI imports it, for the
``rus lsp`` command). :mod:`rus.lsp.group`, :mod:`rus.lsp.context` and :mod:`rus.lsp.features` do
not import pygls, so they can be used and tested without a client.
"""

from __future__ import annotations

__all__: list[str] = []
