"""Error statistics since start, for ``AdminService.GetErrorStats``, in bounded memory.

Counts by kind and by TikTok statusCode are small by nature (a few dozen keys). Usernames are
unbounded, so the most-failed users are tracked with the space-saving algorithm: at most
``capacity`` counters; a new user evicts the smallest and inherits its count, which keeps
every user whose true count exceeds total/capacity in the table (counts may overestimate by
at most the evicted minimum). GetErrorStats reports each user's guaranteed count
(``count - inherited``), exact for users never evicted.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass

from google.protobuf import timestamp_pb2

from tokgate.v1 import admin_pb2, errors_pb2

MAX_TOP_USERS = 100
DEFAULT_TOP_USERS = 10


@dataclass
class _UserCount:
    count: int
    inherited: int
    last_kind: errors_pb2.ErrorKind.ValueType

    @property
    def guaranteed(self) -> int:
        return self.count - self.inherited


class ErrorStats:
    """Counts of reported failures since ``since`` (a Unix timestamp)."""

    def __init__(self, since: float, capacity: int = 1000) -> None:
        self._since = since
        self._capacity = capacity
        self._lock = threading.Lock()
        self._total = 0
        self._by_kind: Counter[errors_pb2.ErrorKind.ValueType] = Counter()
        self._by_status: Counter[int | None] = Counter()
        self._users: dict[str, _UserCount] = {}

    def add(self, detail: errors_pb2.ErrorDetail, unique_id: str | None) -> None:
        """Count one reported failure."""
        status = detail.status_code if detail.HasField("status_code") else None
        with self._lock:
            self._total += 1
            self._by_kind[detail.kind] += 1
            self._by_status[status] += 1
            if unique_id:
                self._count_user(unique_id.removeprefix("@"), detail.kind)

    def _count_user(self, user: str, kind: errors_pb2.ErrorKind.ValueType) -> None:
        entry = self._users.get(user)
        if entry is not None:
            entry.count += 1
            entry.last_kind = kind
            return
        inherited = 0
        if len(self._users) >= self._capacity:
            smallest = min(self._users, key=lambda name: self._users[name].count)
            inherited = self._users.pop(smallest).count
        self._users[user] = _UserCount(inherited + 1, inherited, kind)

    def to_proto(self, top_users: int) -> admin_pb2.GetErrorStatsResponse:
        """The stats as GetErrorStats answers them; ``top_users`` <= 0 means the default."""
        wanted = min(top_users if top_users > 0 else DEFAULT_TOP_USERS, MAX_TOP_USERS)
        since = timestamp_pb2.Timestamp()
        since.FromNanoseconds(int(self._since * 1e9))
        with self._lock:
            response = admin_pb2.GetErrorStatsResponse(total=self._total, since=since)
            for kind, count in self._by_kind.most_common():
                response.by_kind.add(kind=kind, count=count)
            for status, count in self._by_status.most_common():
                entry = response.by_status_code.add(count=count)
                if status is not None:
                    entry.status_code = status
            top = sorted(self._users.items(), key=lambda item: (-item[1].guaranteed, item[0]))
            for user, counted in top[:wanted]:
                response.top_failed_users.add(
                    unique_id=user, count=counted.guaranteed, last_error_kind=counted.last_kind
                )
        return response
