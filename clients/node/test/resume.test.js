// Against a real tokgate server: a stream cut mid-way by a proxy resumes by itself, with no hole
// and no duplicate; a stored position is sent first; no resume after a non-retryable failure.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { Code, ErrorKind, StreamState, TokgateError, createClients, streamEvents } from '../src/index.js';
import { startTokgate } from '../src/testing.js';

/** How many events each connection delivers before the proxy cuts it. */
const EVENTS_PER_LEG = 15;
const FAST = { initialBackoffMs: 50, maxBackoffMs: 200 };

let tokgate;

before(async () => {
  tokgate = await startTokgate();
});

after(async () => {
  await tokgate?.stop();
});

/**
 * A TCP proxy on loopback in front of `upstream`: `cut()` resets every connection it carries, so
 * the client sees a broken connection while the server keeps running.
 */
async function startCuttingProxy(upstream) {
  const [host, port] = [upstream.slice(0, upstream.lastIndexOf(':')), Number(upstream.slice(upstream.lastIndexOf(':') + 1))];
  let open = new Set();
  const proxy = { connections: 0 };
  const server = net.createServer((client) => {
    const target = net.connect(port, host);
    for (const [from, to] of [[client, target], [target, client]]) {
      from.pipe(to);
      from.on('error', () => to.destroy());
      from.on('close', () => to.destroy());
    }
    open.add(client).add(target);
    proxy.connections += 1;
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.address = `127.0.0.1:${server.address().port}`;
  proxy.cut = () => {
    const sockets = open;
    open = new Set();
    for (const socket of sockets) socket.resetAndDestroy();
    return sockets.size / 2;
  };
  proxy.close = () => {
    proxy.cut();
    return new Promise((resolve) => server.close(resolve));
  };
  return proxy;
}

/** Clients of `address` and the StreamEvents requests they send. */
function recordingClients(address) {
  const requests = [];
  async function* recorded(messages) {
    for await (const message of messages) {
      requests.push(message);
      yield message;
    }
  }
  const record = (next) => (request) =>
    next(request.method.name === 'StreamEvents' ? { ...request, message: recorded(request.message) } : request);
  return { clients: createClients(address, { interceptors: [record] }), requests };
}

/** After the start state's CONNECTED, every sequence follows the one before, in one epoch. */
function assertConsecutive(events) {
  const body = events[0].event.case === 'connected' ? events.slice(1) : events;
  const sequences = body.map((event) => event.sequence);
  assert.deepEqual(sequences, sequences.map((_, i) => sequences[0] + BigInt(i)));
  const epochs = new Set(events.map((event) => event.epoch));
  assert.equal(epochs.size, 1, `epochs ${[...epochs]}`);
  assert.notEqual(events[0].epoch, '');
  const gaps = events.filter((e) => e.event.case === 'status' && e.event.value.state === StreamState.RESUME_GAP);
  assert.deepEqual(gaps, []);
}

test('a stream cut twice mid-way resumes with no hole and no duplicate', { timeout: 30_000 }, async () => {
  const proxy = await startCuttingProxy(tokgate.address);
  const { clients } = recordingClients(proxy.address);
  try {
    const stream = streamEvents(clients.live, { uniqueId: 'sim_live' }, { resume: FAST, timeoutMs: 30_000 });
    const events = [];
    const perConnection = new Map();
    let cuts = 0;
    for await (const event of stream) {
      events.push(event);
      const legLength = (perConnection.get(proxy.connections) ?? 0) + 1;
      perConnection.set(proxy.connections, legLength);
      if (legLength !== EVENTS_PER_LEG) continue;
      if (cuts === 2) break;
      assert.equal(proxy.cut(), 1);
      cuts += 1;
    }
    assert.equal(perConnection.size, 3, `events per connection ${[...perConnection]}`);
    assertConsecutive(events);
    assert.equal(stream.position.sequence, events.at(-1).sequence);
    assert.equal(stream.position.epoch, events.at(-1).epoch);
  } finally {
    clients.close();
    await proxy.close();
  }
});

test('a stored position is sent on the first call', { timeout: 30_000 }, async () => {
  const { clients, requests } = recordingClients(tokgate.address);
  try {
    const before = streamEvents(clients.live, { uniqueId: 'sim_live' });
    let seen = 0;
    for await (const _event of before) if (++seen === 5) break;
    const stored = before.position;

    const resumed = streamEvents(clients.live, { uniqueId: 'sim_live', resumeFrom: stored });
    const { value: first } = await resumed.next();
    await resumed.return();
    assert.equal(requests.at(-1).resumeFrom.sequence, stored.sequence);
    assert.equal(requests.at(-1).resumeFrom.epoch, stored.epoch);
    assert.equal(first.sequence, stored.sequence + 1n);
    assert.equal(first.epoch, stored.epoch);
  } finally {
    clients.close();
  }
});

test('no resume after a failure that is not retryable', { timeout: 30_000 }, async () => {
  const { clients, requests } = recordingClients(tokgate.address);
  try {
    const err = await (async () => {
      for await (const _event of streamEvents(clients.live, { uniqueId: 'sim_offline' }, { resume: FAST })) {
        assert.fail('no event expected');
      }
    })().catch((e) => e);
    assert.ok(err instanceof TokgateError, `${err}`);
    assert.equal(err.kind, ErrorKind.USER_OFFLINE);
    assert.equal(requests.length, 1);
  } finally {
    clients.close();
  }
});

test('with resume off, a cut ends the stream with the broken connection', { timeout: 30_000 }, async () => {
  const proxy = await startCuttingProxy(tokgate.address);
  const { clients, requests } = recordingClients(proxy.address);
  try {
    const err = await (async () => {
      for await (const _event of streamEvents(clients.live, { uniqueId: 'sim_live' }, { resume: false })) {
        proxy.cut();
      }
    })().catch((e) => e);
    assert.ok(err instanceof TokgateError, `${err}`);
    // Node's HTTP/2 reports a connection cut mid-call as ABORTED or CANCELED (gRPC stacks:
    // UNAVAILABLE); either way without an ErrorDetail.
    assert.ok([Code.Aborted, Code.Canceled, Code.Unavailable].includes(err.code), `code ${err.code}`);
    assert.equal(err.detail, null);
    assert.equal(requests.length, 1);
  } finally {
    clients.close();
    await proxy.close();
  }
});
