"""What TikTokApi (7.3.3) really raises, as measured (docs/errors.md lists it too).

* ``EmptyResponseException`` -> BOT_DETECTION (on item lists also naming X-Gnarly);
  ``CaptchaException`` -> BOT_DETECTION; ``NotFoundException`` / ``SoundRemovedException``
  -> DATA; ``InvalidResponseException`` / ``InvalidJSONException`` -> TIKTOK_API.
* Its ``InvalidJSONException()`` is raised without the constructor's arguments, so what
  escapes is a ``TypeError`` about ``TikTokException.__init__``: recognised -> TIKTOK_API.
* ``User.info()`` turns ``{"statusCode": -1, "userInfo": {}}`` and 10221 into a bare
  ``KeyError: 'user'``: the body in the context decides (``tiktok_status`` rules).
* Dead browser sessions: plain ``Exception("No valid sessions available ...")``,
  ``"No sessions created ..."``, ``"Failed to create minimum required sessions ..."`` ->
  SESSION. Playwright's ``TimeoutError`` -> TIMEOUT; its ``Error`` by message.
* A missing or refused ms token (``context.ms_token``) -> AUTHENTICATION.
"""

from __future__ import annotations

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeoutError
from TikTokApi import exceptions as api
from tokgate.errors import texts
from tokgate.errors.hookspecs import ErrorContext, ErrorDetail, hookimpl, raw_error

from tokgate_plugins.evidence import body_facts
from tokgate_plugins.tiktok_status import classify_status, ms_token_detail

_SESSION_MESSAGES = (
    "No valid sessions available",
    "No sessions created",
    "Failed to create minimum required sessions",
)
# The TypeError TikTokApi's broken `raise InvalidJSONException()` produces.
_BROKEN_INVALID_JSON = "TikTokException.__init__() missing 2 required positional arguments"
_CLOSED_MARKERS = ("has been closed", "target closed", "browser has disconnected", "crashed")
# Operations that fetch item lists, which TikTok now guards with X-Gnarly.
_ITEM_LIST_MARKERS = ("videos", "item_list")


@hookimpl(trylast=True)
def tokgate_classify_error(error: BaseException, context: ErrorContext) -> ErrorDetail | None:
    if isinstance(error, api.TikTokException):
        return _library_exception(error, context)
    if isinstance(error, TypeError) and _BROKEN_INVALID_JSON in str(error):
        return texts.INVALID_JSON.detail(error)
    if isinstance(error, KeyError) and error.args == ("user",):
        return _missing_user(error, context)
    if type(error) is Exception and str(error).startswith(_SESSION_MESSAGES):
        return texts.SESSION.detail(error)
    if isinstance(error, PlaywrightTimeoutError):
        return texts.TIMEOUT.detail(error, message=f"The browser timed out in {context.operation}")
    if isinstance(error, PlaywrightError):
        return _playwright(error, context)
    return None


def _library_exception(error: api.TikTokException, context: ErrorContext) -> ErrorDetail:
    if isinstance(error, api.EmptyResponseException):
        if context.ms_token is not None:
            return ms_token_detail(error, context.ms_token)
        item_list = any(marker in context.operation.lower() for marker in _ITEM_LIST_MARKERS)
        extra = (texts.X_GNARLY_CAUSE,) if item_list else ()
        return texts.BOT_DETECTION.detail(error, extra_causes=extra)
    if isinstance(error, api.CaptchaException):
        return texts.BOT_DETECTION.detail(error)
    if isinstance(error, api.NotFoundException | api.SoundRemovedException):
        return texts.DATA.detail(error)
    if isinstance(error, api.InvalidJSONException):
        return texts.INVALID_JSON.detail(error)
    facts = body_facts(context.body)
    return texts.INVALID_RESPONSE.detail(
        error, raw=raw_error(error, facts.summary()), status_code=facts.status_code
    )


def _missing_user(error: KeyError, context: ErrorContext) -> ErrorDetail:
    facts = body_facts(context.body)
    if facts.status_code is not None or facts.user_info_empty:
        return classify_status(error, facts, context, context.http_status)
    if context.ms_token is not None:
        return ms_token_detail(error, context.ms_token)
    return texts.INVALID_RESPONSE.detail(
        error, message="TikTok's answer held no user data (and no statusCode)"
    )


def _playwright(error: PlaywrightError, context: ErrorContext) -> ErrorDetail:
    text = str(error).lower()
    if "net::err_" in text:
        return texts.NETWORK.detail(
            error, message=f"The browser could not reach TikTok in {context.operation}"
        )
    if "timeout" in text:
        return texts.TIMEOUT.detail(error, message=f"The browser timed out in {context.operation}")
    message = (
        "The browser session died"
        if any(m in text for m in _CLOSED_MARKERS)
        else "The browser session failed"
    )
    return texts.SESSION.detail(error, message=f"{message} in {context.operation}")
