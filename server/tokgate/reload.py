"""The one reload path: SIGHUP, or a change to a watched file, reloads what may change.

A reload reads the settings again the way start-up did (the same flags and environment, the
config file anew). Settings that need a restart keep their running value and are named in
a warning; the reloadable ones go to every registered :class:`ReloadTarget`. Each target
first *prepares* its new state (reads and checks its files, builds its objects) and may
refuse; only when every target has prepared does any of them *commit*. So a reload applies
whole or not at all, and a refused one leaves the old state in force. A commit only swaps
references: calls under way keep what they started with, and none is dropped.

Watched files are the config file and whatever the targets name (the upstream CA file).
They are polled every ``reload_watch_interval`` seconds by content, so an edit, a rename
over the file or a Kubernetes ConfigMap's symlink swap are all seen. Every reload is counted
in ``tokgate_reloads_total{trigger, result}``. New features plug in a target here; they do
not watch files of their own.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import signal
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tokgate import metrics
from tokgate.config import Settings

logger = logging.getLogger(__name__)

Commit = Callable[[], None]


class ReloadRefused(Exception):
    """A target cannot take the new settings; the message says why."""


@dataclass(frozen=True)
class ReloadTarget:
    """Something that can take new settings at run time.

    ``prepare(settings)`` builds the new state without touching the running one and returns
    the function that puts it in force, or None when nothing changes for this target; it
    raises :class:`ReloadRefused` (or ValueError / OSError) to refuse. ``watched`` names the
    files whose change should trigger a reload, given the settings in force.
    """

    name: str
    prepare: Callable[[Settings], Commit | None]
    watched: Callable[[Settings], Iterable[str]] = field(default=lambda settings: ())


@dataclass(frozen=True)
class _Prepared:
    settings: Settings
    commits: list[tuple[str, Commit]]
    fingerprints: dict[str, str]


@dataclass(frozen=True)
class _Refusal:
    target: str
    reason: str
    fingerprints: dict[str, str]


class Reloader:
    """Runs reloads one at a time, from SIGHUP or from a watched file's change."""

    def __init__(
        self,
        settings: Settings,
        load: Callable[[], Settings],
        targets: Sequence[ReloadTarget],
    ) -> None:
        self.settings = settings
        self._load = load
        self._targets = targets
        self._lock = asyncio.Lock()
        self._fingerprints: dict[str, str] = {}
        self._tasks: set[asyncio.Task[str]] = set()
        self._watcher: asyncio.Task[None] | None = None
        metrics.RELOAD_LAST_SUCCESS.set(time.time())
        metrics.RELOAD_LAST_SUCCESSFUL.set(1)

    # --- triggers ----------------------------------------------------------------------

    def start(self) -> None:
        """Reload on SIGHUP, and poll the watched files if ``reload_watch_interval`` > 0."""
        self._fingerprints = self._fingerprint_all(self.settings)
        asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self._on_sighup)
        if self.settings.reload_watch_interval > 0:
            self._watcher = asyncio.create_task(self._watch(), name="tokgate-reload-watch")

    async def stop(self) -> None:
        with contextlib.suppress(NotImplementedError, RuntimeError):
            asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)
        tasks = [*self._tasks, *([self._watcher] if self._watcher else [])]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def _on_sighup(self) -> None:
        task = asyncio.create_task(self.reload("signal"), name="tokgate-reload")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(self.settings.reload_watch_interval)
            current = await asyncio.to_thread(self._fingerprint_all, self.settings)
            changed = sorted(
                path for path in current if current[path] != self._fingerprints.get(path)
            )
            if changed:
                logger.info("watched file changed", extra={"files": changed})
                await self.reload("file")

    # --- the reload ----------------------------------------------------------------------

    async def reload(self, trigger: str) -> str:
        """Reload now; ``applied``, ``unchanged`` or ``refused`` (also counted)."""
        async with self._lock:
            # Reading the files and building the new state happen in a worker thread; only
            # the commits, which swap references, run on the event loop.
            prepared = await asyncio.to_thread(self._prepare, trigger)
            result = self._commit(trigger, prepared)
        metrics.RELOADS.labels(trigger=trigger, result=result).inc()
        if result == "refused":
            metrics.RELOAD_LAST_SUCCESSFUL.set(0)
        else:
            metrics.RELOAD_LAST_SUCCESSFUL.set(1)
            metrics.RELOAD_LAST_SUCCESS.set(time.time())
        return result

    def _prepare(self, trigger: str) -> _Prepared | _Refusal:
        """The new settings and every target's commit, or the first refusal. The files are
        fingerprinted either way: a refused file is read again only when it changes."""
        try:
            loaded = self._load()
        except ValueError as exc:
            return _Refusal("settings", str(exc), self._fingerprint_all(self.settings))
        restart_only = self.settings.restart_only_changes(loaded)
        if restart_only:
            logger.warning(
                "settings that need a restart changed; they keep their running value",
                extra={"settings": restart_only, "trigger": trigger},
            )
        new = self.settings.model_copy(update=self.settings.reloadable_changes(loaded))
        commits: list[tuple[str, Commit]] = []
        for target in self._targets:
            try:
                commit = target.prepare(new)
            except (ReloadRefused, ValueError, OSError) as exc:
                return _Refusal(target.name, str(exc), self._fingerprint_all(new))
            if commit is not None:
                commits.append((target.name, commit))
        return _Prepared(new, commits, self._fingerprint_all(new))

    def _commit(self, trigger: str, prepared: _Prepared | _Refusal) -> str:
        self._fingerprints = prepared.fingerprints
        if isinstance(prepared, _Refusal):
            return self._refused(trigger, prepared.target, prepared.reason)
        changed = sorted(self.settings.reloadable_changes(prepared.settings))
        for _, commit in prepared.commits:
            commit()
        self.settings = prepared.settings
        if not prepared.commits and not changed:
            logger.info("reload: nothing changed", extra={"trigger": trigger})
            return "unchanged"
        logger.info(
            "reloaded",
            extra={
                "trigger": trigger,
                "settings": changed,
                "targets": [name for name, _ in prepared.commits],
            },
        )
        return "applied"

    def _refused(self, trigger: str, target: str, reason: str) -> str:
        logger.error(
            "reload refused; the running settings stay in force",
            extra={
                "error_kind": "invalid_argument",
                "trigger": trigger,
                "target": target,
                "reason": reason,
            },
        )
        return "refused"

    # --- watched files -------------------------------------------------------------------

    def _watched(self, settings: Settings) -> list[str]:
        paths = [settings.config] if settings.config else []
        for target in self._targets:
            paths.extend(path for path in target.watched(settings) if path)
        return sorted(set(paths))

    def _fingerprint_all(self, settings: Settings) -> dict[str, str]:
        return {path: _fingerprint(path) for path in self._watched(settings)}


def _fingerprint(path: str) -> str:
    """A file's content digest ("" when it cannot be read): what a change is judged by."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""
