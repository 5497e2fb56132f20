"""The tokgate plugin hooks: the manual for writing an error plugin.

tokgate turns every failure (an exception from TikTokLive, TikTokApi, the network or tokgate
itself) into one :class:`ErrorDetail` that callers receive in the gRPC status. Plugins decide
what that ErrorDetail says. There are three hooks, called in this order for each failure:

1. :func:`tokgate_classify_error` -- *firstresult*: the first plugin that returns an
   ErrorDetail wins. Third-party plugins run first; tokgate's built-in classifiers
   (``plugins/tokgate_plugins/``) run after them, and a catch-all last, which always
   answers. Return ``None`` for errors you do not know.
2. :func:`tokgate_enrich_error` -- every plugin may add suggestions or metadata.
3. :func:`tokgate_error_handled` -- every plugin is told about the final ErrorDetail, off the
   request's path (notify a chat, count in your own system, ...).

Writing a plugin
----------------
A plugin is a module (or object) with functions named after the hooks and marked with
:data:`hookimpl`. Package it with an entry point in the group ``tokgate``::

    # pyproject.toml
    [project.entry-points.tokgate]
    my_plugin = "my_package.plugin"

    # my_package/plugin.py
    from tokgate.errors.hookspecs import ErrorContext, ErrorKind, hookimpl, new_detail

    @hookimpl
    def tokgate_classify_error(error, context):
        if context.operation == "sign" and "quota" in str(error):
            return new_detail(
                ErrorKind.ERROR_KIND_RATE_LIMIT, "The sign quota of this month is used up",
                error=error, suggestions=["Buy a bigger plan"], retry_after=3600,
            )
        return None

A hook implementation may take any subset of the hook's arguments, by name. A function
named ``tokgate_...`` that matches no hook (a typo such as ``tokgate_clasify_error``)
stops tokgate at start-up with a message naming it, so a misspelt hook never fails silently.
Hook wrappers (``wrapper=True`` / ``hookwrapper=True``) are not supported.

Running rules
-------------
* One hook runner (``tokgate.errors.hooks``) calls every implementation, built-in or not,
  under its plugin's policy (``tokgate.errors.manager.Policy``: time budget, whether it may
  be disabled, order). A third-party plugin runs under a time budget
  (``TOKGATE_PLUGIN_TIMEOUT``, default 0.25 s) in worker threads of its own, before the
  built-ins: an answer past the budget is discarded, an exception is caught; either is a
  *strike*, counted in
  ``tokgate_plugin_failures_total{plugin, hook}`` and logged with the plugin's name. After
  ``TOKGATE_PLUGIN_MAX_STRIKES`` strikes the plugin is disabled until restart
  (``tokgate plugins`` / ``AdminService.ListPlugins`` show it as DISABLED). The failure
  still gets the built-in classification.
* Hooks are plain synchronous functions. Do not block on the network in the classify and
  enrich hooks; do slow work in ``tokgate_error_handled``.
* ``TOKGATE_PLUGINS`` (allow list) and ``TOKGATE_DISABLE_PLUGINS`` (deny list) select
  third-party plugins by entry-point name; denied plugins are never imported.
* Everything you put into an ErrorDetail is redacted (ms tokens, session ids, cookies, API
  keys, proxy credentials) after enrichment, before it leaves tokgate.
* ``status_code`` is TikTok's ``statusCode`` (leave it unset when none was seen); set
  ``retry_after`` when you know how long a caller should wait.

Compatibility
-------------
:data:`HOOKS_VERSION` (``MAJOR.MINOR``) versions this contract: the hooks, their arguments,
:class:`ErrorContext`'s fields (``ErrorContext.VERSION``) and the helpers exported here. A
minor release only adds (a hook, an optional argument or field); a major one removes,
renames or changes a meaning, after a minor release that deprecated it. A plugin declares the
versions it supports in its module, ``TOKGATE_HOOKS_SUPPORTED = ">=1.0,<2"``; tokgate refuses
to load a plugin outside them, saying why.

Overriding a built-in classification
------------------------------------
Return an ErrorDetail from ``tokgate_classify_error`` for the errors you want to re-classify:
yours runs before every built-in. To *add* to a built-in's answer instead, implement
``tokgate_enrich_error`` and append to ``detail.suggestions`` or ``detail.metadata``.
``detail.classifier`` names the plugin that classified it (``tokgate.tiktokapi``, ...).

See ``plugins/examples/`` for a complete, packaged plugin and ``docs/plugins.md``.
"""

from __future__ import annotations

from typing import Final

import pluggy

from tokgate.errors.context import ErrorContext, PastError
from tokgate.errors.detail import UPSTREAM_TLS, new_detail, raw_error
from tokgate.errors.kinds import ErrorKind, kind_info
from tokgate.v1.errors_pb2 import ErrorDetail

__all__ = [
    "HOOKS_VERSION",
    "PROJECT_NAME",
    "UPSTREAM_TLS",
    "ErrorContext",
    "ErrorDetail",
    "ErrorKind",
    "PastError",
    "hookimpl",
    "hookspec",
    "kind_info",
    "new_detail",
    "raw_error",
    "tokgate_classify_error",
    "tokgate_enrich_error",
    "tokgate_error_handled",
]

PROJECT_NAME: Final = "tokgate"
#: The version of the plugin contract (see "Compatibility" above); ErrorContext.VERSION
#: moves with it.
HOOKS_VERSION: Final = "1.0"
#: The module attribute in which a plugin declares the HOOKS_VERSIONs it supports.
SUPPORTED_ATTRIBUTE: Final = "TOKGATE_HOOKS_SUPPORTED"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
#: Mark a function as a tokgate hook implementation: ``@hookimpl`` or ``@hookimpl(...)``.
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


# firstresult: pluggy's own call of the hook (pm.hook.tokgate_classify_error) agrees with the
# hook runner, which stops at the first answer too.
@hookspec(firstresult=True)
def tokgate_classify_error(error: BaseException, context: ErrorContext) -> ErrorDetail | None:
    """Classify ``error`` into an ErrorDetail, or return ``None`` to pass.

    :param error: the exception, exactly as raised (a TikTokLive or TikTokApi exception,
        an ``httpx`` / ``websockets`` / ``OSError``, or one of
        ``tokgate.errors.exceptions``; ``UpstreamStatusError`` carries TikTok's
        ``statusCode`` and the body).
    :param context: what tokgate knew when it failed: ``source``, ``operation``,
        ``unique_id``, ``http_status``, redacted ``headers``/``body``, ``ms_token``
        (``"missing"`` / ``"refused"`` where the caller knows it is at fault), ``history``
        (recent failures, newest last) and ``recent_successes`` (when this source's recent
        requests succeeded, to judge patterns against all requests). Many exceptions carry
        no evidence of their own (TikTokLive's 429 is a plain ``TypeError``; TikTokApi's
        missing user a bare ``KeyError: 'user'``): look at the context.
    :return: a new ErrorDetail (build it with :func:`new_detail`, which fills the title
        and ``retryable`` from the kind table) or ``None``. The first non-``None`` answer
        stops the hook. ``classifier`` and ``exception_type`` are filled in if left empty.

    Time budget: ``TOKGATE_PLUGIN_TIMEOUT`` (third-party plugins). Must not mutate its
    arguments.
    """


@hookspec
def tokgate_enrich_error(detail: ErrorDetail, error: BaseException, context: ErrorContext) -> None:
    """Add to the classified ``detail`` in place: suggestions, metadata, causes.

    Called for every plugin (built-ins last), after classification, before redaction. A
    third-party plugin works on a copy that tokgate adopts only when the call finished
    within the time budget without raising. The return value is ignored.

    Example::

        @hookimpl
        def tokgate_enrich_error(detail, context):
            if detail.kind == ErrorKind.ERROR_KIND_USER_OFFLINE:
                detail.suggestions.append("Subscribe with wait_until_live")
    """


@hookspec
def tokgate_error_handled(detail: ErrorDetail, context: ErrorContext) -> None:
    """React to a failure after its ErrorDetail is final (redacted, counted).

    Called from a bounded queue off the request's path: when the queue is full the
    notification is dropped (and counted), never the request delayed. ``detail`` is a copy;
    changing it changes nothing. Same time budget and strike rules as the other hooks.
    """
