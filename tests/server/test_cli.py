"""The ``tokgate`` command as a person at a terminal uses it, run as real processes: Ctrl-C
(SIGINT to the process group) and a closed pipe end quietly with the shell's codes, bad flags
are one line and exit 2, help shows defaults and no reStructuredText, ``serve`` logs text on a
terminal (a pty) and JSON otherwise, ``watch`` and ``user`` honour ``TOKGATE_ADDR``, and
``plugins --json`` uses snake_case keys."""

from __future__ import annotations

import argparse
import json
import os
import pty
import re
import select
import signal
import subprocess
import time
from collections.abc import Iterator

import pytest
from tokgate.cli import EXIT_INTERRUPTED, EXIT_PIPE_CLOSED, EXIT_USAGE, build_parser
from tokgate.testing import ServerHandle, child_env, free_port, tokgate_argv

TIMEOUT = 60


@pytest.fixture(scope="module")
def server_args() -> list[str]:
    return ["--sessions", "0"]


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        tokgate_argv(*args),
        env=child_env(env),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def _quiet(stderr: str) -> None:
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr


def test_ctrl_c_ends_watch_quietly_with_130(server: ServerHandle) -> None:
    process = subprocess.Popen(
        tokgate_argv("watch", "@sim_live", "--address", server.address),
        env=child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline(), "watch printed no event"
        os.killpg(process.pid, signal.SIGINT)  # what the terminal does on Ctrl-C
        _, stderr = process.communicate(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == EXIT_INTERRUPTED
    _quiet(stderr)


def test_watch_into_head_ends_quietly_with_141(server: ServerHandle) -> None:
    pipeline = f"set -o pipefail; {' '.join(tokgate_argv('watch', '@sim_live'))} | head -n 2"
    result = subprocess.run(
        ["bash", "-c", pipeline],
        env=child_env({"TOKGATE_ADDR": server.address}),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert len(result.stdout.splitlines()) == 2
    assert result.returncode == EXIT_PIPE_CLOSED
    _quiet(result.stderr)


def test_list_scenarios_into_a_closed_pipe_ends_quietly_with_141() -> None:
    reader, writer = os.pipe()
    os.close(reader)  # the reader is gone before the first line is written
    try:
        result = subprocess.run(
            tokgate_argv("sim", "--list-scenarios"),
            env=child_env(),
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    finally:
        os.close(writer)
    assert result.returncode == EXIT_PIPE_CLOSED
    _quiet(result.stderr)


@pytest.mark.parametrize(
    "args",
    [
        ("watch", "@x", "--types", "comment,bogus"),
        ("watch", "@x", "--duration", "soon"),
        ("serve", "--no-such-flag"),
        ("no-such-command",),
    ],
    ids=["watch-types", "watch-duration", "serve-flag", "command"],
)
def test_a_bad_flag_is_one_line_and_exit_2(args: tuple[str, ...]) -> None:
    result = _run(*args)
    assert result.returncode == EXIT_USAGE
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    _quiet(result.stderr)


def test_a_wrong_event_type_lists_the_valid_ones() -> None:
    stderr = _run("watch", "@x", "--types", "comment,bogus").stderr
    assert "bogus" in stderr
    valid = stderr.partition("valid: ")[2]
    assert {"comment", "gift", "like", "live_ended"} <= set(re.findall(r"[a-z_]+", valid))


def _commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every command and subcommand (``config show`` included), by argv prefix."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, subparser in action.choices.items():
                yield (*path, name), subparser
                yield from _commands(subparser, (*path, name))


def test_no_help_shows_restructuredtext_literals() -> None:
    """Every command's help as ``--help`` prints it (argparse's format_help, in this process:
    one process per command cost 1.5 s each); the entry point's own ``--help`` once."""
    parser = build_parser()
    commands = dict([((), parser), *_commands(parser)])
    assert ("watch",) in commands and ("config", "show") in commands
    for path, command in commands.items():
        text = command.format_help()
        assert "``" not in text, f"tokgate {' '.join(path)} --help:\n{text}"
    result = _run("--help")
    assert result.returncode == 0, result.stderr
    assert "``" not in result.stdout and "serve" in result.stdout


def test_serve_help_shows_every_default() -> None:
    text = " ".join(_run("serve", "--help").stdout.split())
    assert "[env TOKGATE_LISTEN; default 127.0.0.1:50051]" in text
    assert "[env TOKGATE_LOG_FORMAT; default auto]" in text
    assert "[env TOKGATE_INSECURE; default false]" in text
    assert text.count("; default ") == text.count("[env TOKGATE_") - 1  # all but --config


def test_watch_and_user_take_the_address_from_tokgate_addr(server: ServerHandle) -> None:
    nobody = f"127.0.0.1:{free_port()}"
    watched = _run("watch", "@sim_live", "--duration", "2", TOKGATE_ADDR=server.address)
    assert watched.returncode == 0 and watched.stdout, watched.stderr
    # The flag outranks the variable.
    flagged = _run(
        "watch", "@sim_live", "--duration", "2", "--address", server.address, TOKGATE_ADDR=nobody
    )
    assert flagged.returncode == 0 and flagged.stdout, flagged.stderr
    # user reaches the server (its typed refusal: no sessions), not the default address.
    user = _run("user", "@someone", TOKGATE_ADDR=server.address)
    assert user.returncode == 1 and "[SESSION]" in user.stdout, user.stdout
    unreachable = _run("user", "@someone", TOKGATE_ADDR=nobody)
    assert "UNAVAILABLE" in unreachable.stdout and nobody in unreachable.stdout


def test_plugins_json_keys_are_snake_case() -> None:
    rows = json.loads(_run("plugins", "--json", TOKGATE_DISABLE_PLUGINS="tokgate.catch_all").stdout)
    keys = {key for row in rows for key in row}
    assert "disabled_reason" in keys and "disabledReason" not in keys
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", key) for key in keys), keys


def test_serve_logs_json_lines_when_stderr_is_not_a_terminal(server: ServerHandle) -> None:
    assert _run("user", "@someone", TOKGATE_ADDR=server.address).returncode == 1
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        lines = [
            json.loads(line) for line in server.process.logs().splitlines() if line.startswith("{")
        ]
        failed = [line for line in lines if line["message"].startswith("GetUser failed")]
        if failed:
            assert failed[-1]["error_kind"] == "session"
            return
        time.sleep(0.2)
    pytest.fail(f"no JSON 'GetUser failed' line:\n{server.process.logs()}")


class _Terminal:
    """A pty whose output is read as text as it arrives."""

    def __init__(self) -> None:
        self.master, self.slave = pty.openpty()
        self.seen = ""

    def read_until(self, wanted: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        while wanted not in self.seen and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.5)
            if ready:
                try:
                    self.seen += os.read(self.master, 65536).decode(errors="replace")
                except OSError:  # the process closed the terminal
                    break
        assert wanted in self.seen, self.seen
        return self.seen

    def close(self) -> None:
        os.close(self.master)
        os.close(self.slave)


def test_serve_logs_text_on_a_terminal_failures_with_error_kind() -> None:
    terminal = _Terminal()
    address = f"127.0.0.1:{free_port()}"
    process = subprocess.Popen(
        tokgate_argv("serve", "--sessions", "0", "--listen", address, "--metrics-listen", ""),
        env=child_env(),
        stdin=terminal.slave,
        stdout=terminal.slave,
        stderr=terminal.slave,
        start_new_session=True,
    )
    try:
        started = terminal.read_until("tokgate serving")
        assert re.search(
            r"INFO tokgate\.app: tokgate serving .*listen=" + re.escape(address), started
        )
        assert _run("user", "@someone", TOKGATE_ADDR=address).returncode == 1
        logged = terminal.read_until("error_kind=session")
        failure = next(line for line in logged.splitlines() if "GetUser failed" in line)
        assert (
            not failure.startswith("{") and "ERROR" in failure and "error_kind=session" in failure
        )
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(TIMEOUT)
        terminal.close()
