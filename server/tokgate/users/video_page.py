"""The data embedded in TikTok's pages: a video page's (what ``Video.info`` parses) and a
profile page's."""

from __future__ import annotations

import json
from typing import Any

_REHYDRATION = '<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">'
_SIGI = '<script id="SIGI_STATE" type="application/json">'


def _script_json(html: str, opening: str) -> dict[str, Any] | None:
    start = html.find(opening)
    if start == -1:
        return None
    start += len(opening)
    end = html.find("</script>", start)
    if end == -1:
        return None
    try:
        data = json.loads(html[start:end])
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def video_detail_of(html: str, video_id: str) -> dict[str, Any] | None:
    """The page's ``webapp.video-detail`` scope (``statusCode``, ``itemInfo.itemStruct``),
    from the current rehydration script or the older SIGI_STATE; None when neither is there."""
    data = _script_json(html, _REHYDRATION)
    if data is not None:
        scope = data.get("__DEFAULT_SCOPE__")
        detail = scope.get("webapp.video-detail") if isinstance(scope, dict) else None
        return detail if isinstance(detail, dict) else None
    data = _script_json(html, _SIGI)
    if data is None:
        return None
    modules = data.get("ItemModule")
    item = modules.get(video_id) if isinstance(modules, dict) else None
    if not isinstance(item, dict):
        return {"statusCode": None, "statusMsg": "video not in SIGI_STATE"}
    return {"statusCode": 0, "itemInfo": {"itemStruct": item}}


def user_detail_of(html: str) -> dict[str, Any] | None:
    """A profile page's ``webapp.user-detail`` scope (``statusCode``, ``userInfo`` with
    ``user`` and ``stats``, as ``/api/user/detail/`` answers); None when it is not there."""
    data = _script_json(html, _REHYDRATION)
    scope = data.get("__DEFAULT_SCOPE__") if data is not None else None
    detail = scope.get("webapp.user-detail") if isinstance(scope, dict) else None
    return detail if isinstance(detail, dict) else None
