"""The Go module used from a checkout, as clients/go/README.md says: a module of the user's own
requires github.com/tokgate/tokgate/clients/go with a ``replace`` pointing at the checkout,
``go mod tidy`` resolves it, and its program streams events and decodes a typed failure's
ErrorDetail from this module's server (routed to the simulator).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

GO_MODULE = Path(__file__).resolve().parents[2] / "clients" / "go"
MODULE_PATH = "github.com/tokgate/tokgate/clients/go"

GO_MOD = f"""module example.com/watch

go 1.26.0

require {MODULE_PATH} v0.0.0

replace {MODULE_PATH} => {GO_MODULE}
"""

# Exits 1 with what it saw unless five sim_live events (a connected one first) arrive, then
# sim_offline fails with an ErrorDetail of kind USER_OFFLINE.
MAIN_GO = f"""package main

import (
\t"context"
\t"fmt"
\t"os"
\t"time"

\ttokgatev1 "{MODULE_PATH}/gen/tokgate/v1"
\t"{MODULE_PATH}/tokgate"
)

func main() {{
\tctx, cancel := context.WithTimeout(context.Background(), time.Minute)
\tdefer cancel()
\tconn, err := tokgate.NewClient(os.Getenv("TOKGATE_ADDR"), tokgate.DialOptions{{}})
\tif err != nil {{
\t\tfail("dial: %v", err)
\t}}
\tdefer conn.Close()
\tlive := tokgatev1.NewLiveServiceClient(conn)
\trequest := &tokgatev1.StreamEventsRequest{{UniqueId: "@sim_live"}}
\tstream := tokgate.StreamEvents(ctx, live, request, tokgate.StreamOptions{{}})
\tfor seen := 0; seen < 5; seen++ {{
\t\tevent, err := stream.Recv()
\t\tif err != nil || event.GetUniqueId() != "sim_live" {{
\t\t\tfail("event %d: %v %v", seen, event, err)
\t\t}}
\t\tif seen == 0 && event.GetConnected() == nil {{
\t\t\tfail("the first event is not connected: %v", event)
\t\t}}
\t}}
\tstream.Close()
\trequest = &tokgatev1.StreamEventsRequest{{UniqueId: "sim_offline"}}
\tstream = tokgate.StreamEvents(ctx, live, request, tokgate.StreamOptions{{}})
\tdefer stream.Close()
\tevent, err := stream.Recv()
\tdetail, ok := tokgate.ErrorDetailFrom(err)
\toffline := tokgatev1.ErrorKind_ERROR_KIND_USER_OFFLINE
\tif !ok || detail.GetKind() != offline || detail.GetMessage() == "" {{
\t\tfail("sim_offline: %v %v %v", event, err, detail)
\t}}
\tfmt.Println("failed", tokgate.KindName(detail.GetKind()))
}}

func fail(format string, args ...any) {{
\tfmt.Fprintf(os.Stderr, format+"\\n", args...)
\tos.Exit(1)
}}
"""


@pytest.mark.polyglot
@pytest.mark.timeout(900)  # a fresh machine downloads and compiles the dependencies first
def test_a_module_using_the_checkout_through_replace_streams_and_decodes_errors(
    run_polyglot_suite: Callable[[str, Sequence[str], Path], None], tmp_path: Path
) -> None:
    (tmp_path / "go.mod").write_text(GO_MOD)
    (tmp_path / "main.go").write_text(MAIN_GO)
    run_polyglot_suite("go-deps", ["go", "mod", "tidy"], tmp_path)
    run_polyglot_suite("go-deps", ["go", "run", "."], tmp_path)
