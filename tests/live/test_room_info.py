"""GetRoomInfo, ListGifts and connecting by room id, against the simulator through a real
tokgate serve (module-scoped, see conftest.py), with the real TikTokLive inside."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable
from typing import Any

import grpc
import pytest
import TikTokLive.proto as tl
from tokgate.bounds import Bounds
from tokgate.config import Settings
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.live.connection import Connection
from tokgate.live.fanout import FanOut
from tokgate.live.gifts import Catalogue, fill_gift
from tokgate.live.hub import RoomHub
from tokgate.live.log import MemoryLog, Replay
from tokgate.live.room_info import room_info_from_tiktok
from tokgate.live.sign_budget import SignBudget
from tokgate.live.subscriber import Subscriber
from tokgate.testing import ServerHandle, SimulatorHandle
from tokgate.v1 import admin_pb2, admin_pb2_grpc, errors_pb2, live_pb2, live_pb2_grpc
from tokgate_client.errors import TokgateError, from_rpc_error

Kind = errors_pb2.ErrorKind


@pytest.fixture(scope="module")
async def channel(server: ServerHandle) -> AsyncIterator[grpc.aio.Channel]:
    channel = server.aio_channel()
    yield channel
    await channel.close()


@pytest.fixture(scope="module")
def live(channel: grpc.aio.Channel) -> live_pb2_grpc.LiveServiceAsyncStub:
    return live_pb2_grpc.LiveServiceStub(channel)


@pytest.fixture(scope="module")
def admin(channel: grpc.aio.Channel) -> admin_pb2_grpc.AdminServiceAsyncStub:
    return admin_pb2_grpc.AdminServiceStub(channel)


async def failure(call: Awaitable[Any]) -> TokgateError:
    """The typed error a call must end with."""
    try:
        await call
    except grpc.aio.AioRpcError as err:
        return from_rpc_error(err)
    raise AssertionError("the call succeeded")


def requests_to(simulator: SimulatorHandle, route: str) -> int:
    counted: dict[str, int] = simulator.control("GET", "counters")["http_requests"]
    return counted.get(f"GET {route}", 0)


async def first_comment(
    call: grpc.aio.UnaryStreamCall[live_pb2.StreamEventsRequest, live_pb2.StreamEventsResponse],
) -> live_pb2.LiveEvent:
    async with asyncio.timeout(15):
        while True:
            response = await call.read()
            assert isinstance(response, live_pb2.StreamEventsResponse), "the stream ended"
            if response.event.WhichOneof("event") == "comment":
                return response.event


async def room_id_of(live: live_pb2_grpc.LiveServiceAsyncStub, unique_id: str) -> str:
    answer = await live.GetLiveStatus(live_pb2.GetLiveStatusRequest(unique_id=unique_id))
    assert answer.room_id
    return answer.room_id


async def test_room_info_of_a_live_streamer_by_username(
    live: live_pb2_grpc.LiveServiceAsyncStub,
) -> None:
    info = await live.GetRoomInfo(live_pb2.GetRoomInfoRequest(unique_id="@Sim_Live"))
    assert info.is_live and info.room_id.isdigit()
    assert info.owner.unique_id == "sim_live" and info.owner.nickname and info.owner.user_id
    assert info.title and info.viewer_count > 0 and info.like_count > 0
    assert info.started_at.seconds > 0
    assert info.cover_url.startswith("https://") and info.owner.avatar_url.startswith("https://")
    assert info.owner.follower_count > 0
    formats = {(url.format, url.quality) for url in info.stream_urls if url.url}
    for stream_format in (live_pb2.STREAM_FORMAT_FLV, live_pb2.STREAM_FORMAT_HLS):
        assert {(stream_format, quality) for quality in ("FULL_HD1", "SD1")} <= formats
    assert info.language and info.region and not info.age_restricted


async def test_room_info_by_room_id_names_the_same_broadcast(
    live: live_pb2_grpc.LiveServiceAsyncStub,
) -> None:
    room_id = await room_id_of(live, "sim_live")
    info = await live.GetRoomInfo(live_pb2.GetRoomInfoRequest(room_id=room_id))
    assert info.room_id == room_id and info.owner.unique_id == "sim_live" and info.is_live


async def test_room_info_of_an_offline_streamer(live: live_pb2_grpc.LiveServiceAsyncStub) -> None:
    info = await live.GetRoomInfo(live_pb2.GetRoomInfoRequest(unique_id="sim_offline"))
    assert not info.is_live
    assert info.owner.unique_id == "sim_offline"


async def test_an_unknown_room_id_is_not_found_with_a_detail(
    live: live_pb2_grpc.LiveServiceAsyncStub,
) -> None:
    request = live_pb2.GetRoomInfoRequest(room_id="12345")
    error = await failure(live.GetRoomInfo(request))
    assert error.code == grpc.StatusCode.NOT_FOUND and error.has_detail
    assert error.detail.metadata["room_id"] == "12345"
    streamed = live.StreamEvents(live_pb2.StreamEventsRequest(room_id="12345"))
    error = await failure(streamed.read())
    assert error.code == grpc.StatusCode.NOT_FOUND and error.has_detail


async def test_an_age_restricted_broadcast_is_permission_denied(
    live: live_pb2_grpc.LiveServiceAsyncStub,
) -> None:
    request = live_pb2.GetRoomInfoRequest(unique_id="sim_age_restricted")
    error = await failure(live.GetRoomInfo(request))
    assert error.code == grpc.StatusCode.PERMISSION_DENIED
    assert error.detail.kind == Kind.ERROR_KIND_AGE_RESTRICTED


@pytest.mark.parametrize(
    ("unique_id", "room_id", "field"),
    [
        ("", "", "unique_id"),
        ("sim_live", "7594613134962785937", "unique_id"),
        ("", "12ab", "room_id"),
        ("", "1" * 21, "room_id"),
        ("not a name!", "", "unique_id"),
    ],
)
async def test_a_bad_target_is_invalid_argument_naming_the_field(
    live: live_pb2_grpc.LiveServiceAsyncStub,
    simulator: SimulatorHandle,
    unique_id: str,
    room_id: str,
    field: str,
) -> None:
    before = simulator.control("GET", "counters")["http_requests"]
    calls: list[Awaitable[Any]] = [
        live.GetRoomInfo(live_pb2.GetRoomInfoRequest(unique_id=unique_id, room_id=room_id)),
        live.ListGifts(live_pb2.ListGiftsRequest(unique_id=unique_id, room_id=room_id)),
        live.StreamEvents(
            live_pb2.StreamEventsRequest(unique_id=unique_id, room_id=room_id)
        ).read(),
    ]
    for call in calls:
        error = await failure(call)
        assert error.code == grpc.StatusCode.INVALID_ARGUMENT
        assert error.detail.kind == Kind.ERROR_KIND_INVALID_ARGUMENT
        assert error.detail.metadata["field"] == field
    assert simulator.control("GET", "counters")["http_requests"] == before


async def test_list_gifts_by_username_and_by_room_id(
    live: live_pb2_grpc.LiveServiceAsyncStub,
) -> None:
    by_user = await live.ListGifts(live_pb2.ListGiftsRequest(unique_id="sim_live"))
    rose = {gift.id: gift for gift in by_user.gifts}[5655]
    assert rose.name == "Rose" and rose.diamond_count == 1 and rose.streakable
    assert rose.image_url.startswith("https://")
    assert any(not gift.streakable for gift in by_user.gifts)
    room_id = await room_id_of(live, "sim_live")
    by_room = await live.ListGifts(live_pb2.ListGiftsRequest(room_id=room_id))
    assert by_room == by_user


async def test_concurrent_room_info_calls_share_one_upstream_request(
    live: live_pb2_grpc.LiveServiceAsyncStub, simulator: SimulatorHandle
) -> None:
    route = "/webcast/room/info_by_user/"
    before = requests_to(simulator, route)
    request = live_pb2.GetRoomInfoRequest(unique_id="coalesced_user")
    answers = await asyncio.gather(*(live.GetRoomInfo(request) for _ in range(20)))
    assert {answer.owner.unique_id for answer in answers} == {"coalesced_user"}
    assert requests_to(simulator, route) == before + 1
    await live.GetRoomInfo(request)  # held: no request
    assert requests_to(simulator, route) == before + 1


async def test_stream_by_room_id_is_the_streamers_stream(
    live: live_pb2_grpc.LiveServiceAsyncStub,
    admin: admin_pb2_grpc.AdminServiceAsyncStub,
    simulator: SimulatorHandle,
) -> None:
    simulator.control("POST", "rooms/by_room_id", json={"live": True})
    room_id = await room_id_of(live, "by_room_id")
    lookups = requests_to(simulator, "/api-live/user/room/") + requests_to(
        simulator, "/@by_room_id/live"
    )
    gift_lists = requests_to(simulator, "/webcast/gift/list/")
    by_room = live.StreamEvents(live_pb2.StreamEventsRequest(room_id=room_id))
    by_name = live.StreamEvents(live_pb2.StreamEventsRequest(unique_id="@BY_ROOM_ID"))
    try:
        for call in (by_room, by_name):
            comment = await first_comment(call)
            assert comment.unique_id == "by_room_id" and comment.room_id == room_id
        listed = await admin.ListRooms(admin_pb2.ListRoomsRequest())
        opened = [room for room in listed.rooms if room.unique_id.lower() == "by_room_id"]
        assert len(opened) == 1 and opened[0].subscriber_count == 2
        # The first connection used the room id: no username-to-room-id lookup.
        after = requests_to(simulator, "/api-live/user/room/") + requests_to(
            simulator, "/@by_room_id/live"
        )
        assert after == lookups
        # The open room answers room info from its own fetch, and shares its gift catalogue.
        infos = requests_to(simulator, "/webcast/room/info_by_user/")
        info = await live.GetRoomInfo(live_pb2.GetRoomInfoRequest(unique_id="by_room_id"))
        assert info.room_id == room_id and info.is_live
        assert requests_to(simulator, "/webcast/room/info_by_user/") == infos
        gifts = await live.ListGifts(live_pb2.ListGiftsRequest(unique_id="by_room_id"))
        assert gifts.gifts
        assert requests_to(simulator, "/webcast/gift/list/") - gift_lists == 1
    finally:
        by_room.cancel()
        by_name.cancel()


def test_a_gift_event_is_completed_from_the_catalogue() -> None:
    catalogue = Catalogue(
        "1",
        live_pb2.ListGiftsResponse(
            gifts=[live_pb2.Gift(id=5655, name="Rose", diamond_count=1, image_url="https://r")]
        ),
    )
    sparse = live_pb2.GiftEvent(gift_id=5655)
    fill_gift(sparse, catalogue)
    assert (sparse.gift_name, sparse.diamond_count, sparse.image_url) == ("Rose", 1, "https://r")
    sent = live_pb2.GiftEvent(gift_id=5655, gift_name="Rose (sent)", diamond_count=2)
    fill_gift(sent, catalogue)
    assert (sent.gift_name, sent.diamond_count) == ("Rose (sent)", 2)
    unknown = live_pb2.GiftEvent(gift_id=1)
    fill_gift(unknown, catalogue)
    fill_gift(unknown, None)
    assert unknown == live_pb2.GiftEvent(gift_id=1)


async def test_a_rooms_gift_events_are_completed_from_its_catalogue() -> None:
    # A real Room (not started: no upstream) holding its broadcast's catalogue is handed a gift
    # message without name, diamonds or image, as TikTokLive hands it each fetch result.
    settings = Settings()
    pipeline = ErrorPipeline.from_settings(settings)
    hub = RoomHub(settings, pipeline)
    fanout = FanOut("sim_live")
    log = MemoryLog("sim_live", Bounds.from_settings(settings, "room_history"), fanout.deliver)
    room = Connection(
        log,
        fanout,
        settings,
        pipeline=pipeline,
        budget=SignBudget(settings.sign_budget_per_minute, settings.sign_budget_window).for_room(
            frozenset
        ),
        trust=hub.trust,
        proxy=None,
        on_finished=lambda _: None,
        gifts=hub.gifts,
    )
    room.catalogue = Catalogue(
        "1",
        live_pb2.ListGiftsResponse(
            gifts=[live_pb2.Gift(id=5655, name="Rose", diamond_count=1, image_url="https://r")]
        ),
    )
    subscriber = Subscriber(
        "sim_live",
        frozenset(),
        False,
        Bounds.from_settings(settings, "subscriber_queue"),
        settings.overflow_policy,
    )
    fanout.attach(subscriber)
    subscriber.start(Replay(epoch=log.epoch))
    sparse = tl.WebcastGiftMessage(
        gift_id=5655, repeat_count=1, user=tl.User(id=42, display_id="mila_rose", nickname="Mila")
    )
    await room.on_response(
        tl.ProtoMessageFetchResult(
            messages=[tl.BaseProtoMessage(method="WebcastGiftMessage", payload=bytes(sparse))]
        )
    )
    delivery = await subscriber.next()
    assert delivery is not None
    gift = delivery.message.event.gift
    assert (gift.gift_id, gift.gift_name, gift.diamond_count, gift.image_url) == (
        5655,
        "Rose",
        1,
        "https://r",
    )
    assert gift.user.unique_id == "mila_rose"


def test_tiktok_room_info_is_read_into_the_contract() -> None:
    data = {
        "id": 7594613134962785937,
        "id_str": "7594613134962785937",
        "status": 2,
        "title": "hello",
        "user_count": "150",
        "stats": {"like_count": 12_000},
        "start_time": 1_700_000_000,
        "cover": {"url_list": ["https://cover"]},
        "owner": {
            "id_str": "42",
            "display_id": "someone",
            "nickname": "Some One",
            "avatar_thumb": {"url_list": ["https://avatar"]},
            "follow_info": {"follower_count": 7},
        },
        "stream_url": {
            "flv_pull_url": {"FULL_HD1": "https://a.flv", "SD1": ""},
            "hls_pull_url": "https://a.m3u8",
        },
        "age_restricted": {"restricted": True},
        "lang": "en",
        "region": "US",
    }
    info = room_info_from_tiktok(data)
    assert (info.room_id, info.is_live, info.title) == ("7594613134962785937", True, "hello")
    assert (info.viewer_count, info.like_count, info.started_at.seconds) == (150, 12_000, 1.7e9)
    assert info.owner == live_pb2.LiveUser(
        user_id="42",
        unique_id="someone",
        nickname="Some One",
        avatar_url="https://avatar",
        follower_count=7,
    )
    assert [(url.format, url.quality, url.url) for url in info.stream_urls] == [
        (live_pb2.STREAM_FORMAT_FLV, "FULL_HD1", "https://a.flv"),
        (live_pb2.STREAM_FORMAT_HLS, "origin", "https://a.m3u8"),
    ]
    assert info.cover_url == "https://cover" and info.age_restricted
    assert (info.language, info.region) == ("en", "US")
    assert room_info_from_tiktok({"owner": "not an object"}) == live_pb2.GetRoomInfoResponse(
        owner=live_pb2.LiveUser()
    )
