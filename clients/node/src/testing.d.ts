/** A running tokgate server (and its simulator, when started here). */
export interface RunningTokgate {
  address: string;
  stop(): Promise<void>;
}

export function startTokgate(): Promise<RunningTokgate>;
