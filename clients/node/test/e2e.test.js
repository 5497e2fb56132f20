// Against a real tokgate server and simulator: events arrive, failures carry an ErrorDetail.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  Code,
  ErrorKind,
  EventType,
  TokgateError,
  createClients,
  errorDetailFrom,
  errorInfoFrom,
  streamEvents,
} from '../src/index.js';
import { startTokgate } from '../src/testing.js';
import { decodeOther } from '../src/webcast.js';

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
  for await (const event of streamEvents(clients.live, { uniqueId: '@sim_live' })) {
    assert.equal(event.$typeName, 'tokgate.v1.LiveEvent');
    assert.equal(event.uniqueId, 'sim_live');
    assert.equal(typeof event.sequence, 'bigint');
    assert.ok(event.sequence > last, `sequence ${event.sequence} after ${last}`);
    assert.ok(event.event.case, 'a typed event is set');
    assert.equal(event.event.value.$typeName.startsWith('tokgate.v1.'), true);
    last = event.sequence;
    if (++seen === 5) break;
  }
  assert.equal(seen, 5);
});

// sim_every_event plays one message of each of the 62 types TikTokLive maps to events, then one
// of each message whose event depends on its content, on a loop: all 18 new typed events arrive
// (a pause and an unpause, both kinds of super fan), after CONNECTED.
test('every new typed event arrives, and every OtherEvent decodes as its type', { timeout: 30_000 }, async () => {
  const want = {
    question: EventType.QUESTION,
    battle: EventType.BATTLE,
    battleArmies: EventType.BATTLE_ARMIES,
    emoteChat: EventType.EMOTE_CHAT,
    envelope: EventType.ENVELOPE,
    subscribe: EventType.SUBSCRIBE,
    subNotify: EventType.SUB_NOTIFY,
    poll: EventType.POLL,
    goalUpdate: EventType.GOAL_UPDATE,
    rankUpdate: EventType.RANK_UPDATE,
    hourlyRank: EventType.HOURLY_RANK,
    roomPin: EventType.ROOM_PIN,
    caption: EventType.CAPTION,
    liveIntro: EventType.LIVE_INTRO,
    barrage: EventType.BARRAGE,
    livePause: EventType.LIVE_PAUSE,
    superFan: EventType.SUPER_FAN,
    social: EventType.SOCIAL,
  };
  assert.equal(Object.keys(want).length, 18);
  const eventTypes = [EventType.OTHER, ...Object.values(want)];
  const members = [];
  const seen = new Set();
  const variants = new Set(); // pause and unpause, a new super fan and one who joined
  let others = 0;
  for await (const event of streamEvents(clients.live, { uniqueId: 'sim_every_event', eventTypes })) {
    const { case: member, value } = event.event;
    assert.ok(member, 'an event with a member this client knows');
    members.push(member);
    if (member === 'other') {
      const message = decodeOther(value);
      assert.equal(message.$typeName, `webcast.v1alpha.${value.typeName}`);
      others += 1;
    } else if (member !== 'connected') {
      assert.ok(member in want, `${member} arrived through the filter`);
      seen.add(member);
      if (member === 'livePause') variants.add(`paused=${value.paused}`);
      if (member === 'superFan') variants.add(`superFan=${value.action}`);
      if (seen.size === Object.keys(want).length && variants.size === 4) break;
    }
  }
  assert.equal(members[0], 'connected');
  assert.deepEqual([...seen].sort(), Object.keys(want).sort());
  assert.equal(variants.size, 4, [...variants].join(', '));
  assert.ok(others > 0, 'OtherEvents arrived too');
});

test('the live status of a live streamer', async () => {
  const status = await clients.live.getLiveStatus({ uniqueId: '@sim_live' });
  assert.equal(status.uniqueId, 'sim_live');
  assert.equal(status.isLive, true);
  assert.ok(status.roomId);
});

test('an offline streamer fails with a USER_OFFLINE ErrorDetail', { timeout: 30_000 }, async () => {
  await assert.rejects(
    async () => {
      for await (const _event of streamEvents(clients.live, { uniqueId: 'sim_offline' }));
    },
    (err) => {
      assert.ok(err instanceof TokgateError, `${err}`);
      assert.equal(err.code, Code.FailedPrecondition);
      assert.equal(err.kind, ErrorKind.USER_OFFLINE);
      assert.equal(err.kindName, 'USER_OFFLINE');
      assert.ok(err.detail.message);
      assert.ok(err.detail.suggestions.length > 0);
      assert.equal(err.errorInfo.reason, 'USER_OFFLINE');
      assert.equal(err.errorInfo.domain, 'tokgate');
      return true;
    },
  );
});

test('an invalid username fails with an INVALID_ARGUMENT ErrorDetail', async () => {
  const err = await clients.live.getLiveStatus({ uniqueId: 'not a user!' }).catch((e) => e);
  assert.ok(err instanceof TokgateError, `${err}`);
  assert.equal(err.code, Code.InvalidArgument);
  const detail = errorDetailFrom(err.cause);
  assert.equal(detail.kind, ErrorKind.INVALID_ARGUMENT);
  assert.equal(detail.retryable, false);
  assert.equal(err.retryable, false);
  assert.equal(err.retryAfterMs, null);
  const info = errorInfoFrom(err.cause);
  assert.equal(info.reason, 'INVALID_ARGUMENT');
  assert.equal(info.domain, 'tokgate');
  assert.deepEqual(err.errorInfo, info);
});
