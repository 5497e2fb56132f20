#!/usr/bin/env python3
"""Derive protos/webcast/v1alpha/webcast.proto from TikTokLive's own schema package
(TikTokLiveProto).

TikTokLive decodes webcast messages with betterproto2 classes generated from TikTok's schema; the
package ships no .proto files or descriptors, but every class carries its field numbers and wire
types. This script reads that metadata and writes the .proto definitions tokgate compiles with the
C-backed protobuf runtime, so tokgate's decoding follows the pinned TikTokLive version exactly.

Derived: every message type TikTokLive maps to an event (its client's EVENT_MAPPINGS, webcast
method name to event class), each under its method name, and the push envelope, with
everything they reference. Clients decode an OtherEvent's payload with it, by type_name.
TikTok's packages import each other in cycles, which .proto files cannot, so all types go into
one file and package; a short name used by two packages is qualified with its package.

Usage: derive_webcast_protos.py [--check] [OUT_DIR]   (default OUT_DIR: protos/webcast/v1alpha)
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import importlib.metadata
import pkgutil
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import betterproto2

REPO = Path(__file__).resolve().parent.parent
SCHEMA_PACKAGE = "TikTokLiveProto"
SCHEMA_MODULE = "TikTokLiveProto.v3"
EVENT_MAPPINGS_MODULE = "TikTokLive.events.proto_events"
PROTO_PACKAGE = "webcast.v1alpha"
PROTO_FILE = "webcast.proto"

# The push envelope: the frame and the fetch result that carries the messages.
ENVELOPE_MESSAGES = (
    "webcast.im.WebcastPushFrame",
    "webcast.shared.message.ProtoMessageFetchResult",
)


class SchemaError(RuntimeError):
    """The installed schema uses something this script does not translate yet."""


@dataclasses.dataclass(frozen=True)
class ProtoType:
    """A message or enum of the schema: its proto package, its short name and its class."""

    package: str
    name: str
    cls: Any  # a betterproto2 Message or Enum subclass


def schema_version() -> str:
    """The installed TikTokLiveProto version, checked against the one TikTokLive pins."""
    installed = importlib.metadata.version(SCHEMA_PACKAGE)
    for requirement in importlib.metadata.requires("TikTokLive") or []:
        pinned = re.fullmatch(rf"{SCHEMA_PACKAGE}\s*==\s*([\w.]+)", requirement.strip(), re.I)
        if pinned and pinned.group(1) != installed:
            raise SchemaError(
                f"TikTokLive pins {SCHEMA_PACKAGE}=={pinned.group(1)} but {installed} is installed"
            )
    return installed


def load_message_pool() -> dict[str, type]:
    """Import every schema module and return the registered messages by full proto name."""
    root = importlib.import_module(SCHEMA_MODULE)
    for module in pkgutil.walk_packages(root.__path__, SCHEMA_MODULE + "."):
        importlib.import_module(module.name)
    pool = importlib.import_module(SCHEMA_MODULE + ".message_pool").default_message_pool
    return {url.rsplit("/", 1)[1]: cls for url, cls in pool.url_to_type.items()}


def event_messages(pool: dict[str, type]) -> dict[str, type]:
    """The schema class of each webcast method TikTokLive maps to an event, by method name."""
    mappings = importlib.import_module(EVENT_MAPPINGS_MODULE).EVENT_MAPPINGS
    schema_classes = set(pool.values())
    messages = {}
    for method, event in sorted(mappings.items()):
        bases = [cls for cls in event.__mro__ if cls in schema_classes]
        if not bases:
            raise SchemaError(f"{method}: {event.__name__} derives from no schema message")
        messages[method] = bases[0]
    return messages


def enum_type(cls: type) -> ProtoType:
    """Enums are not in the message pool: their package is their module's."""
    return ProtoType(cls.__module__.removeprefix(SCHEMA_MODULE + "."), cls.__name__, cls)


def field_types(cls: Any) -> Iterable[tuple[str, betterproto2.FieldMetadata, type]]:
    """(field name, metadata, referenced class) for each field, in field-number order."""
    meta = cls._betterproto
    for name in meta.sorted_field_names:
        field = meta.meta_by_field_name[name]
        if field.group or field.unwrap or (field.optional and field.proto_type != "message"):
            raise SchemaError(f"{cls.__name__}.{name}: oneof/wrapper/optional scalar unsupported")
        if field.proto_type == betterproto2.TYPE_MAP:
            yield name, field, meta.cls_by_field[name + ".value"]
        else:
            yield name, field, meta.cls_by_field[name]


def collect(
    pool: dict[str, type], roots: Iterable[type]
) -> tuple[list[ProtoType], list[ProtoType]]:
    """The root messages and every message and enum they reference, transitively."""
    message_types = {}
    for full_name, cls in pool.items():
        package, name = full_name.rsplit(".", 1)
        message_types[cls] = ProtoType(package, name, cls)
    messages: dict[type, ProtoType] = {}
    enums: dict[type, ProtoType] = {}
    pending = list(roots)
    while pending:
        cls = pending.pop()
        if cls in messages:
            continue
        messages[cls] = message_types[cls]
        for _, field, referenced in field_types(cls):
            kind = field.map_meta[1].proto_type if field.map_meta else field.proto_type
            if kind == betterproto2.TYPE_MESSAGE:
                pending.append(referenced)
            elif kind == betterproto2.TYPE_ENUM:
                enums.setdefault(referenced, enum_type(referenced))
    return list(messages.values()), list(enums.values())


def proto_names(types: Iterable[ProtoType]) -> dict[type, str]:
    """Short names in the one derived package; names used by two packages get qualified."""
    types = list(types)
    packages_by_name: dict[str, set[str]] = {}
    for t in types:
        packages_by_name.setdefault(t.name, set()).add(t.package)
    return {
        t.cls: t.name
        if len(packages_by_name[t.name]) == 1
        else t.package.replace(".", "_") + "_" + t.name
        for t in types
    }


def upper_snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).upper()


def render_enum(t: ProtoType, name: str) -> list[str]:
    """Values are prefixed with the enum's name: proto3 enum values share the package scope."""
    prefix = upper_snake(name)
    members = sorted(t.cls, key=lambda m: (m.value != 0, m.value))  # proto3: zero first
    lines = [f"// {t.package}.{t.name}", f"enum {name} {{"]
    lines += [f"  {prefix}_{m.name} = {m.value};" for m in members]
    return [*lines, "}"]


def render_message(t: ProtoType, names: dict[type, str]) -> list[str]:
    def type_name(kind: str, referenced: type) -> str:
        return names[referenced] if kind in (betterproto2.TYPE_MESSAGE, "enum") else kind

    lines = [f"// {t.package}.{t.name}", f"message {names[t.cls]} {{"]
    for field_name, field, referenced in field_types(t.cls):
        if field.map_meta:
            key, value = field.map_meta
            declared = f"map<{key.proto_type}, {type_name(value.proto_type, referenced)}>"
        else:
            declared = type_name(field.proto_type, referenced)
            if field.repeated:
                declared = "repeated " + declared
        lines.append(f"  {declared} {field_name} = {field.number};")
    return [*lines, "}"]


def derive() -> str:
    version = schema_version()
    pool = load_message_pool()
    events = event_messages(pool)
    messages, enums = collect(pool, [*events.values(), *(pool[n] for n in ENVELOPE_MESSAGES)])
    names = proto_names([*messages, *enums])
    for method, cls in events.items():
        if names[cls] != method:
            raise SchemaError(f"{method} would be named {names[cls]}: clients look it up by method")
    lines = [
        f"// Generated from {SCHEMA_PACKAGE} {version} by scripts/derive_webcast_protos.py.",
        "// Do not edit: re-run the script (the test in tests/webcast checks it is current).",
        "//",
        "// TikTok's webcast wire, reverse-engineered by TikTokLive: UNSTABLE and OUTSIDE the",
        "// tokgate contract. TikTok changes these messages at will; each TikTokLive release may",
        "// rename, renumber or drop fields here, and buf's lint and breaking checks skip this",
        "// package. Build on tokgate.v1's typed events; use this only to decode an OtherEvent's",
        "// payload: its type_name is the name of one of the messages listed below.",
        "//",
        "// Field numbers and types as the schema package has them, one package for all (the",
        "// source packages import each other in cycles). Each type names its source in a comment.",
        f"// The {len(events)} types TikTokLive maps to events (OtherEvent.type_name values):",
        *(f"//   {method}" for method in events),
        'syntax = "proto3";',
        "",
        f"package {PROTO_PACKAGE};",
    ]
    for t in sorted(enums, key=lambda t: names[t.cls]):
        lines += ["", *render_enum(t, names[t.cls])]
    for t in sorted(messages, key=lambda t: names[t.cls]):
        lines += ["", *render_message(t, names)]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "out_dir", nargs="?", type=Path, default=REPO / "protos" / "webcast" / "v1alpha"
    )
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the file differs instead of writing it"
    )
    args = parser.parse_args(argv)
    target: Path = args.out_dir / PROTO_FILE
    text = derive()
    if args.check:
        current = target.read_text() if target.exists() else ""
        if current != text:
            print(f"{target} is stale: run scripts/derive_webcast_protos.py", file=sys.stderr)
            return 1
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
