"""What a session's own answers say about its ms token.

TikTok answers a refused ms token with a bare ``statusCode: -1``, which one answer cannot tell
from its other -1s. The error patterns judge the whole service's recent failures, so a burst of
unrelated failures (other users, other sessions, rate limits) can hide a token that stopped
working and make it read as bot detection. This is the evidence about the request itself: the
bare -1 answers in a row on one session's token. Several users refused in a row on the same
token, with nothing in between that the token got through, say that the token is refused,
whatever else happened in the service; the pipeline's classifier is then told so
(``ms_token: refused``), and that outranks any pattern.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from tokgate.errors.tiktok_body import status_code
from tokgate.users.binding import FetchResult

#: Bare -1 answers in a row on one token, for at least REFUSED_USERS different users.
REFUSED_AFTER = 3
REFUSED_USERS = 2


def bare_minus_one(fetch: FetchResult | None) -> bool:
    """Whether an answer is ``statusCode: -1`` with no user-not-found sign (``userInfo: {}``,
    which shows the token got through)."""
    if fetch is None:
        return False
    try:
        data = json.loads(fetch.body)
    except ValueError:
        return False
    if not isinstance(data, dict) or status_code(data) != -1:
        return False
    return not ("userInfo" in data and not data["userInfo"])


@dataclass
class TokenEvidence:
    """The users of the bare -1 answers in a row on one session's ms token."""

    # The slot's session generation these answers came from: a new session, a new token.
    generation: int = -1
    users: list[str] = field(default_factory=list)

    def failed(self, generation: int, fetch: FetchResult | None, unique_id: str | None) -> bool:
        """Note a failed call's last answer; whether the token is now known refused."""
        if generation != self.generation:
            self.generation, self.users = generation, []
        if not bare_minus_one(fetch):
            self.users.clear()  # TikTok answered something else: the token got through
            return False
        self.users.append((unique_id or "").removeprefix("@"))
        return len(self.users) >= REFUSED_AFTER and len(set(self.users)) >= REFUSED_USERS

    def worked(self) -> None:
        """A call on this token succeeded."""
        self.users.clear()
