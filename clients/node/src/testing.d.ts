/** A running tokgate server (and its simulator, when started here). */
export interface RunningTokgate {
  /** "host:port", for createClients. */
  address: string;
  stop(): Promise<void>;
}

/**
 * Starts `tokgate sim` and `tokgate serve` on free loopback ports (TOKGATE_BIN, else the repo's
 * .venv/bin/tokgate in a checkout, else `tokgate` on PATH), or uses TOKGATE_ADDR when set.
 */
export function startTokgate(): Promise<RunningTokgate>;
