"""Every suggestion tokgate gives can be followed here: it names a setting, a command, an RPC,
a field or a metric that exists, or it is one of the caller's own plain actions.

The guide's "Enable stealth mode" (always on) and "Use a different browser type" (TikTokApi's
other browsers need Playwright's own patched builds, which no package registry serves) cannot;
tokgate says what an operator can do instead (docs/errors.md, "The error-handling guide").
"""

from __future__ import annotations

import argparse
import re

from tokgate import metrics
from tokgate.cli import build_parser
from tokgate.config import ENV_PREFIX, Settings
from tokgate.errors import texts
from tokgate.errors.kinds import ErrorKind
from tokgate.v1 import admin_pb2, errors_pb2, live_pb2, users_pb2

K = ErrorKind

ADVICE = {name: value for name, value in vars(texts).items() if isinstance(value, texts.Advice)}
# (the advice's name, one of its suggestions), for every suggestion tokgate gives.
SUGGESTIONS = [(name, text) for name, advice in ADVICE.items() for text in advice.suggestions]

# The caller's own actions: no tokgate name needed to follow them.
CALLER_ACTIONS = (
    "Wait ",
    "Retry",
    "Reconnect",
    "Reduce request frequency",
    "Verify the ",
    "Try a different user",
    "Check request parameters",
    "Check that the video is still online",
    "Check the sign server's status",
    "Only public accounts can be read",
    "Ask by the streamer's username",
    "Upgrade the server",
    "Use an admin key",
    "Send 'authorization: Bearer <key>'",
    "Close streams you no longer read",
    "Report this",
)
CANNOT_BE_FOLLOWED = re.compile(r"stealth|browser type|container", re.IGNORECASE)
# Kinds an operator acts on: their advice names at least one thing to change.
OPERATOR_KINDS = {
    K.ERROR_KIND_TIKTOK_API,
    K.ERROR_KIND_AUTHENTICATION,
    K.ERROR_KIND_BOT_DETECTION,
    K.ERROR_KIND_SESSION,
}

_ENV = re.compile(rf"\b{ENV_PREFIX}[A-Z0-9_]+\b")
_SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
_COMMAND = re.compile(r"`tokgate ([a-z-]+)")
_RPC = re.compile(r"\b(?:Get|List|Stream|Subscribe)[A-Z][A-Za-z]+\b")


def _commands() -> set[str]:
    parser = build_parser()
    (subparsers,) = (
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    )
    return set(subparsers.choices)


def _known_names() -> set[str]:
    """Settings, proto fields, metric names: what a snake_case name in advice may be."""
    names = set(Settings.model_fields)
    for module in (admin_pb2, errors_pb2, live_pb2, users_pb2):
        for message in module.DESCRIPTOR.message_types_by_name.values():
            names.update(field.name for field in message.fields)
    for family in metrics.REGISTRY.collect():
        names.add(family.name)
        names.update(sample.name for sample in family.samples)
    return names


def _rpcs() -> set[str]:
    return {
        method.name
        for module in (admin_pb2, live_pb2, users_pb2)
        for service in module.DESCRIPTOR.services_by_name.values()
        for method in service.methods
    }


def _named(suggestion: str) -> list[str]:
    return [
        *_ENV.findall(suggestion),
        *_SNAKE.findall(suggestion),
        *_COMMAND.findall(suggestion),
        *_RPC.findall(suggestion),
    ]


def test_every_name_in_a_suggestion_exists() -> None:
    existing = (
        (_ENV, {ENV_PREFIX + name.upper() for name in Settings.model_fields}),
        (_SNAKE, _known_names()),
        (_COMMAND, _commands()),
        (_RPC, _rpcs()),
    )
    unknown = [
        (advice_name, name)
        for advice_name, suggestion in SUGGESTIONS
        for pattern, names in existing
        for name in pattern.findall(suggestion)
        if name not in names
    ]
    assert unknown == []


def test_every_suggestion_names_something_or_is_a_callers_own_action() -> None:
    vague = [
        (name, suggestion)
        for name, suggestion in SUGGESTIONS
        if not _named(suggestion) and not suggestion.startswith(CALLER_ACTIONS)
    ]
    assert vague == []


def test_no_suggestion_that_cannot_be_followed_here() -> None:
    unfollowable = [
        (name, suggestion)
        for name, suggestion in SUGGESTIONS
        if CANNOT_BE_FOLLOWED.search(suggestion)
    ]
    assert unfollowable == []


def test_the_operators_kinds_name_what_to_change() -> None:
    silent = [
        name
        for name, advice in ADVICE.items()
        if advice.kind in OPERATOR_KINDS
        and not any(_named(suggestion) for suggestion in advice.suggestions)
    ]
    assert silent == []
