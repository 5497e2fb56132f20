"""Settings: precedence, the TOML file, errors that name the setting, and ``config show``."""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
from pathlib import Path

import pytest
from pydantic import SecretStr
from tokgate.cli import main
from tokgate.config import Settings
from tokgate.config_sources import SettingsError, add_flags, resolve
from tokgate.testing import child_env, tokgate_argv

SECRET = "tok-very-secret-1234"


def flags(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_flags(parser)
    return parser.parse_args(argv)


def write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_flags_beat_the_environment_which_beats_the_file_which_beats_defaults(
    tmp_path: Path,
) -> None:
    config = write(
        tmp_path / "tokgate.toml",
        'listen = "127.0.0.1:7001"\ngrace_period = 3\nroom_linger = 4\nsessions = 5\n',
    )
    environ = {"TOKGATE_CONFIG": str(config), "TOKGATE_GRACE_PERIOD": "6", "TOKGATE_SESSIONS": "7"}
    resolved = resolve(flags("--sessions", "8"), environ)
    settings = resolved.settings
    assert (settings.listen, settings.room_linger) == ("127.0.0.1:7001", 4.0)  # the file
    assert settings.grace_period == 6.0  # the environment over the file
    assert settings.sessions == 8  # the flag over both
    assert settings.metrics_listen == Settings().metrics_listen  # the default
    origins = {name: str(origin) for name, origin in resolved.origins.items()}
    assert origins["listen"] == f"config file {config} (listen)"
    assert origins["grace_period"] == "environment variable TOKGATE_GRACE_PERIOD"
    assert origins["sessions"] == "flag --sessions"
    assert origins["metrics_listen"] == "default"
    assert resolved.config_file == config


def test_lists_are_comma_separated_in_variables_and_flags_and_arrays_in_the_file(
    tmp_path: Path,
) -> None:
    config = write(tmp_path / "c.toml", 'plugins = ["a", "b"]\nms_tokens = ["t1", "t2"]\n')
    settings = resolve(flags("--config", str(config)), {"TOKGATE_DISABLE_PLUGINS": "x, y,"})
    assert settings.settings.plugins == ("a", "b")
    assert settings.settings.disable_plugins == ("x", "y")
    assert [t.get_secret_value() for t in settings.settings.ms_tokens] == ["t1", "t2"]


@pytest.mark.parametrize(
    ("environ", "named", "accepts"),
    [
        ({"TOKGATE_ROOM_LINGER": "soon"}, "room_linger = 'soon'", "a number, 0 or more"),
        ({"TOKGATE_ROOM_LINGER": "-1"}, "room_linger = '-1'", "a number, 0 or more"),
        ({"TOKGATE_INSECURE": "maybe"}, "insecure = 'maybe'", "true or false (also 1/0"),
        (
            {"TOKGATE_OVERFLOW_POLICY": "drop"},
            "overflow_policy = 'drop'",
            "one of drop_oldest, disconnect",
        ),
        ({"TOKGATE_LOG_LEVEL": "loud"}, "log_level = 'loud'", "one of DEBUG, INFO, WARNING"),
        (
            {"TOKGATE_SESSION_CONCURRENCY": "0"},
            "session_concurrency = '0'",
            "a whole number greater than 0",
        ),
    ],
)
def test_a_bad_value_names_the_setting_its_source_and_what_it_accepts(
    environ: dict[str, str], named: str, accepts: str
) -> None:
    with pytest.raises(SettingsError) as caught:
        resolve(None, environ)
    message = str(caught.value)
    assert named in message
    variable = next(iter(environ))
    assert f"environment variable {variable}" in message
    assert f"; accepts {accepts}" in message


def test_a_bad_secret_is_named_but_never_shown(tmp_path: Path) -> None:
    config = write(tmp_path / "c.toml", f"ms_tokens = {{ value = '{SECRET}' }}\n")
    with pytest.raises(SettingsError) as caught:
        resolve(flags("--config", str(config)), {})
    assert "ms_tokens = ***" in str(caught.value)
    assert SECRET not in str(caught.value)


def test_the_config_file_refuses_unknown_keys_with_a_suggestion(tmp_path: Path) -> None:
    config = write(tmp_path / "c.toml", "lisen = '127.0.0.1:1'\n")
    with pytest.raises(
        SettingsError, match=r"unknown setting\(s\) 'lisen' \(did you mean 'listen'"
    ):
        resolve(flags("--config", str(config)), {})


def test_the_config_file_must_exist_and_be_toml(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="no such file"):
        resolve(flags("--config", str(tmp_path / "missing.toml")), {})
    broken = write(tmp_path / "broken.toml", "listen = \n")
    with pytest.raises(SettingsError, match="not valid TOML"):
        resolve(flags("--config", str(broken)), {})


def test_a_renamed_setting_is_refused_with_its_new_name(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="use TOKGATE_SUBSCRIBER_QUEUE_MAX_ENTRIES"):
        resolve(None, {"TOKGATE_SUBSCRIBER_QUEUE_SIZE": "10"})
    config = write(tmp_path / "c.toml", "subscriber_queue_size = 10\n")
    with pytest.raises(SettingsError, match="subscriber_queue_size was renamed: use subscriber_q"):
        resolve(flags("--config", str(config)), {})


def test_secrets_are_typed_as_secrets_and_feed_redaction() -> None:
    settings = resolve(None, {"TOKGATE_SESSIONID": SECRET, "TOKGATE_PROXIES": "http://u:p@h:1"})
    assert isinstance(settings.settings.sessionid, SecretStr)
    assert SECRET not in repr(settings.settings)
    assert SECRET in settings.settings.secret_values()


def test_config_show_prints_each_setting_its_source_and_masks_secrets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write(tmp_path / "c.toml", f"ms_tokens = ['{SECRET}']\nroom_linger = 2.5\n")
    monkeypatch.setenv("TOKGATE_SESSIONID", SECRET)
    assert main(["config", "show", "--json", "--config", str(config), "--listen", "[::1]:1"]) == 0
    rows = {row["name"]: row for row in map(json.loads, capsys.readouterr().out.splitlines())}
    assert set(rows) == set(Settings.model_fields)
    assert rows["listen"] == {
        "name": "listen",
        "value": "[::1]:1",
        "source": "flag --listen",
        "reloadable": False,
    }
    assert rows["room_linger"]["source"] == f"config file {config} (room_linger)"
    assert rows["room_linger"]["reloadable"] is True
    assert rows["ms_tokens"]["value"] == "(set)"
    assert rows["sessionid"]["source"] == "environment variable TOKGATE_SESSIONID"
    assert rows["sign_api_key"]["value"] == "(none)"
    assert SECRET not in json.dumps(rows)


def test_config_show_exits_2_on_invalid_settings(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOKGATE_GRACE_PERIOD", "long")
    assert main(["config", "show"]) == 2
    assert "grace_period = 'long'" in capsys.readouterr().err


def test_serve_with_a_bad_config_file_exits_2_before_binding_any_port(tmp_path: Path) -> None:
    config = write(tmp_path / "bad.toml", 'overflow_policy = "sometimes"\n')
    with socket.socket() as taken:
        # The gRPC port is taken: had serve bound ports before checking its settings, it
        # would fail with "cannot listen" instead of naming the bad setting.
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        argv = tokgate_argv("serve", "--config", str(config), "--listen", f"127.0.0.1:{port}")
        done = subprocess.run(
            argv, env=child_env(), capture_output=True, text=True, timeout=60, check=False
        )
    assert done.returncode == 2, done.stderr
    assert f"overflow_policy = 'sometimes' (from config file {config}" in done.stderr
    assert "accepts one of drop_oldest, disconnect" in done.stderr
    assert "cannot listen" not in done.stderr
    assert "tokgate serving" not in done.stderr
