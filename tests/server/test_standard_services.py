"""Health and reflection: a probe or grpcurl works against tokgate unaided."""

from __future__ import annotations

from google.protobuf import descriptor_pool
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import (
    ProtoReflectionDescriptorDatabase,
)
from tokgate.testing import ServerHandle

TOKGATE_SERVICES = {
    "tokgate.v1.LiveService": {"StreamEvents", "GetLiveStatus", "GetRoomInfo", "ListGifts"},
    "tokgate.v1.UserService": {
        "GetUser",
        "ListUserVideos",
        "GetVideo",
        "ListVideoComments",
        "SearchUsers",
        "ListTrendingVideos",
        "GetHashtag",
        "ListHashtagVideos",
        "ListUserLikedVideos",
        "ListUserPlaylists",
        "ListPlaylistVideos",
        "ListRelatedVideos",
        "ListCommentReplies",
        "GetSound",
        "ListSoundVideos",
    },
    "tokgate.v1.AdminService": {
        "GetSessionStats",
        "GetErrorStats",
        "ListRooms",
        "ListPlugins",
        "ListCallers",
    },
}


def test_health_reports_serving_for_the_server_and_each_service(
    bare_server: ServerHandle,
) -> None:
    stub = health_pb2_grpc.HealthStub(bare_server.channel())
    for service in ["", *TOKGATE_SERVICES]:
        answer = stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=5)
        assert answer.status == health_pb2.HealthCheckResponse.SERVING, service


def test_reflection_lists_and_describes_every_tokgate_service(bare_server: ServerHandle) -> None:
    database = ProtoReflectionDescriptorDatabase(bare_server.channel())
    listed = set(database.get_services())
    assert set(TOKGATE_SERVICES) <= listed
    assert "grpc.health.v1.Health" in listed
    pool = descriptor_pool.DescriptorPool(database)
    for name, methods in TOKGATE_SERVICES.items():
        service = pool.FindServiceByName(name)
        assert set(service.methods_by_name) == methods
    detail = pool.FindMessageTypeByName("tokgate.v1.ErrorDetail")
    assert "possible_causes" in detail.fields_by_name
