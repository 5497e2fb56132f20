// No server: streamEvents over a fake LiveService yields a batch's events one by one, in order,
// with the position advancing per event, and resumes a broken stream from the batch's last.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { create } from '@bufbuild/protobuf';
import {
  Code,
  ConnectError,
  LiveEventSchema,
  StreamEventsResponseSchema,
  streamEvents,
} from '../src/index.js';

const event = (sequence) => create(LiveEventSchema, { sequence: BigInt(sequence), epoch: 'e1' });
const response = (init) => create(StreamEventsResponseSchema, init);

/** A LiveService whose StreamEvents calls answer with `calls` in turn, recording the requests. */
function fakeLive(calls) {
  const requests = [];
  return {
    requests,
    async *streamEvents(request) {
      requests.push(request);
      const { responses, error } = calls[requests.length - 1];
      yield* responses;
      if (error) throw error;
    },
  };
}

test('a batch is yielded event by event, the position advancing with each', async () => {
  const live = fakeLive([
    {
      responses: [response({ events: [event(1), event(2), event(3)] })],
      error: new ConnectError('cut', Code.Unavailable),
    },
    { responses: [response({ event: event(4) })] },
  ]);
  const batching = { maxEvents: 3 };
  const stream = streamEvents(live, { uniqueId: 'someone', batching }, { resume: { initialBackoffMs: 1 } });

  const seen = [];
  for await (const got of stream) {
    seen.push(got.sequence);
    assert.equal(stream.position.sequence, got.sequence);
  }

  assert.deepEqual(seen, [1n, 2n, 3n, 4n]);
  assert.equal(live.requests[1].resumeFrom.sequence, 3n);
  assert.equal(live.requests[1].batching, batching);
});
