import type { MessageInitShape } from '@bufbuild/protobuf';
import type { CallOptions, Client, Interceptor, Transport } from '@connectrpc/connect';
import type { SecureClientSessionOptions } from 'node:http2';
import type { AdminService } from '../gen/tokgate/v1/admin_pb.js';
import type {
  LiveEvent,
  LiveService,
  StreamEventsRequestSchema,
  StreamPosition,
} from '../gen/tokgate/v1/live_pb.js';
import type { UserService } from '../gen/tokgate/v1/users_pb.js';

export * from './errors.js';
export * from '../gen/tokgate/v1/admin_pb.js';
export * from '../gen/tokgate/v1/errors_pb.js';
export * from '../gen/tokgate/v1/live_pb.js';
export * from '../gen/tokgate/v1/users_pb.js';
export { Code, ConnectError } from '@connectrpc/connect';

/** The deadline of a unary call that sets none, in milliseconds. */
export declare const DEFAULT_TIMEOUT_MS: 30000;

/** Connect clients whose calls throw a TokgateError; leaving a stream's loop cancels it. */
export interface TokgateClients {
  live: Client<typeof LiveService>;
  users: Client<typeof UserService>;
  admin: Client<typeof AdminService>;
  /** The gRPC transport (HTTP/2) the three share. */
  transport: Transport;
  /** Closes the HTTP/2 connection. */
  close(): void;
}

export interface ClientOptions {
  /** Sent as `authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** true: TLS with the system's CAs; an object: Node's TLS options; default: plaintext. */
  tls?: boolean | SecureClientSessionOptions;
  /** The deadline of unary calls that set no `timeoutMs` (default 30 s; 0: none). */
  timeoutMs?: number;
  /** More Connect interceptors (after the API key's). */
  interceptors?: Interceptor[];
}

/** A Connect interceptor that sends `authorization: Bearer <apiKey>` on every call. */
export declare function bearerInterceptor(apiKey: string): Interceptor;

/** Clients over one HTTP/2 connection to "host:port" (or a "http://" / "https://" URL). */
export declare function createClients(address: string, opts?: ClientOptions): TokgateClients;

/** How a stream backs off before resuming (every field optional in `resume`). */
export interface ResumePolicy {
  /** Failures in a row, with no event between them, before the last one is thrown. */
  maxAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
  multiplier: number;
}

/** 5 attempts, 0.5 s doubling up to 30 s: the Python client's RetryPolicy. */
export declare const DEFAULT_RESUME: Readonly<ResumePolicy>;

/** Full-jitter wait after the `failures`-th failure in a row, at least the server's RetryInfo. */
export declare function backoffMs(failures: number, err: unknown, policy?: ResumePolicy): number;

export interface StreamEventsOptions extends CallOptions {
  /** false: throw the first failure; a policy: resume with it (default: DEFAULT_RESUME). */
  resume?: boolean | Partial<ResumePolicy>;
}

/** A stream's events, and the position to resume from (to store). */
export interface EventStream extends AsyncGenerator<LiveEvent> {
  /** The last event's sequence and epoch, or the request's `resumeFrom` before the first. */
  readonly position: StreamPosition | undefined;
}

/**
 * The LiveEvents of one streamer: ends when the LIVE ends, throws a TokgateError on failure;
 * leaving the loop early cancels the call. A broken stream resumes from `position` by itself
 * (UNAVAILABLE without a detail, or a retryable failure); `request.resumeFrom` is sent first.
 * `request.batching` asks for several events per message; they are still yielded one by one.
 */
export declare function streamEvents(
  live: Client<typeof LiveService>,
  request: MessageInitShape<typeof StreamEventsRequestSchema>,
  options?: StreamEventsOptions,
): EventStream;
