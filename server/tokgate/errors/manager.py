"""Loading error plugins: every plugin a record with a policy, built-in or third-party alike.

A plugin's :class:`Policy` says how the hook runner (``tokgate.errors.hooks``) calls it: its
time budget, whether strikes may disable it, and its order. Built-ins
(``plugins/tokgate_plugins/``) get ``BUILTIN_POLICY``: trusted, fast, called inline, never
disabled, after every third-party plugin (registration order among them, the catch-all
last). Third-party plugins come from the entry-point group ``tokgate``, filtered by
``Settings.plugins`` / ``Settings.disable_plugins`` before they are imported, and get
``Settings.plugin_timeout`` as budget and may be disabled. Any function named ``tokgate_*`` in
a plugin is a hook implementation (as pytest does with ``pytest_*``), so a misspelt hook fails
start-up in ``check_pending`` instead of silently never running. A plugin that declares the
hook versions it supports (``TOKGATE_HOOKS_SUPPORTED``) is refused outside them.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import logging
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from typing import Any, cast

import pluggy

from tokgate.config import Settings
from tokgate.errors import hookspecs
from tokgate.v1 import admin_pb2
from tokgate.versions import SERVER_VERSION

logger = logging.getLogger(__name__)

ENTRY_POINT_GROUP = hookspecs.PROJECT_NAME
HOOK_NAMES = ("tokgate_classify_error", "tokgate_enrich_error", "tokgate_error_handled")
# Registration order = call order among the built-ins: specific to general, the catch-all last.
BUILTIN_MODULES = (
    "tokgate_plugins.tiktoklive",
    "tokgate_plugins.tiktokapi",
    "tokgate_plugins.tiktok_status",
    "tokgate_plugins.tokgate_own",
    "tokgate_plugins.network",
    "tokgate_plugins.catch_all",
)

State = admin_pb2.PluginState


@dataclass(frozen=True)
class Policy:
    """How the hook runner calls a plugin."""

    # Seconds an answer may take, in the plugin's own worker threads; None: called inline
    # (tokgate's own code, which must be fast and never block).
    budget: float | None
    # Whether ``Settings.plugin_max_strikes`` strikes disable it.
    may_disable: bool
    # Lower first; equal orders keep pluggy's order (LIFO, tryfirst / trylast).
    order: int


#: tokgate's own classifiers: inline, never disabled, after every third-party plugin.
BUILTIN_POLICY = Policy(budget=None, may_disable=False, order=1)


def third_party_policy(settings: Settings) -> Policy:
    """Isolated under ``plugin_timeout``, disabled after ``plugin_max_strikes``, first."""
    return Policy(budget=settings.plugin_timeout, may_disable=True, order=0)


class PluginLoadError(Exception):
    """A plugin cannot be loaded; tokgate refuses to start (the message says which and why)."""


_COMPARISONS = {
    ">=": operator.ge,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
    ">": operator.gt,
    "<": operator.lt,
}
_CLAUSE = re.compile(r"(>=|<=|==|!=|>|<)\s*(\d+)(?:\.(\d+))?")


def _version(text: str) -> tuple[int, int]:
    major, _, minor = text.partition(".")
    return int(major), int(minor or 0)


def supports(declared: str, version: str = hookspecs.HOOKS_VERSION) -> bool:
    """Whether ``declared`` (``">=1.0,<2"``: comparisons of MAJOR[.MINOR], all must hold)
    admits ``version``; ValueError for a range that does not parse."""
    clauses = [clause.strip() for clause in declared.split(",")]
    matches = [_CLAUSE.fullmatch(clause) for clause in clauses]
    if not all(matches):
        raise ValueError(f"{declared!r} is not a range such as '>=1.0,<2'")
    have = _version(version)
    return all(
        _COMPARISONS[m[1]](have, (int(m[2]), int(m[3] or 0))) for m in matches if m is not None
    )


def check_supported(plugin: object, name: str) -> None:
    """Refuse a plugin whose declared hook versions exclude this tokgate's."""
    declared = getattr(plugin, hookspecs.SUPPORTED_ATTRIBUTE, None)
    if declared is None:
        return
    try:
        ok = supports(str(declared))
    except ValueError as exc:
        raise PluginLoadError(f"plugin {name!r}: {hookspecs.SUPPORTED_ATTRIBUTE} = {exc}") from exc
    if not ok:
        raise PluginLoadError(
            f"plugin {name!r} supports tokgate hooks {declared}, but this tokgate's are "
            f"{hookspecs.HOOKS_VERSION} (docs/plugins.md, Compatibility): install a version "
            f"of the plugin for them, or deny it with TOKGATE_DISABLE_PLUGINS={name}"
        )


@dataclass
class PluginRecord:
    """What tokgate knows about one plugin (loaded or not) and how it is called."""

    name: str
    version: str
    distribution: str
    builtin: bool  # shown in ListPlugins; how it is called is the policy's business
    policy: Policy
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
    """tokgate's plugins, their policies and states; pluggy is its registry and validator."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._pm = _HookPrefixPluginManager(hookspecs.PROJECT_NAME)
        self._pm.add_hookspecs(hookspecs)
        self._records: dict[str, PluginRecord] = {}
        self._ordered: dict[str, list[tuple[pluggy.HookImpl, PluginRecord]]] = {}

    def reconfigure(self, settings: Settings) -> None:
        """Reloaded settings: new budgets for isolated plugins, strikes judged against the
        new plugin_max_strikes."""
        self._settings = settings
        for record in self._records.values():
            if record.policy.budget is not None:
                record.policy = dataclasses.replace(record.policy, budget=settings.plugin_timeout)

    @classmethod
    def load(
        cls, settings: Settings, entry_points: Iterable[metadata.EntryPoint] | None = None
    ) -> PluginManager:
        """Register the built-ins and the allowed entry-point plugins; fail on bad hooks."""
        manager = cls(settings)
        for module_name in BUILTIN_MODULES:
            module = importlib.import_module(module_name)
            name = "tokgate." + module_name.rsplit(".", 1)[1]
            manager.register(
                module, name, SERVER_VERSION, "tokgate", builtin=True, policy=BUILTIN_POLICY
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
                policy=third_party_policy(self._settings),
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
        self.register(plugin, name, version, distribution)

    def register(
        self,
        plugin: object,
        name: str,
        version: str,
        distribution: str,
        *,
        builtin: bool = False,
        policy: Policy | None = None,
    ) -> PluginRecord:
        """Register one plugin object under ``policy`` (default: a third party's); wrappers,
        signature mismatches and unsupported hook versions are refused."""
        if name in self._records:
            raise PluginLoadError(f"two plugins are named {name!r}; plugin names must be unique")
        check_supported(plugin, name)
        try:
            self._pm.register(plugin, name=name)
        except (ValueError, pluggy.PluginValidationError) as exc:
            raise PluginLoadError(f"plugin {name!r} was refused: {exc}") from exc
        callers = self._pm.get_hookcallers(plugin) or []
        for caller in callers:
            if any(
                i.plugin_name == name and (i.wrapper or i.hookwrapper)
                for i in caller.get_hookimpls()
            ):
                self._pm.unregister(name=name)
                raise PluginLoadError(
                    f"plugin {name!r}: {caller.name} is a hook wrapper; tokgate calls hook "
                    "implementations itself and does not support wrappers"
                )
        record = PluginRecord(
            name,
            version,
            distribution,
            builtin=builtin,
            policy=policy or third_party_policy(self._settings),
            hooks=tuple(sorted(caller.name for caller in callers)),
        )
        self._records[name] = record
        self._ordered.clear()
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
        """The enabled implementations of ``hook_name`` in call order: by policy order, then
        pluggy's."""
        ordered = self._ordered.get(hook_name)
        if ordered is None:
            caller: pluggy.HookCaller = getattr(self._pm.hook, hook_name)
            pairs = [(i, self._records[i.plugin_name]) for i in reversed(caller.get_hookimpls())]
            ordered = sorted(pairs, key=lambda pair: pair[1].policy.order)
            self._ordered[hook_name] = ordered
        return [(impl, record) for impl, record in ordered if record.enabled]

    def record_failure(self, record: PluginRecord, problem: str) -> bool:
        """Count a strike against ``record``; True when it just got disabled.

        Calls already under way when it was disabled still count, but neither disable it
        again nor overwrite the reason it was disabled for."""
        record.failures += 1
        if (
            not record.policy.may_disable
            or not record.enabled
            or record.failures < self._settings.plugin_max_strikes
        ):
            return False
        record.state = State.PLUGIN_STATE_DISABLED
        record.disabled_reason = f"disabled after {record.failures} failures (last: {problem})"
        return True

    def records(self) -> list[PluginRecord]:
        """Every plugin tokgate knows, in call order: third-party first."""
        return sorted(self._records.values(), key=lambda record: record.policy.order)

    def plugins(self) -> list[admin_pb2.Plugin]:
        """For ``AdminService.ListPlugins`` and ``tokgate plugins``."""
        return [record.to_proto() for record in self.records()]
