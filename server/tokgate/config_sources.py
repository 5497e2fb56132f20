"""Where each setting comes from, and what tokgate says when one is wrong.

Precedence, highest first: command-line flags, ``TOKGATE_*`` environment variables, the TOML
config file (``--config`` / ``TOKGATE_CONFIG``), the defaults. The environment and the file
are read with pydantic-settings' own sources; the three are merged here rather than inside
``Settings`` so that every value keeps its origin, for ``tokgate config show`` and for error
messages that name the setting, where its value came from and what it accepts.
"""

from __future__ import annotations

import argparse
import difflib
import os
import tomllib
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from annotated_types import Ge, Gt
from pydantic import SecretStr, ValidationError
from pydantic.fields import FieldInfo
from pydantic_settings import EnvSettingsSource, TomlConfigSettingsSource

from tokgate.config import ENV_PREFIX, Settings, is_secret, section_of

# Settings that were renamed: a value under the old name is refused with the new name.
RENAMED = {"subscriber_queue_size": "subscriber_queue_max_entries"}

OriginKind = Literal["default", "config file", "environment", "flag"]


@dataclass(frozen=True)
class Origin:
    """Where one setting's value came from."""

    kind: OriginKind
    where: str = ""

    def __str__(self) -> str:
        if self.kind == "default":
            return "default"
        if self.kind == "config file":
            return f"config file {self.where}"
        if self.kind == "environment":
            return f"environment variable {self.where}"
        return f"flag {self.where}"


@dataclass(frozen=True)
class Resolved:
    """The effective settings, each value's origin, and the config file read (if any)."""

    settings: Settings
    origins: Mapping[str, Origin]
    config_file: Path | None


class SettingsError(ValueError):
    """Settings that cannot be used; the message names each setting, origin and rule."""


def flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def env_name(name: str) -> str:
    return ENV_PREFIX + name.upper()


def resolve(
    args: argparse.Namespace | None = None, environ: Mapping[str, str] | None = None
) -> Resolved:
    """The settings from ``args`` (flags given), ``environ`` and the config file they name."""
    environ = os.environ if environ is None else environ
    for old, new in RENAMED.items():
        if env_name(old) in environ:
            raise SettingsError(f"{env_name(old)} was renamed: use {env_name(new)}")
    flags = _flag_values(args)
    env = dict(_Environment(environ)())
    # Lowest precedence first, each value with the origin it reports.
    layers: list[tuple[dict[str, Any], Callable[[str], Origin]]] = []
    config_file: Path | None = None
    path = flags.get("config") or env.get("config")
    if path:
        config_file = Path(str(path))
        in_file = f"{config_file}"
        layers.append(
            (
                read_config_file(config_file),
                lambda name: Origin("config file", f"{in_file} ({name})"),
            )
        )
    layers.append((env, lambda name: Origin("environment", env_name(name))))
    layers.append((flags, lambda name: Origin("flag", flag(name))))

    values: dict[str, Any] = {}
    origins: dict[str, Origin] = {name: Origin("default") for name in Settings.model_fields}
    for layer, origin_of in layers:
        for name, value in layer.items():
            values[name] = value
            origins[name] = origin_of(name)
    try:
        settings = Settings(**values)
    except ValidationError as exc:
        raise SettingsError(_explain(exc, values, origins)) from None
    return Resolved(settings, origins, config_file)


def read_config_file(path: Path) -> dict[str, Any]:
    """The settings a TOML config file sets (top-level keys named like the settings)."""
    if not path.is_file():
        raise SettingsError(f"config file {path}: no such file")
    try:
        data = TomlConfigSettingsSource(Settings, toml_file=path).toml_data
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"config file {path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise SettingsError(f"config file {path}: cannot read it: {exc.strerror}") from None
    renamed = [f"{old} was renamed: use {RENAMED[old]}" for old in sorted(set(data) & set(RENAMED))]
    if renamed:
        raise SettingsError(f"config file {path}: {'; '.join(renamed)}")
    unknown = sorted(set(data) - set(Settings.model_fields))
    if unknown:
        named = ", ".join(_with_suggestion(key) for key in unknown)
        raise SettingsError(
            f"config file {path}: unknown setting(s) {named} "
            "(keys are setting names, as in docs/configuration.md)"
        )
    if "config" in data:
        raise SettingsError(f"config file {path}: 'config' cannot be set inside a config file")
    return dict(data)


def _with_suggestion(key: str) -> str:
    close = difflib.get_close_matches(key, Settings.model_fields, n=1)
    return f"{key!r} (did you mean {close[0]!r}?)" if close else repr(key)


class _Environment(EnvSettingsSource):
    """pydantic-settings' environment source, reading a given mapping (tests, reloads)."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        self._environ = environ
        super().__init__(Settings, case_sensitive=False, env_prefix=ENV_PREFIX)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return {key.lower(): value for key, value in self._environ.items()}


def _flag_values(args: argparse.Namespace | None) -> dict[str, Any]:
    if args is None:
        return {}
    return {
        name: getattr(args, name)
        for name in Settings.model_fields
        if getattr(args, name, None) is not None
    }


def _explain(exc: ValidationError, values: Mapping[str, Any], origins: Mapping[str, Origin]) -> str:
    """One line per bad setting: name, value, origin, what went wrong, what it accepts."""
    fields = Settings.model_fields
    lines = ["invalid settings:"]
    seen: set[str] = set()
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else "?"
        if name in seen:
            continue
        seen.add(name)
        info = fields.get(name)
        if info is None:
            lines.append(f"  {name}: not a setting")
            continue
        shown = "***" if is_secret(info) else repr(values.get(name))
        lines.append(
            f"  {name} = {shown} (from {origins[name]}): {error['msg']}; accepts {accepts(info)}"
        )
    return "\n".join(lines)


def accepts(info: FieldInfo) -> str:
    """What a setting accepts, in words (errors and docs/configuration.md)."""
    annotation = info.annotation
    if typing.get_origin(annotation) is Literal:
        return "one of " + ", ".join(str(choice) for choice in typing.get_args(annotation))
    if annotation is bool:
        return "true or false (also 1/0, yes/no, on/off)"
    if typing.get_origin(annotation) is tuple:
        return "a list: comma-separated in flags and variables, an array in the config file"
    if annotation in (int, float):
        what = "a whole number" if annotation is int else "a number"
        for constraint in info.metadata:
            if isinstance(constraint, Gt):
                return f"{what} greater than {constraint.gt}"
            if isinstance(constraint, Ge):
                return f"{what}, {constraint.ge} or more"
        return what
    if annotation is SecretStr:
        return "text (a credential: never shown)"
    return "text"


# --- command-line flags ----------------------------------------------------------------


def add_flags(parser: argparse.ArgumentParser, *sections: str) -> None:
    """A ``--flag`` per setting (of the given sections; all when none), plus ``--config``."""
    for name, info in Settings.model_fields.items():
        if sections and section_of(info) not in sections and name != "config":
            continue
        default = f"; default {_shown_default(info)}" if name != "config" else ""
        # argparse %-formats help texts.
        help_text = f"{info.description} [env {env_name(name)}{default}]".replace("%", "%%")
        if info.annotation is bool:
            parser.add_argument(
                flag(name),
                dest=name,
                default=None,
                action=argparse.BooleanOptionalAction,
                help=help_text,
            )
        else:
            parser.add_argument(flag(name), dest=name, default=None, help=help_text)


def _shown_default(info: FieldInfo) -> str:
    """A setting's default as ``--help`` shows it."""
    default = info.default
    if isinstance(default, bool):
        return "true" if default else "false"
    if isinstance(default, tuple):
        return ",".join(str(item) for item in default) or "none"
    return str(default) if default != "" else "none"


def show_value(settings: Settings, name: str) -> str:
    """A setting's value as ``config show`` prints it: credentials masked."""
    value = getattr(settings, name)
    info = Settings.model_fields[name]
    if is_secret(info):
        items = value if isinstance(value, tuple) else (value,)
        return "(set)" if any(item.get_secret_value() for item in items) else "(none)"
    if isinstance(value, tuple):
        return ",".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
