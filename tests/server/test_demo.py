"""``make demo``'s command, as a new user runs it: a LIVE's events shown, then a typed error."""

from __future__ import annotations

import re
import subprocess

from tokgate.testing import child_env, tokgate_argv

# An event line of ``tokgate watch`` about a viewer: its sequence number, the viewer, what
# happened ("    44 Kenji 88 (@kenji_88) joined").
EVENT_LINE = re.compile(r"^ +\d+ .+ \(@\w+\)", re.MULTILINE)


def test_the_demo_shows_events_then_a_typed_error() -> None:
    done = subprocess.run(
        tokgate_argv("demo", "--seconds", "2"),
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    shown = done.stdout
    assert done.returncode == 0, shown + done.stderr
    assert "@sim_live: live True, room " in shown
    watched = shown.split("tokgate watch @sim_live", 1)[1].split("tokgate watch @sim_offline")[0]
    assert len(EVENT_LINE.findall(watched)) >= 5, watched
    assert "User Offline [USER_OFFLINE]: @sim_offline" in shown
    assert "Suggestions:" in shown
    assert shown.rstrip().endswith("done"), shown[-300:]
