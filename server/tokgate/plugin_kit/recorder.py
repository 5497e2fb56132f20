"""Recording the error corpus as a by-product of the tests (docs/plugins.md, "The error
corpus"): a server started with ``TOKGATE_CORPUS_RECORD=DIR`` appends every failure it reports
to ``DIR/cases-PID.jsonl``, as data (``corpus_cases``) and redacted by the pipeline's one
redactor. ``make test`` sets the variable and ``tokgate.testing`` hands it to the servers the
tests start, so the real failures of the real libraries against the simulator are written down
without running a browser suite twice; ``make corpus`` merges them into the corpus file.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tokgate.errors.context import ErrorContext
from tokgate.plugin_kit.corpus_cases import context_case, exception_case

#: The environment variable naming the directory a server records its failures into.
RECORD_VARIABLE = "TOKGATE_CORPUS_RECORD"


class CorpusRecorder:
    """Appends one JSON line per reported failure; a failure to write is never the caller's."""

    def __init__(self, directory: Path, redact: Callable[[str], str]) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        # Opened once, a line at a time: a server's failures are written as they come, and
        # one that is killed leaves whole lines (the pipeline calls from its one event loop).
        self._out = (directory / f"cases-{os.getpid()}.jsonl").open(
            "a", encoding="utf-8", buffering=1
        )
        self._redact = redact

    @classmethod
    def from_environment(cls, redact: Callable[[str], str]) -> CorpusRecorder | None:
        """A recorder when ``TOKGATE_CORPUS_RECORD`` names a directory, else None."""
        directory = os.environ.get(RECORD_VARIABLE)
        return cls(Path(directory), redact) if directory else None

    def record(self, error: BaseException, context: ErrorContext) -> None:
        """Write ``error`` with the ``context`` the plugins were given."""
        case = {
            "exception": exception_case(error),
            "context": context_case(context, now=time.time()),
        }
        self._out.write(json.dumps(self._redacted(case), sort_keys=True) + "\n")

    def _redacted(self, value: Any) -> Any:
        if isinstance(value, str):
            return self._redact(value)
        if isinstance(value, list):
            return [self._redacted(item) for item in value]
        if isinstance(value, dict):
            return {key: self._redacted(item) for key, item in value.items()}
        return value
