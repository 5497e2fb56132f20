"""The overlay against the simulator, after ``make overlay``.

Starts ``tokgate sim`` and ``tokgate serve --web-listen --web-root examples/overlay/dist`` (the
``tokgate.testing`` helpers ``tokgate demo`` uses, which stop both by pid), mints a token that
may only stream @sim_live, and prints the page's address to open in a browser or an OBS browser
source. Ctrl-C (or SIGTERM) stops both.
"""

from __future__ import annotations

import argparse
import signal
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from tokgate.testing import run_server, run_simulator
from tokgate.tokens import mint, new_signing_key, scope_for

DIST = Path(__file__).resolve().parent / "dist"
STREAMER = "sim_live"
TOKEN_TTL_SECONDS = 24 * 3600


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--web-listen", default="127.0.0.1:8080", help="the web port's address")
    args = parser.parse_args()
    if not (DIST / "overlay.js").is_file():
        parser.error(f"{DIST} is not built: run `make overlay` first")
    key = new_signing_key()
    with tempfile.TemporaryDirectory() as directory:
        key_file = Path(directory) / "token.key"
        key_file.write_text(key + "\n")
        serve = ["--sessions", "0", "--web-listen", args.web_listen, "--web-root", str(DIST)]
        serve += ["--token-signing-key-file", str(key_file)]
        with run_simulator() as sim, run_server(upstream=sim, args=serve):
            scope = scope_for(["LiveService/StreamEvents"], [STREAMER], TOKEN_TTL_SECONDS)
            query = urlencode({"streamer": STREAMER, "token": mint(key.encode(), scope)})
            print(f"overlay: http://{args.web_listen}/?{query}", flush=True)
            print("Ctrl-C stops the server and the simulator", flush=True)
            # SIGTERM too (a process manager's stop), through the same clean-up.
            signal.signal(signal.SIGTERM, signal.default_int_handler)
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
