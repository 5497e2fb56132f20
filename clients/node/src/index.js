// tokgate's Node.js client: Connect clients of LiveService, UserService and AdminService over the
// gRPC protocol (HTTP/2), on the protobuf-es code generated from protos/tokgate/v1 (gen/).
// Failed calls throw a TokgateError carrying the decoded ErrorDetail.
//
//   import { createClients, streamEvents, TokgateError } from '@tokgate/client';
//   const tokgate = createClients('127.0.0.1:50051', { apiKey: process.env.TOKGATE_API_KEY });
//   const { user } = await tokgate.users.getUser({ uniqueId: 'someone' });
//   try {
//     for await (const event of streamEvents(tokgate.live, { uniqueId: '@someone' })) {
//       const { case: kind, value } = event.event;            // the oneof
//       if (kind === 'comment') console.log(value.user?.nickname, value.text);
//     }
//   } catch (err) {
//     if (err instanceof TokgateError) console.log(err.kindName, err.detail?.suggestions);
//   }
//   tokgate.close();
//
// Messages are protobuf-es messages: camelCase fields, enums as numbers (ErrorKind.USER_OFFLINE),
// 64-bit integers as bigint, a oneof as {case, value}.
import { setTimeout as sleep } from 'node:timers/promises';
import { create } from '@bufbuild/protobuf';
import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createGrpcTransport, Http2SessionManager } from '@connectrpc/connect-node';
import { AdminService } from '../gen/tokgate/v1/admin_pb.js';
import { LiveService, StreamPositionSchema } from '../gen/tokgate/v1/live_pb.js';
import { UserService } from '../gen/tokgate/v1/users_pb.js';
import { TokgateError } from './errors.js';

export * from './errors.js';
export * from '../gen/tokgate/v1/admin_pb.js';
export * from '../gen/tokgate/v1/errors_pb.js';
export * from '../gen/tokgate/v1/live_pb.js';
export * from '../gen/tokgate/v1/users_pb.js';
export { Code, ConnectError } from '@connectrpc/connect';

/** The deadline of a unary call that sets none, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** A Connect interceptor that sends `authorization: Bearer <apiKey>` on every call. */
export function bearerInterceptor(apiKey) {
  return (next) => (request) => {
    request.header.set('authorization', `Bearer ${apiKey}`);
    return next(request);
  };
}

/**
 * Clients for LiveService, UserService and AdminService over one HTTP/2 connection, speaking
 * the gRPC protocol. Their calls throw a TokgateError; a stream's call is cancelled when the
 * loop reading it ends early.
 * @param {string} address "host:port" (or a "http://" / "https://" URL)
 * @param {object} [opts]
 * @param {string} [opts.apiKey] sent as `authorization: Bearer <apiKey>`
 * @param {boolean | import('node:http2').SecureClientSessionOptions} [opts.tls] true for TLS with
 *   the system's CAs, or Node's TLS options ({ca, cert, key, servername, ...}); default:
 *   plaintext, for loopback
 * @param {number} [opts.timeoutMs] the deadline of unary calls that set no `timeoutMs`
 *   (default 30 s; 0: none); streams have none unless the call sets one
 * @param {import('@connectrpc/connect').Interceptor[]} [opts.interceptors] more interceptors
 */
export function createClients(
  address,
  { apiKey, tls, timeoutMs = DEFAULT_TIMEOUT_MS, interceptors = [] } = {},
) {
  const baseUrl = /^https?:\/\//.test(address) ? address : `${tls ? 'https' : 'http'}://${address}`;
  const sessionManager = new Http2SessionManager(baseUrl, {}, typeof tls === 'object' ? tls : {});
  const transport = createGrpcTransport({
    baseUrl,
    sessionManager,
    interceptors: apiKey ? [bearerInterceptor(apiKey), ...interceptors] : interceptors,
  });
  const defaults = { timeoutMs: timeoutMs > 0 ? timeoutMs : undefined };
  return {
    live: tokgateClient(LiveService, transport, defaults),
    users: tokgateClient(UserService, transport, defaults),
    admin: tokgateClient(AdminService, transport, defaults),
    transport,
    close: () => sessionManager.abort(),
  };
}

/** A Connect client of `service` whose calls throw TokgateErrors and cancel abandoned streams. */
function tokgateClient(service, transport, defaults) {
  const client = createClient(service, transport);
  const methods = {};
  for (const method of service.methods) {
    const call = client[method.localName];
    methods[method.localName] =
      method.methodKind === 'unary' || method.methodKind === 'client_streaming'
        ? (request, options) =>
            call(request, { ...options, timeoutMs: options?.timeoutMs ?? defaults.timeoutMs }).catch(
              (err) => {
                throw tokgateErrorOf(err);
              },
            )
        : (request, options) => cancellable(call, request, options);
  }
  return methods;
}

function tokgateErrorOf(err) {
  return err instanceof ConnectError || err instanceof TokgateError ? TokgateError.from(err) : err;
}

/**
 * A streaming call's responses, as an async generator that throws TokgateErrors and cancels
 * the call (as `options.signal` does) when the loop reading it ends before the stream does.
 */
async function* cancellable(call, request, options = {}) {
  const controller = new AbortController();
  const outer = options.signal;
  const onAbort = () => controller.abort(outer.reason);
  if (outer?.aborted) onAbort();
  else outer?.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const response of call(request, { ...options, signal: controller.signal })) {
      yield response;
    }
  } catch (err) {
    throw tokgateErrorOf(err);
  } finally {
    outer?.removeEventListener('abort', onAbort);
    controller.abort();
  }
}

/** How a stream backs off before resuming: the Python client's RetryPolicy (5 attempts in a row
 * with no event between them, 0.5 s doubling up to 30 s). */
export const DEFAULT_RESUME = Object.freeze({
  maxAttempts: 5,
  initialBackoffMs: 500,
  maxBackoffMs: 30_000,
  multiplier: 2,
});

/**
 * The wait before resuming after the `failures`-th failure in a row (1 for the first), `err`:
 * full jitter, uniform in [0, min(maxBackoffMs, initialBackoffMs * multiplier^(failures-1))],
 * never shorter than the server's RetryInfo.
 */
export function backoffMs(failures, err, policy = DEFAULT_RESUME) {
  const ceiling = Math.min(
    policy.maxBackoffMs,
    policy.initialBackoffMs * policy.multiplier ** (failures - 1),
  );
  return Math.max(Math.random() * ceiling, TokgateError.from(err).retryAfterMs ?? 0);
}

/**
 * The LiveEvents of one streamer, as an async iterator that ends when the LIVE ends and throws
 * a TokgateError on failure. Leaving the loop early cancels the call.
 *
 * A broken stream resumes by itself (docs/design/streams.md §5.6): when the call fails
 * UNAVAILABLE without an ErrorDetail (the connection broke) or with one that says `retryable`
 * (SLOW_CONSUMER included), it is called again with `resumeFrom` set to the position of the
 * last event yielded, after `backoffMs`; tokgate sends what was missed, or a StreamStatus with
 * STREAM_STATE_RESUME_GAP first. Not after the LIVE ended, nor after a failure that is not
 * retryable. `stream.position` is that position (store it: a request's `resumeFrom` is sent on
 * the first call). `options.timeoutMs` bounds the whole stream, resumes included. A request's
 * `batching` asks for several events per message: they are still yielded one by one, and the
 * position advances with each.
 * @param {object} live createClients(...).live
 * @param {{uniqueId: string, eventTypes?: number[], waitUntilLive?: boolean, resumeFrom?: object, batching?: object}} request
 * @param {import('@connectrpc/connect').CallOptions & {resume?: boolean | object}} [options]
 *   e.g. {signal, timeoutMs, headers}; `resume`: false to throw the first failure, or a policy
 *   overriding DEFAULT_RESUME's fields
 */
export function streamEvents(live, request, { resume = true, ...options } = {}) {
  const policy = resume === false ? null : { ...DEFAULT_RESUME, ...(resume === true ? {} : resume) };
  const state = { position: request.resumeFrom };
  const events = resumedEvents(live, request, options, policy, state);
  Object.defineProperty(events, 'position', { get: () => state.position, enumerable: true });
  return events;
}

/**
 * Whether a stream's failure is worth resuming: retryable as tokgate classified it, or, without
 * an ErrorDetail, a broken connection. Node's HTTP/2 reports one as UNAVAILABLE, as ABORTED (a
 * reset socket) or as CANCELED (the session cancelling its streams) when the caller did not
 * cancel.
 */
function resumable(err, signal) {
  if (!(err instanceof TokgateError)) return false;
  if (err.detail) return err.detail.retryable;
  const broken = [Code.Unavailable, Code.Aborted, ...(signal?.aborted ? [] : [Code.Canceled])];
  return broken.includes(err.code);
}

/** A response's events in order: a batch's `events` (when the request set `batching`), else its `event`. */
function eventsOf(response) {
  if (response.events.length > 0) return response.events;
  return response.event ? [response.event] : [];
}

/** Calls StreamEvents until it ends OK, again from the last position while it breaks. */
async function* resumedEvents(live, request, options, policy, state) {
  const endsAt = options.timeoutMs ? Date.now() + options.timeoutMs : undefined;
  for (let failures = 0; ; ) {
    const timeoutMs = endsAt === undefined ? undefined : Math.max(1, endsAt - Date.now());
    const call = { ...request, resumeFrom: state.position };
    try {
      for await (const response of cancellable(live.streamEvents, call, { ...options, timeoutMs })) {
        for (const event of eventsOf(response)) {
          const { sequence, epoch } = event;
          state.position = create(StreamPositionSchema, { sequence, epoch });
          failures = 0;
          yield event;
        }
      }
      return;
    } catch (err) {
      failures += 1;
      if (!policy || !resumable(err, options.signal) || failures >= policy.maxAttempts) throw err;
      await sleep(backoffMs(failures, err, policy), undefined, { signal: options.signal }).catch(
        (aborted) => {
          throw TokgateError.from(aborted);
        },
      );
    }
  }
}
