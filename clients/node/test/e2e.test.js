// Against a real tokgate server and simulator: events arrive, failures carry an ErrorDetail.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createClients, errorDetailFrom, grpc, streamEvents, TokgateError, unary } from '../src/index.js';
import { startTokgate } from '../src/testing.js';

let tokgate;
let clients;

before(async () => {
  tokgate = await startTokgate();
  clients = createClients(tokgate.address);
});

after(async () => {
  clients?.close();
  await tokgate?.stop();
});

test('a live streamer streams events with increasing sequence numbers', { timeout: 30_000 }, async () => {
  let last = 0n;
  let seen = 0;
  for await (const event of streamEvents(clients.live, { unique_id: '@sim_live' })) {
    assert.equal(event.unique_id, 'sim_live');
    assert.ok(BigInt(event.sequence) > last, `sequence ${event.sequence} after ${last}`);
    assert.ok(event.event, 'a typed event is set');
    last = BigInt(event.sequence);
    if (++seen === 5) break;
  }
  assert.equal(seen, 5);
});

test('an offline streamer fails with a USER_OFFLINE ErrorDetail', { timeout: 30_000 }, async () => {
  await assert.rejects(
    async () => {
      for await (const _event of streamEvents(clients.live, { unique_id: 'sim_offline' }));
    },
    (err) => {
      assert.ok(err instanceof TokgateError, `${err}`);
      assert.equal(err.code, grpc.status.FAILED_PRECONDITION);
      assert.equal(err.kind, 'ERROR_KIND_USER_OFFLINE');
      assert.ok(err.detail.message);
      return true;
    },
  );
});

test('an invalid username fails with an INVALID_ARGUMENT ErrorDetail', async () => {
  const err = await unary(clients.live, 'GetLiveStatus', { unique_id: 'not a user!' }).catch((e) => e);
  assert.ok(err instanceof TokgateError, `${err}`);
  assert.equal(err.code, grpc.status.INVALID_ARGUMENT);
  const detail = errorDetailFrom(err.cause);
  assert.equal(detail.kind, 'ERROR_KIND_INVALID_ARGUMENT');
  assert.equal(detail.retryable, false);
  assert.equal(err.errorInfo.reason, 'INVALID_ARGUMENT');
  assert.equal(err.errorInfo.domain, 'tokgate');
});
