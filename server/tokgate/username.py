"""TikTok's username shape, one definition for the request checks (tokgate.validation) and the
simulator (tokgate.sim, which imports nothing heavier than this)."""

from __future__ import annotations

import re

UNIQUE_ID_PATTERN = re.compile(r"^@?[A-Za-z0-9_.]{2,24}$")
