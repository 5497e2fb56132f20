"""Loading error plugins: built-ins, third-party entry points, allow/deny lists, states.

Built-in classifiers (``plugins/tokgate_plugins/``) are registered ``trylast`` so any
third-party plugin runs before them; the catch-all is registered last, so among the
``trylast`` implementations it is called last. Third-party plugins come from the entry-point
group ``tokgate``, filtered by ``Settings.plugins`` / ``Settings.disable_plugins`` before they
are imported. Any function named ``tokgate_*`` in a plugin is a hook implementation (as
pytest does with ``pytest_*``), so a misspelt hook fails start-up in ``check_pending``
instead of silently never running.
"""

from __future__ import annotations

import importlib
import inspect
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from typing import Any, cast

import pluggy

from tokgate import __version__
from tokgate.config import Settings
from tokgate.errors import hookspecs
from tokgate.v1 import admin_pb2

logger = logging.getLogger(__name__)

ENTRY_POINT_GROUP = hookspecs.PROJECT_NAME
HOOK_NAMES = ("tokgate_classify_error", "tokgate_enrich_error", "tokgate_error_handled")
# Registration order = call order: pluggy calls ``trylast`` implementations in the order
# they were registered, after every other implementation. Specific to general, and the
# catch-all last.
BUILTIN_MODULES = (
    "tokgate_plugins.tiktoklive",
    "tokgate_plugins.tiktokapi",
    "tokgate_plugins.tiktok_status",
    "tokgate_plugins.tokgate_own",
    "tokgate_plugins.network",
    "tokgate_plugins.catch_all",
)

State = admin_pb2.PluginState


class PluginLoadError(Exception):
    """A plugin cannot be loaded; tokgate refuses to start (the message says which and why)."""


@dataclass
class PluginRecord:
    """What tokgate knows about one plugin (loaded or not)."""

    name: str
    version: str
    distribution: str
    builtin: bool
    state: admin_pb2.PluginState.ValueType = State.PLUGIN_STATE_ENABLED
    hooks: tuple[str, ...] = ()
    failures: int = 0
    disabled_reason: str = ""

    @property
    def enabled(self) -> bool:
        return self.state == State.PLUGIN_STATE_ENABLED

    def to_proto(self) -> admin_pb2.Plugin:
        return admin_pb2.Plugin(
            name=self.name,
            version=self.version,
            hooks=list(self.hooks),
            state=self.state,
            builtin=self.builtin,
            failure_count=self.failures,
            disabled_reason=self.disabled_reason,
            distribution=self.distribution,
        )


class _HookPrefixPluginManager(pluggy.PluginManager):
    """Treats every ``tokgate_*`` function of a plugin as a hook implementation."""

    def parse_hookimpl_opts(self, plugin: Any, name: str) -> pluggy.HookimplOpts | None:
        opts = super().parse_hookimpl_opts(plugin, name)
        if opts is None and name.startswith(hookspecs.PROJECT_NAME + "_"):
            attr = inspect.getattr_static(plugin, name, None)
            if inspect.isroutine(attr) and not hasattr(attr, hookspecs.PROJECT_NAME + "_spec"):
                return cast(pluggy.HookimplOpts, {})
        return opts


class PluginManager:
    """tokgate's plugins and their states; the pipeline asks it which implementations to call."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._pm = _HookPrefixPluginManager(hookspecs.PROJECT_NAME)
        self._pm.add_hookspecs(hookspecs)
        self._records: dict[str, PluginRecord] = {}

    def reconfigure(self, settings: Settings) -> None:
        """Reloaded settings: strikes are judged against the new plugin_max_strikes."""
        self._settings = settings

    @classmethod
    def load(
        cls, settings: Settings, entry_points: Iterable[metadata.EntryPoint] | None = None
    ) -> PluginManager:
        """Register the built-ins and the allowed entry-point plugins; fail on bad hooks."""
        manager = cls(settings)
        for module_name in BUILTIN_MODULES:
            module = importlib.import_module(module_name)
            manager.register(
                module,
                "tokgate." + module_name.rsplit(".", 1)[1],
                __version__,
                "tokgate",
                builtin=True,
            )
        found = metadata.entry_points(group=ENTRY_POINT_GROUP)
        for entry_point in entry_points if entry_points is not None else found:
            manager._load_entry_point(entry_point)
        manager.check_pending()
        return manager

    def _load_entry_point(self, entry_point: metadata.EntryPoint) -> None:
        dist = entry_point.dist
        version = dist.version if dist is not None else ""
        distribution = dist.name if dist is not None else ""
        name = entry_point.name
        allowed = not self._settings.plugins or name in self._settings.plugins
        if not allowed or name in self._settings.disable_plugins:
            reason = "not in TOKGATE_PLUGINS" if not allowed else "in TOKGATE_DISABLE_PLUGINS"
            self._records[name] = PluginRecord(
                name,
                version,
                distribution,
                builtin=False,
                state=State.PLUGIN_STATE_DENIED,
                disabled_reason=reason,
            )
            logger.info(
                "plugin %s denied (%s)", name, reason, extra={"plugin": name, "reason": reason}
            )
            return
        try:
            plugin = entry_point.load()
        except Exception as exc:
            raise PluginLoadError(
                f"plugin {name!r} (entry point {entry_point.value!r} of {distribution or '?'}) "
                f"failed to import: {type(exc).__name__}: {exc}. Fix it, or deny it with "
                f"TOKGATE_DISABLE_PLUGINS={name}"
            ) from exc
        self.register(plugin, name, version, distribution, builtin=False)

    def register(
        self, plugin: object, name: str, version: str, distribution: str, *, builtin: bool
    ) -> PluginRecord:
        """Register one plugin object; wrappers and signature mismatches are refused."""
        if name in self._records:
            raise PluginLoadError(f"two plugins are named {name!r}; plugin names must be unique")
        try:
            self._pm.register(plugin, name=name)
        except (ValueError, pluggy.PluginValidationError) as exc:
            raise PluginLoadError(f"plugin {name!r} was refused: {exc}") from exc
        impls = self._pm.get_hookcallers(plugin) or []
        hooks = tuple(sorted(caller.name for caller in impls))
        record = PluginRecord(name, version, distribution, builtin=builtin, hooks=hooks)
        self._records[name] = record
        for caller in impls:
            for impl in caller.get_hookimpls():
                if impl.plugin_name == name and (impl.wrapper or impl.hookwrapper):
                    self._pm.unregister(name=name)
                    raise PluginLoadError(
                        f"plugin {name!r}: {caller.name} is a hook wrapper; tokgate calls hook "
                        "implementations itself and does not support wrappers"
                    )
                if impl.plugin_name == name and builtin and not impl.trylast:
                    raise PluginLoadError(f"built-in {name!r}: {caller.name} must be trylast")
        return record

    def check_pending(self) -> None:
        """Fail when a plugin implements a hook tokgate does not define (a typo)."""
        try:
            self._pm.check_pending()
        except pluggy.PluginValidationError as exc:
            name = self._pm.get_name(exc.plugin) or repr(exc.plugin)
            raise PluginLoadError(
                f"plugin {name!r}: {exc}; tokgate's hooks are {', '.join(HOOK_NAMES)} "
                "(see tokgate.errors.hookspecs)"
            ) from exc

    def implementations(self, hook_name: str) -> list[tuple[pluggy.HookImpl, PluginRecord]]:
        """The enabled implementations of ``hook_name``, in call order (pluggy's)."""
        caller: pluggy.HookCaller = getattr(self._pm.hook, hook_name)
        ordered = reversed(caller.get_hookimpls())
        pairs = [(impl, self._records[impl.plugin_name]) for impl in ordered]
        return [(impl, record) for impl, record in pairs if record.enabled]

    def record_failure(self, record: PluginRecord, problem: str) -> bool:
        """Count a strike against ``record``; True when it just got disabled.

        Calls already under way when it was disabled still count, but neither disable it
        again nor overwrite the reason it was disabled for."""
        record.failures += 1
        if (
            record.builtin
            or not record.enabled
            or record.failures < self._settings.plugin_max_strikes
        ):
            return False
        record.state = State.PLUGIN_STATE_DISABLED
        record.disabled_reason = f"disabled after {record.failures} failures (last: {problem})"
        return True

    def records(self) -> list[PluginRecord]:
        """Every plugin tokgate knows: third-party, then built-ins, each in call order."""
        return sorted(self._records.values(), key=lambda record: record.builtin)

    def plugins(self) -> list[admin_pb2.Plugin]:
        """For ``AdminService.ListPlugins`` and ``tokgate plugins``."""
        return [record.to_proto() for record in self.records()]
