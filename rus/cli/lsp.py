"""``rus lsp``: the language server for editors (the server itself is in :mod:`rus.lsp`)."""

from __future__ import annotations

from rus.cli import _, app


@app.command("lsp", help=_("Start the language server for editors (Language Server Protocol over stdin and stdout)."))
def lsp() -> None:
    """Start the language server for editors."""
    from rus.lsp.server import main

    main()
