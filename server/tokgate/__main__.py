"""``python -m tokgate``: the same as the ``tokgate`` command."""

from tokgate.cli import main

raise SystemExit(main())
