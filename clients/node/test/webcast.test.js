// decodeOther: an OtherEvent's payload back as the webcast.v1alpha message its typeName names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { create, equals, toBinary } from '@bufbuild/protobuf';
import { WebcastPollMessageSchema } from '../gen/webcast/v1alpha/webcast_pb.js';
import { OtherEventSchema } from '../src/index.js';
import { UnknownWebcastTypeError, decodeOther } from '../src/webcast.js';

test('decodeOther gives the message typeName names', () => {
  const poll = create(WebcastPollMessageSchema, { messageType: 1n, pollId: 42n });
  const other = create(OtherEventSchema, {
    typeName: 'WebcastPollMessage',
    payload: toBinary(WebcastPollMessageSchema, poll),
  });
  const decoded = decodeOther(other);
  assert.equal(decoded.$typeName, 'webcast.v1alpha.WebcastPollMessage');
  assert.ok(equals(WebcastPollMessageSchema, decoded, poll));
});

test('decodeOther refuses a typeName webcast.v1alpha does not have', () => {
  for (const typeName of ['', 'WebcastNewerMessage', 'webcast.v1alpha.User', 'toString']) {
    assert.throws(
      () => decodeOther({ typeName, payload: new Uint8Array() }),
      (err) => err instanceof UnknownWebcastTypeError && err.typeName === typeName,
    );
  }
});

test('decodeOther reports a payload that does not decode', () => {
  const payload = new Uint8Array([0x1a, 0x10, 0x73]);
  assert.throws(
    () => decodeOther({ typeName: 'WebcastChatMessage', payload }),
    (err) =>
      !(err instanceof UnknownWebcastTypeError) &&
      err.message.startsWith('WebcastChatMessage payload (3 bytes) does not decode') &&
      err.cause !== undefined,
  );
});
