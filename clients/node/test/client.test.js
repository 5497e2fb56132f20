// createClients against in-process servers: a Connect server implementing LiveService (API key,
// deadlines, cancellation, errors with details, TLS) and a bare HTTP/2 gRPC server whose
// grpc-status-details-bin is a google.rpc.Status encoded here, byte by byte.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http2 from 'node:http2';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { create, toBinary } from '@bufbuild/protobuf';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { connectNodeAdapter } from '@connectrpc/connect-node';
import {
  Code,
  ConnectError,
  ErrorDetailSchema,
  ErrorInfoSchema,
  ErrorKind,
  LiveService,
  RetryInfoSchema,
  TokgateError,
  backoffMs,
  createClients,
  streamEvents,
} from '../src/index.js';

/** A fake LiveService; `seen` records each call's authorization header, `cancelled` its end,
 * `requests` the StreamEvents requests. A stream starts after its request's resumeFrom. */
function liveService(seen, cancelled, requests) {
  return (router) =>
    router.service(LiveService, {
      async getLiveStatus(request, context) {
        seen.push(context.requestHeader.get('authorization'));
        if (request.uniqueId === 'slow') await sleep(10_000, undefined, { signal: context.signal });
        if (request.uniqueId === 'sim_offline') {
          const message = '@sim_offline: The streamer is not live';
          throw new ConnectError(message, Code.FailedPrecondition, undefined, [
            { desc: ErrorDetailSchema, value: { kind: ErrorKind.USER_OFFLINE, message: 'Not live' } },
            { desc: ErrorInfoSchema, value: { reason: 'USER_OFFLINE', domain: 'tokgate' } },
          ]);
        }
        return { uniqueId: request.uniqueId, isLive: true, roomId: '7594613134962785937' };
      },
      async *streamEvents(request, context) {
        seen.push(context.requestHeader.get('authorization'));
        requests.push(request);
        context.signal.addEventListener('abort', () => cancelled.push(request.uniqueId));
        if (request.uniqueId === 'slow') await sleep(300);
        for (let sequence = (request.resumeFrom?.sequence ?? 0n) + 1n; ; sequence++) {
          if (request.uniqueId === 'flaky' && sequence === 3n) {
            throw new ConnectError('upstream reset', Code.Unavailable, undefined, [
              { desc: ErrorDetailSchema, value: { kind: ErrorKind.NETWORK, retryable: true } },
              { desc: RetryInfoSchema, value: { retryDelay: { seconds: 2n } } },
            ]);
          }
          if (request.uniqueId === 'broken-once' && sequence === 3n && !request.resumeFrom) {
            throw new ConnectError('connection reset', Code.Unavailable);
          }
          if (request.uniqueId === 'short' && sequence === 3n) return;
          if (request.uniqueId === 'broken-once' && sequence === 6n) return;
          yield {
            event: {
              uniqueId: request.uniqueId,
              sequence,
              event: { case: 'comment', value: { user: { nickname: 'Elif S' }, text: `#${sequence}` } },
            },
          };
          await sleep(5, undefined, { signal: context.signal }).catch(() => {});
        }
      },
    });
}

function listen(server) {
  const sessions = new Set();
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: server.address().port,
        close: () =>
          new Promise((done) => {
            for (const session of sessions) session.destroy();
            server.close(() => done());
          }),
      }),
    ),
  );
}

async function until(predicate, what) {
  const deadline = Date.now() + 5_000;
  while (!predicate()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe('a Connect server over h2c', () => {
  const seen = [];
  const cancelled = [];
  const requests = [];
  let server;
  let tokgate;

  before(async () => {
    server = await listen(http2.createServer(connectNodeAdapter({ routes: liveService(seen, cancelled, requests) })));
    tokgate = createClients(`127.0.0.1:${server.port}`, { apiKey: 'tgk_secret', timeoutMs: 2_000 });
  });

  after(async () => {
    tokgate?.close();
    await server?.close();
  });

  test('a unary call returns the message and sends the API key as a bearer token', async () => {
    const response = await tokgate.live.getLiveStatus({ uniqueId: 'sim_live' });
    assert.equal(response.$typeName, 'tokgate.v1.GetLiveStatusResponse');
    assert.equal(response.isLive, true);
    assert.equal(response.roomId, '7594613134962785937');
    assert.equal(seen.at(-1), 'Bearer tgk_secret');
  });

  test('a failed unary call throws a TokgateError with its details', async () => {
    const err = await tokgate.live.getLiveStatus({ uniqueId: 'sim_offline' }).catch((e) => e);
    assert.ok(err instanceof TokgateError, `${err}`);
    assert.equal(err.code, Code.FailedPrecondition);
    assert.equal(err.message, '@sim_offline: The streamer is not live');
    assert.equal(err.kind, ErrorKind.USER_OFFLINE);
    assert.equal(err.errorInfo.reason, 'USER_OFFLINE');
  });

  test('unary calls get the client deadline, or their own', async () => {
    const err = await tokgate.live.getLiveStatus({ uniqueId: 'slow' }).catch((e) => e);
    assert.ok(err instanceof TokgateError, `${err}`);
    assert.equal(err.code, Code.DeadlineExceeded);
    const late = await tokgate.live.getLiveStatus({ uniqueId: 'slow' }, { timeoutMs: 50 }).catch((e) => e);
    assert.equal(late.code, Code.DeadlineExceeded);
  });

  test('streams have no deadline unless the call sets one', async () => {
    const events = [];
    for await (const event of streamEvents(tokgate.live, { uniqueId: 'slow' })) {
      events.push(event);
      if (events.length === 2) break;
    }
    assert.deepEqual(
      events.map((event) => event.sequence),
      [1n, 2n],
    );
    const err = await (async () => {
      for await (const _event of streamEvents(tokgate.live, { uniqueId: 'slow' }, { timeoutMs: 50 }));
    })().catch((e) => e);
    assert.ok(err instanceof TokgateError, `${err}`);
    assert.equal(err.code, Code.DeadlineExceeded);
  });

  test('streamEvents yields LiveEvents with the oneof as {case, value}', async () => {
    const events = [];
    for await (const event of streamEvents(tokgate.live, { uniqueId: 'short' })) events.push(event);
    assert.equal(events.length, 2);
    assert.equal(events[0].$typeName, 'tokgate.v1.LiveEvent');
    assert.equal(events[0].event.case, 'comment');
    assert.equal(events[0].event.value.user.nickname, 'Elif S');
    assert.equal(events[1].event.value.text, '#2');
    assert.equal(typeof events[1].sequence, 'bigint');
  });

  test('leaving the loop early cancels the call', async () => {
    let count = 0;
    for await (const response of tokgate.live.streamEvents({ uniqueId: 'leave-early' })) {
      assert.equal(response.event.sequence, BigInt(++count));
      if (count === 3) break;
    }
    await until(() => cancelled.includes('leave-early'), 'the server to see the cancellation');
    let streamed = 0;
    for await (const _event of streamEvents(tokgate.live, { uniqueId: 'leave-streamEvents' })) {
      if (++streamed === 2) break;
    }
    await until(() => cancelled.includes('leave-streamEvents'), 'the server to see the cancellation');
  });

  test("a caller's AbortSignal cancels the stream", async () => {
    const controller = new AbortController();
    const err = await (async () => {
      const { signal } = controller;
      for await (const _event of streamEvents(tokgate.live, { uniqueId: 'aborted' }, { signal })) {
        controller.abort();
      }
    })().catch((e) => e);
    assert.ok(err instanceof TokgateError, `${err}`);
    assert.equal(err.code, Code.Canceled);
    await until(() => cancelled.includes('aborted'), 'the server to see the cancellation');
  });

  test('a stream that fails after events throws a TokgateError with its details', async () => {
    const sequences = [];
    const err = await (async () => {
      for await (const event of streamEvents(tokgate.live, { uniqueId: 'flaky' }, { resume: false })) {
        sequences.push(event.sequence);
      }
    })().catch((e) => e);
    assert.deepEqual(sequences, [1n, 2n]);
    assert.ok(err instanceof TokgateError, `${err}`);
    assert.equal(err.code, Code.Unavailable);
    assert.equal(err.kindName, 'NETWORK');
    assert.equal(err.retryable, true);
    assert.equal(err.retryAfterMs, 2_000);
  });

  test('a stream that breaks resumes from the last event it yielded', async () => {
    const stream = streamEvents(tokgate.live, { uniqueId: 'broken-once' }, { resume: { initialBackoffMs: 10 } });
    const sequences = [];
    for await (const event of stream) sequences.push(event.sequence);
    assert.deepEqual(sequences, [1n, 2n, 3n, 4n, 5n]);
    const calls = requests.filter((request) => request.uniqueId === 'broken-once');
    assert.deepEqual(
      calls.map((request) => request.resumeFrom?.sequence),
      [undefined, 2n],
    );
    assert.equal(stream.position.sequence, 5n);
  });

  test('no API key, no authorization header', async () => {
    const anonymous = createClients(`http://127.0.0.1:${server.port}`);
    try {
      await anonymous.live.getLiveStatus({ uniqueId: 'sim_live' });
      assert.equal(seen.at(-1), null);
    } finally {
      anonymous.close();
    }
  });

  test('an unreachable server fails with UNAVAILABLE', async () => {
    const closed = await listen(http2.createServer());
    await closed.close();
    const nowhere = createClients(`127.0.0.1:${closed.port}`);
    try {
      const err = await nowhere.live.getLiveStatus({ uniqueId: 'sim_live' }).catch((e) => e);
      assert.ok(err instanceof TokgateError, `${err}`);
      assert.equal(err.code, Code.Unavailable);
      assert.equal(err.detail, null);
    } finally {
      nowhere.close();
    }
  });
});

/** A google.rpc.Status, written field by field as any gRPC server would. */
function encodeStatus(code, message, details) {
  const status = new BinaryWriter();
  status.tag(1, WireType.Varint).int32(code);
  status.tag(2, WireType.LengthDelimited).string(message);
  for (const [schema, init] of details) {
    const any = new BinaryWriter()
      .tag(1, WireType.LengthDelimited)
      .string(`type.googleapis.com/${schema.typeName}`)
      .tag(2, WireType.LengthDelimited)
      .bytes(toBinary(schema, create(schema, init)))
      .finish();
    status.tag(3, WireType.LengthDelimited).bytes(any);
  }
  return status.finish();
}

test('grpc-status-details-bin from a plain gRPC server decodes into the ErrorDetail', async () => {
  const message = 'Invalid Argument: not a user!: not a valid TikTok username';
  const details = encodeStatus(Code.InvalidArgument, message, [
    [ErrorDetailSchema, { kind: ErrorKind.INVALID_ARGUMENT, error: 'Invalid Argument', retryable: false }],
    [ErrorInfoSchema, { reason: 'INVALID_ARGUMENT', domain: 'tokgate', metadata: { field: 'unique_id' } }],
  ]);
  const server = http2.createServer();
  const paths = [];
  server.on('stream', (stream, headers) => {
    paths.push(headers[':path']);
    stream.resume();
    stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
    stream.on('wantTrailers', () =>
      stream.sendTrailers({
        'grpc-status': `${Code.InvalidArgument}`,
        'grpc-message': encodeURIComponent(message),
        'grpc-status-details-bin': Buffer.from(details).toString('base64'),
      }),
    );
    stream.end();
  });
  const running = await listen(server);
  const tokgate = createClients(`127.0.0.1:${running.port}`);
  try {
    const err = await tokgate.live.getLiveStatus({ uniqueId: 'not a user!' }).catch((e) => e);
    assert.deepEqual(paths, ['/tokgate.v1.LiveService/GetLiveStatus']);
    assert.ok(err instanceof TokgateError, `${err}`);
    assert.equal(err.code, Code.InvalidArgument);
    assert.equal(err.message, message);
    assert.equal(err.kind, ErrorKind.INVALID_ARGUMENT);
    assert.equal(err.detail.error, 'Invalid Argument');
    assert.equal(err.errorInfo.domain, 'tokgate');
    assert.deepEqual(err.errorInfo.metadata, { field: 'unique_id' });
    assert.ok(err.metadata.has('grpc-status-details-bin'), 'the trailers stay readable');
  } finally {
    tokgate.close();
    await running.close();
  }
});

const openssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const tlsTest = { skip: !openssl && 'openssl is not installed' };

test('tls: the server certificate is checked against the given CA', tlsTest, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokgate-node-tls-'));
  const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
  // prettier-ignore
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ], { stdio: 'ignore' });
  const seen = [];
  const running = await listen(
    http2.createSecureServer(
      { key: fs.readFileSync(key), cert: fs.readFileSync(cert) },
      connectNodeAdapter({ routes: liveService(seen, []) }),
    ),
  );
  const address = `127.0.0.1:${running.port}`;
  const trusted = createClients(address, { apiKey: 'k', tls: { ca: fs.readFileSync(cert) } });
  const untrusted = createClients(address, { tls: true });
  try {
    const response = await trusted.live.getLiveStatus({ uniqueId: 'sim_live' });
    assert.equal(response.isLive, true);
    assert.deepEqual(seen, ['Bearer k']);
    const err = await untrusted.live.getLiveStatus({ uniqueId: 'sim_live' }).catch((e) => e);
    assert.ok(err instanceof TokgateError, `${err}`);
    assert.match(err.message, /self-signed certificate/i, 'refused without its CA');
    assert.equal(seen.length, 1);
  } finally {
    trusted.close();
    untrusted.close();
    await running.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('backoffMs is full jitter under an exponential ceiling, and at least the RetryInfo delay', () => {
  const policy = { maxAttempts: 5, initialBackoffMs: 1_000, maxBackoffMs: 5_000, multiplier: 2 };
  const broken = new ConnectError('connection reset', Code.Unavailable);
  for (const [failures, ceiling] of [[1, 1_000], [2, 2_000], [3, 4_000], [10, 5_000]]) {
    const waits = Array.from({ length: 200 }, () => backoffMs(failures, broken, policy));
    assert.ok(waits.every((wait) => wait >= 0 && wait <= ceiling), `${failures}: ${waits}`);
    assert.ok(Math.max(...waits) > ceiling / 2, 'spread over the range');
  }
  const limited = new ConnectError('slow down', Code.Unavailable, undefined, [
    { desc: RetryInfoSchema, value: { retryDelay: { seconds: 3n } } },
  ]);
  assert.ok(backoffMs(1, limited, policy) >= 3_000);
});
