"""``tokgate plugins check PLUGIN``: a plugin run through the whole error corpus, for its CI.

The plugin is loaded alone beside the built-ins, by the real loading path (its entry points,
or a module), and every corpus case is reported through the real pipeline with it, under the
default time budget. The report says which kinds it changed and in how many cases, its
slowest calls against the budget, its exceptions, invalid answers and late answers, and the
``tokgate_*`` functions that are no hook (a misspelt hook never runs). Any strike, misspelt
hook or load failure is a violation: the command exits 1.
"""

from __future__ import annotations

import asyncio
import difflib
import functools
import importlib
import importlib.util
import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib import metadata
from typing import Any

from tokgate.config import Settings
from tokgate.errors.hooks import Fault, PluginCall
from tokgate.errors.kinds import kind_info
from tokgate.errors.manager import ENTRY_POINT_GROUP, HOOK_NAMES, PluginLoadError, PluginManager
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.plugin_kit.corpus import Corpus, comparable

#: How many of the slowest calls the report lists.
SLOWEST = 5
# Strikes are counted, never acted on: every case runs, however many the plugin fails.
_NO_DISABLING = 1_000_000


class TargetNotFoundError(LookupError):
    """Neither an installed plugin, a distribution with tokgate entry points, nor a module."""


@dataclass
class Call:
    hook: str
    case: str
    milliseconds: float


@dataclass
class Problem:
    hook: str
    case: str
    problem: str


@dataclass
class CheckReport:
    """What ``tokgate plugins check`` found; ``--json`` prints it as is."""

    target: str
    plugins: list[str]
    hooks: list[str] = field(default_factory=list)
    misspelt_hooks: list[str] = field(default_factory=list)
    load_error: str | None = None
    cases: int = 0
    changed_cases: int = 0
    changes: dict[str, int] = field(default_factory=dict)
    budget_milliseconds: float = 0.0
    slowest_calls: list[Call] = field(default_factory=list)
    exceptions: list[Problem] = field(default_factory=list)
    invalid_answers: list[Problem] = field(default_factory=list)
    late_answers: list[Problem] = field(default_factory=list)

    @property
    def violations(self) -> list[str]:
        found = [f"failed to load: {self.load_error}"] if self.load_error else []
        found += [f"misspelt hook {name}" for name in self.misspelt_hooks]
        if not self.hooks and not self.load_error:
            found.append("implements no tokgate hook")
        found += [f"{label}: {len(problems)}" for label, problems in self.strikes() if problems]
        return found

    def strikes(self) -> list[tuple[str, list[Problem]]]:
        """The strikes, by what went wrong."""
        return [
            ("exceptions", self.exceptions),
            ("invalid answers", self.invalid_answers),
            ("late answers", self.late_answers),
        ]

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "violations": self.violations, "ok": not self.violations}


def _found(target: str) -> list[tuple[str, Callable[[], object], str, str]]:
    """(name, its loader, version, distribution) for ``target``: installed plugins named so,
    the plugins of a distribution named so, or else the module of that name. Nothing is
    imported yet: a plugin that fails to import is the report's load error."""
    wanted = _normalized(target)
    found = [
        (ep.name, ep.load, ep.dist.version if ep.dist else "", ep.dist.name if ep.dist else "")
        for ep in metadata.entry_points(group=ENTRY_POINT_GROUP)
        if ep.name == target or (ep.dist is not None and _normalized(ep.dist.name) == wanted)
    ]
    if found:
        return found
    try:
        spec = importlib.util.find_spec(target)
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        raise TargetNotFoundError(
            f"{target!r} is neither an installed tokgate plugin, a distribution with "
            f"'{ENTRY_POINT_GROUP}' entry points, nor an importable module"
        )
    return [(target, functools.partial(importlib.import_module, target), "", "")]


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _misspelt(plugin: object) -> list[str]:
    """``tokgate_*`` functions that are no hook, each with the hook it was likely meant as."""
    found = []
    for name in sorted(vars(plugin) if hasattr(plugin, "__dict__") else dir(plugin)):
        hook = name.startswith("tokgate_") and callable(getattr(plugin, name))
        if hook and name not in HOOK_NAMES:
            close = difflib.get_close_matches(name, HOOK_NAMES, n=1)
            found.append(f"{name} (did you mean {close[0]}?)" if close else name)
    return found


async def check(target: str, corpus: Corpus) -> CheckReport:
    """Load ``target`` and run every case of ``corpus`` through it (TargetNotFoundError when
    there is nothing of that name)."""
    found = _found(target)
    report = CheckReport(target, [name for name, *_ in found], cases=len(corpus))
    settings = Settings(plugin_max_strikes=_NO_DISABLING)
    report.budget_milliseconds = settings.plugin_timeout * 1000
    manager = PluginManager.load(settings, entry_points=[])
    try:
        for name, load, version, distribution in found:
            try:
                plugin = load()
            except Exception as exc:
                raise PluginLoadError(
                    f"plugin {name!r} failed to import: {type(exc).__name__}: {exc}"
                ) from exc
            report.misspelt_hooks += _misspelt(plugin)
            record = manager.register(plugin, name, version, distribution)
            report.hooks += [h for h in record.hooks if h in HOOK_NAMES and h not in report.hooks]
    except PluginLoadError as exc:
        report.load_error = str(exc)
        return report
    pipeline = ErrorPipeline(settings, manager)
    calls: list[Call] = []
    current = ""
    struck = {
        Fault.RAISED: report.exceptions,
        Fault.INVALID: report.invalid_answers,
        Fault.LATE: report.late_answers,
    }

    def watch(call: PluginCall) -> None:
        calls.append(Call(call.hook, current, round(call.seconds * 1000, 3)))
        if call.fault is not None:
            struck[call.fault].append(Problem(call.hook, current, call.problem or ""))

    pipeline.watch_plugin_calls(watch)
    changes: Counter[str] = Counter()
    logging.disable(logging.CRITICAL)  # the pipeline's own lines: the report says it all
    try:
        for case in corpus:
            current = case.id
            detail = comparable(await pipeline.report(case.error(), case.context()))
            await pipeline.handle_queued()
            if detail != case.detail:
                before, after = case.kind, kind_info(detail.kind).label
                changes[
                    f"{before} -> {after}"
                    if before != after
                    else f"{before} (same kind, fields changed)"
                ] += 1
    finally:
        logging.disable(logging.NOTSET)
        await pipeline.stop()
    report.changes = dict(sorted(changes.items()))
    report.changed_cases = sum(changes.values())
    report.slowest_calls = sorted(calls, key=lambda call: -call.milliseconds)[:SLOWEST]
    return report


def render(report: CheckReport) -> str:
    """The report as the terminal shows it."""
    lines = [
        f"tokgate plugins check {report.target}: {', '.join(report.plugins)}",
        f"  hooks: {', '.join(report.hooks) or 'none'}",
    ]
    if report.load_error:
        lines.append(f"  failed to load: {report.load_error}")
    lines += [f"  misspelt hook (never called): {name}" for name in report.misspelt_hooks]
    lines.append(f"  corpus: {report.cases} cases; changed: {report.changed_cases}")
    lines += [f"    {change}: {count}" for change, count in report.changes.items()]
    if report.slowest_calls:
        lines.append(f"  slowest calls (budget {report.budget_milliseconds:g} ms):")
        lines += [
            f"    {call.milliseconds:9.3f} ms  {call.hook}  {call.case}"
            for call in report.slowest_calls
        ]
    for label, problems in report.strikes():
        if problems:
            lines.append(f"  {label}: {len(problems)}")
            lines += [f"    {p.hook} on {p.case}: {p.problem}" for p in problems[:SLOWEST]]
    violations = report.violations
    lines.append(f"FAILED: {'; '.join(violations)}" if violations else "OK: no violations")
    return "\n".join(lines)


def run(target: str, corpus: Corpus) -> CheckReport:
    return asyncio.run(check(target, corpus))
