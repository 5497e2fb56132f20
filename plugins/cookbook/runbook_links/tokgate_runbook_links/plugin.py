"""The object tokgate loads (entry point ``runbook_links``): the links of
``RUNBOOK_LINKS_FILE`` or ``RUNBOOK_LINKS``, read once, when tokgate loads its plugins, so a
bad file stops the start with the reason instead of failing on every error later."""

from __future__ import annotations

from tokgate_runbook_links.links import RunbookLinks

links = RunbookLinks.from_environment()
