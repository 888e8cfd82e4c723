"""``python -m rus``: the same as the ``rus`` command."""

from rus.cli import main

main()
