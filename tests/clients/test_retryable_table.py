"""One table says when a failed call is worth retrying (tests/clients/retryable.json): the
Python client follows it here, the Go and Node clients in their own suites
(clients/go/tokgate/retryable_test.go, clients/node/test/retryable.test.js), and
docs/clients.md shows it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.protobuf import any_pb2
from google.rpc import status_pb2
from tokgate.testing import free_port
from tokgate.v1 import errors_pb2
from tokgate_client import Client, TokgateError
from tokgate_client.errors import from_status_details

REPO = Path(__file__).resolve().parents[2]
CASES: list[dict[str, Any]] = json.loads((Path(__file__).with_name("retryable.json")).read_text())[
    "cases"
]


def markdown_table(cases: list[dict[str, Any]]) -> str:
    """The table of docs/clients.md, made from the cases."""
    rows = ["| condition | gRPC code | `retryable` |", "|---|---|---|"]
    for case in cases:
        codes = ", ".join(f"`{code}`" for code in case["codes"])
        rows.append(f"| {case['condition']} | {codes} | {'yes' if case['retryable'] else 'no'} |")
    return "\n".join(rows) + "\n"


def test_docs_show_the_table() -> None:
    assert markdown_table(CASES) in (REPO / "docs" / "clients.md").read_text()


def _failure(code: str, case: dict[str, Any]) -> TokgateError:
    status = status_pb2.Status(code=grpc.StatusCode[code].value[0], message=case["condition"])
    if case["detail_retryable"] is not None:
        holder = any_pb2.Any()
        holder.Pack(errors_pb2.ErrorDetail(retryable=case["detail_retryable"]))
        status.details.append(holder)
    return from_status_details(grpc.StatusCode[code], case["condition"], status.SerializeToString())


def _refused_call() -> TokgateError:
    with Client(f"127.0.0.1:{free_port()}") as client, pytest.raises(TokgateError) as caught:
        client.users.get_user(unique_id="someone", deadline=10)
    return caught.value


@pytest.mark.parametrize("case", CASES, ids=[case["condition"] for case in CASES])
def test_retryable_follows_the_table(case: dict[str, Any]) -> None:
    if case.get("refused"):
        failures = [_refused_call()]
        assert failures[0].code.name in case["codes"]
    else:
        failures = [_failure(code, case) for code in case["codes"]]
    assert [failure.retryable for failure in failures] == [case["retryable"]] * len(failures)
