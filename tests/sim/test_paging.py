"""The simulator's offset paging, in process: the pages of a list cover it once, in order,
with TikTok's paging fields in the shape of each kind of list."""

from __future__ import annotations

from tokgate.sim.paging import PAGE_SIZE_LIMIT, OffsetPage


def test_pages_cover_a_list_once_and_say_when_there_is_more() -> None:
    seen: list[int] = []
    cursor = "0"
    while True:
        page = OffsetPage.of({"count": "20", "cursor": cursor}, 45)
        answer = page.item_list([{"index": index} for index in page.indexes])
        seen += [item["index"] for item in answer["itemList"]]
        cursor = answer["cursor"]
        if not answer["hasMore"]:
            break
    assert seen == list(range(45)) and cursor == "45"


def test_count_and_cursor_are_clamped_and_defaulted() -> None:
    assert OffsetPage.of({}, 100) == OffsetPage(0, 30, 100)
    assert OffsetPage.of({"count": "500", "cursor": "-3"}, 100) == OffsetPage(
        0, PAGE_SIZE_LIMIT, 100
    )
    assert OffsetPage.of({"count": "x", "cursor": "90"}, 100) == OffsetPage(90, 100, 100)
    beyond = OffsetPage.of({"cursor": "200"}, 100)
    assert list(beyond.indexes) == [] and beyond.item_list([])["hasMore"] is False


def test_a_comment_list_answers_numbers() -> None:
    page = OffsetPage.of({"count": "20"}, 23, size=20, limit=50)
    assert page.comment_list([]) == {"comments": [], "has_more": 1, "cursor": 20, "total": 23}
