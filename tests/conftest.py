"""Shared fixtures: one simulator and one server per test module, as real processes, and the
test tiers.

A module changes the server's flags or environment by overriding the ``server_args`` /
``server_env`` fixtures (module scope). Processes are stopped by their pid at module end.

Tiers (docs/testing.md): ``make test`` is the quick tier; ``make soak`` runs pytest with
``--soak``. A test takes the ``tier`` fixture to size its loops (``tier.repeats``,
``tier.seconds``) or to run a seeded fuzz (``tier.fuzz``); a test that only makes sense long
is marked ``soak`` and skipped in the quick tier. ``--seed`` fixes every fuzz's seed.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import grpc
import pytest
from hypothesis import HealthCheck, seed, settings
from tokgate.sim.certs import make_certificate
from tokgate.testing import (
    RedisHandle,
    ServerHandle,
    SimulatorHandle,
    run_redis,
    run_server,
    run_simulator,
)
from tokgate.v1 import errors_pb2
from tokgate_client import TokgateError, from_rpc_error

# The fuzz seed when --seed is not given: the quick tier is the same run every time.
DEFAULT_SEED = 20_251_201
# The per-test timeout in the soak tier (pyproject's 300 s is the quick tier's), for tests that
# set none of their own.
SOAK_TIMEOUT = 3600
# The longest modules, longest first (seconds on one of make test's two workers, measured
# alongside the other): a pytest-xdist worker runs them before the rest, so that the two
# workers finish together instead of one starting a long module near the end. Only the order
# of the modules changes; any module missing here runs after these, in collection order.
LONGEST_FIRST = (
    "tests/cluster/test_cluster.py",  # 270 s
    "tests/deploy/test_container_env.py",  # 170 s: a fresh venv's pip install
    "tests/bench/test_bench_quick.py",  # 160 s
    "tests/live/test_live.py",  # 110 s
    "tests/users/test_users_e2e.py",  # 70 s: Chromium
    "tests/server/test_cli.py",  # 60 s
    "tests/clients/test_node_client.py",  # 60 s
    "tests/server/test_tls.py",  # 55 s
    "tests/errors/test_example_plugin.py",  # 50 s
    "tests/users/test_users_more_e2e.py",  # 40 s: Chromium
    "tests/users/test_users_ms_token_rotation_one.py",  # 32 s: Chromium
    "tests/plugin_kit/test_check.py",  # 28 s: the corpus through plugins, two children
    "tests/plugin_kit/test_cookbook.py",  # 30 s: the cookbook's packages, their tests, checks
    "tests/plugin_kit/test_scaffold.py",  # 25 s: a scratch venv runs the scaffold's tests
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tokgate tiers")
    group.addoption(
        "--soak",
        action="store_true",
        help="the long tier: soak-marked tests run and tier-sized loops take their long counts",
    )
    group.addoption(
        "--seed",
        default=str(DEFAULT_SEED),
        help=f"seed of every seeded fuzz (default {DEFAULT_SEED}; 'random' picks one)",
    )


def pytest_configure(config: pytest.Config) -> None:
    seed = config.getoption("--seed")
    if seed == "random":
        seed = str(int.from_bytes(os.urandom(4), "big"))
    if not str(seed).isdigit():
        raise pytest.UsageError(f"--seed takes a non-negative integer or 'random', not {seed!r}")
    config.option.seed = int(seed)


def pytest_report_header(config: pytest.Config) -> str:
    tier = "soak (--soak)" if config.getoption("--soak") else "quick (make soak runs the long one)"
    return f"tokgate tier: {tier}; fuzz seed: {config.getoption('--seed')}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if hasattr(config, "workerinput"):  # a pytest-xdist worker: make test's parallel run
        items.sort(key=_start_rank)
    soak = config.getoption("--soak")
    skip = pytest.mark.skip(reason="soak tier only: make soak (pytest --soak)")
    for item in items:
        if soak and item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(SOAK_TIMEOUT))
        elif not soak and item.get_closest_marker("soak"):
            item.add_marker(skip)


def _start_rank(item: pytest.Item) -> int:
    """Where the item's module comes in LONGEST_FIRST (after all of them when it is not there);
    a stable sort by it keeps each module's tests together and in their order."""
    module = item.nodeid.partition("::")[0]
    return LONGEST_FIRST.index(module) if module in LONGEST_FIRST else len(LONGEST_FIRST)


@dataclass(frozen=True)
class Tier:
    """The tier this run is in, and the sizes a test picks from it."""

    soak: bool
    seed: int
    test_id: str

    def repeats(self, quick: int, soak: int) -> int:
        """An iteration count: ``quick`` in ``make test``, ``soak`` in ``make soak``."""
        return soak if self.soak else quick

    def seconds(self, quick: float, soak: float) -> float:
        """A duration, chosen like ``repeats``."""
        return soak if self.soak else quick

    def fuzz(self, case: Callable[[random.Random], None], *, quick: int, soak: int) -> int:
        """Run ``case`` ``repeats(quick, soak)`` times, each with its own ``random.Random``
        derived from the seed and the iteration (so a case replays alone, whatever ran before
        it). A failing case is re-raised with the seed and iteration that replay it. Returns
        the number of cases run."""
        count = self.repeats(quick, soak)
        for iteration in range(count):
            try:
                case(random.Random(f"{self.seed}:{iteration}"))
            except (Exception, pytest.fail.Exception) as exc:
                replay = f"pytest '{self.test_id}' --seed {self.seed}"
                if iteration >= quick:
                    replay += " --soak"
                raise AssertionError(
                    f"fuzz case {iteration} of {count} failed (seed {self.seed}; replay: {replay})"
                ) from exc
        return count

    def hypothesis(self, *, quick: int, soak: int) -> Callable[[_Test], _Test]:
        """Hypothesis's settings for a fuzz in this tier: ``repeats(quick, soak)`` examples, or
        ``TOKGATE_FUZZ_EXAMPLES`` when set; seeded by ``--seed``; no deadline (the machine is
        shared) and no example database (a run replays from its seed, not from a cache)."""
        examples = int(os.environ.get("TOKGATE_FUZZ_EXAMPLES") or self.repeats(quick, soak))
        configured = settings(
            max_examples=examples,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )

        def apply(test: _Test) -> _Test:
            return seed(self.seed)(configured(test))

        return apply


_Test = TypeVar("_Test", bound=Callable[..., None])


@pytest.fixture
def tier(request: pytest.FixtureRequest) -> Tier:
    config = request.config
    return Tier(
        soak=bool(config.getoption("--soak")),
        seed=int(config.getoption("--seed")),
        test_id=request.node.nodeid,
    )


@pytest.fixture(scope="module")
def simulator_args() -> list[str]:
    return []


@pytest.fixture(scope="module")
def simulator(
    simulator_args: list[str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SimulatorHandle]:
    with run_simulator(args=simulator_args, workdir=tmp_path_factory.mktemp("sim")) as sim:
        yield sim


@pytest.fixture(scope="module")
def server_args() -> list[str]:
    return []


@pytest.fixture(scope="module")
def server_env() -> dict[str, str]:
    return {}


@pytest.fixture(scope="module")
def server(
    simulator: SimulatorHandle,
    server_args: list[str],
    server_env: dict[str, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[ServerHandle]:
    with run_server(
        upstream=simulator,
        args=server_args,
        env=server_env,
        workdir=tmp_path_factory.mktemp("server"),
    ) as handle:
        yield handle


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisHandle]:
    """A redis-server of the module's own (no persistence), for cluster mode."""
    with run_redis(workdir=tmp_path_factory.mktemp("redis")) as handle:
        yield handle


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate and its key (PEM files) valid for localhost and 127.0.0.1:
    a TLS server's ``--tls-cert`` / ``--tls-key``, and the root its clients trust."""
    cert_pem, key_pem = make_certificate()
    directory = tmp_path_factory.mktemp("tls")
    cert, key = directory / "server.pem", directory / "server.key"
    cert.write_bytes(cert_pem)
    key.write_bytes(key_pem)
    return cert, key


Failure = Callable[[Callable[[], Any]], tuple[grpc.StatusCode, errors_pb2.ErrorDetail]]


def _failure(call: Callable[[], Any]) -> tuple[grpc.StatusCode, errors_pb2.ErrorDetail]:
    try:
        call()
    except TokgateError as typed:
        error = typed
    except grpc.RpcError as failed:
        error = from_rpc_error(failed)
    else:
        pytest.fail("the call did not fail")
    assert error.has_detail, f"no ErrorDetail in {error}"
    return error.code, error.detail


@pytest.fixture(scope="session")
def failure() -> Failure:
    """``failure(call)``: the gRPC code and ErrorDetail of the error ``call`` must raise (a
    stub's ``grpc.RpcError`` or the Python client's TokgateError)."""
    return _failure
