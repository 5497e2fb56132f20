// tokgate's Node.js client: service clients loaded at run time from protos/tokgate/v1 with
// @grpc/proto-loader, promise and async-iterator helpers that fail with a TokgateError carrying
// the decoded ErrorDetail.
//
//   import { createClients, unary, streamEvents, TokgateError } from '@tokgate/client';
//   const tokgate = createClients('127.0.0.1:50051', { apiKey: process.env.TOKGATE_API_KEY });
//   const { user } = await unary(tokgate.users, 'GetUser', { unique_id: 'someone' });
//   try {
//     for await (const event of streamEvents(tokgate.live, { unique_id: '@someone' })) {
//       if (event.event === 'comment') console.log(event.comment.user.nickname, event.comment.text);
//     }
//   } catch (err) {
//     if (err instanceof TokgateError) console.log(err.kindName, err.detail?.suggestions);
//   }
//   tokgate.close();
//
// Messages are plain objects with the .proto field names (snake_case), enums as names,
// 64-bit integers as strings and the set oneof's name in `event` (proto-loader's `oneofs`).
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import { TokgateError } from './errors.js';
import { GOOGLE_PROTO_DIR, TOKGATE_PROTO_DIR, TOKGATE_PROTO_FILES } from './protos.js';

export * from './errors.js';
export { grpc };

const definition = protoLoader.loadSync(TOKGATE_PROTO_FILES, {
  includeDirs: [TOKGATE_PROTO_DIR, GOOGLE_PROTO_DIR],
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
});

/** The loaded package `tokgate.v1`: service constructors and message types. */
export const tokgatev1 = grpc.loadPackageDefinition(definition).tokgate.v1;

/** An interceptor that sends `authorization: Bearer <apiKey>` on every call. */
export function bearerInterceptor(apiKey) {
  return (options, nextCall) =>
    new grpc.InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        metadata.set('authorization', `Bearer ${apiKey}`);
        next(metadata, listener);
      },
    });
}

/**
 * Clients for LiveService, UserService and AdminService over one channel.
 * @param {string} address "host:port"
 * @param {{apiKey?: string, credentials?: grpc.ChannelCredentials, options?: object}} [opts]
 *   credentials: grpc.credentials.createSsl(...) for TLS (default: plaintext, for loopback)
 */
export function createClients(address, { apiKey, credentials, options = {} } = {}) {
  const channelOptions = { ...options };
  if (apiKey) channelOptions.interceptors = [bearerInterceptor(apiKey), ...(options.interceptors ?? [])];
  const creds = credentials ?? grpc.credentials.createInsecure();
  const live = new tokgatev1.LiveService(address, creds, channelOptions);
  const shared = { ...channelOptions, channelOverride: live.getChannel() };
  const users = new tokgatev1.UserService(address, creds, shared);
  const admin = new tokgatev1.AdminService(address, creds, shared);
  return { live, users, admin, close: () => live.close() };
}

/**
 * Call a unary method; resolves with the response, rejects with a TokgateError.
 * @param {grpc.Client} client e.g. createClients(...).users
 * @param {string} method the RPC's name, e.g. "GetUser"
 * @param {object} request
 * @param {{deadlineMs?: number}} [opts] deadline in milliseconds from now (default 30 s)
 */
export function unary(client, method, request, { deadlineMs = 30_000 } = {}) {
  return new Promise((resolve, reject) => {
    client[method](request, { deadline: Date.now() + deadlineMs }, (err, response) =>
      err ? reject(new TokgateError(err)) : resolve(response),
    );
  });
}

/**
 * The LiveEvents of one streamer, as an async iterator that ends when the LIVE ends and
 * throws a TokgateError on failure. Leaving the loop early cancels the call.
 * @param {grpc.Client} live createClients(...).live
 * @param {{unique_id: string, event_types?: string[], wait_until_live?: boolean}} request
 */
export async function* streamEvents(live, request) {
  const call = live.StreamEvents(request);
  try {
    for await (const response of call) yield response.event;
  } catch (err) {
    throw err?.code !== undefined ? new TokgateError(err) : err;
  } finally {
    call.cancel();
  }
}
