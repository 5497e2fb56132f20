// Reading tokgate's details from a ConnectError: ErrorDetail, ErrorInfo and RetryInfo decoded
// from their serialized bytes, as Connect's gRPC transport hands them over.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { create, toBinary } from '@bufbuild/protobuf';
import {
  Code,
  ConnectError,
  ErrorDetailSchema,
  ErrorInfoSchema,
  ErrorKind,
  RetryInfoSchema,
  TokgateError,
  errorDetailFrom,
  errorInfoFrom,
  kindName,
  retryInfoFrom,
} from '../src/index.js';

/** A ConnectError as the transport makes it from a google.rpc.Status: details as {type, value}. */
function incoming(code, message, details) {
  const err = new ConnectError(message, code);
  for (const [schema, init] of details) {
    err.details.push({ type: schema.typeName, value: toBinary(schema, create(schema, init)) });
  }
  return err;
}

function rateLimited({ retryInfo = true } = {}) {
  return incoming(Code.ResourceExhausted, 'Rate Limit Error: 429', [
    [
      ErrorDetailSchema,
      {
        kind: ErrorKind.RATE_LIMIT,
        error: 'Rate Limit Error',
        message: '429',
        statusCode: 429,
        retryable: true,
        retryAfter: { seconds: 12n },
        suggestions: ['Wait for the reset.'],
        metadata: { unique_id: 'someone' },
      },
    ],
    [ErrorInfoSchema, { reason: 'RATE_LIMIT', domain: 'tokgate' }],
    ...(retryInfo ? [[RetryInfoSchema, { retryDelay: { seconds: 30n, nanos: 500_000_000 } }]] : []),
  ]);
}

test('errorDetailFrom, errorInfoFrom and retryInfoFrom decode the details', () => {
  const err = rateLimited();
  const detail = errorDetailFrom(err);
  assert.equal(detail.$typeName, 'tokgate.v1.ErrorDetail');
  assert.equal(detail.kind, ErrorKind.RATE_LIMIT);
  assert.equal(detail.statusCode, 429);
  assert.equal(detail.retryAfter.seconds, 12n);
  assert.deepEqual(detail.suggestions, ['Wait for the reset.']);
  assert.deepEqual(detail.metadata, { unique_id: 'someone' });
  assert.equal(errorInfoFrom(err).reason, 'RATE_LIMIT');
  assert.equal(errorInfoFrom(err).domain, 'tokgate');
  assert.equal(retryInfoFrom(err).retryDelay.nanos, 500_000_000);
});

test('TokgateError carries the code, kind, retryable and the RetryInfo delay', () => {
  const err = new TokgateError(rateLimited());
  assert.ok(err instanceof Error);
  assert.equal(err.name, 'TokgateError');
  assert.equal(err.code, Code.ResourceExhausted);
  assert.equal(err.message, 'Rate Limit Error: 429');
  assert.equal(err.kind, ErrorKind.RATE_LIMIT);
  assert.equal(err.kindName, 'RATE_LIMIT');
  assert.equal(err.kindName, err.errorInfo.reason);
  assert.equal(err.retryable, true);
  assert.equal(err.retryAfterMs, 30_500);
  assert.ok(err.cause instanceof ConnectError);
  assert.equal(errorDetailFrom(err).kind, ErrorKind.RATE_LIMIT, 'errorDetailFrom reads a TokgateError too');
  assert.equal(TokgateError.from(err), err);
  assert.equal(new TokgateError(err).detail.kind, ErrorKind.RATE_LIMIT);
});

test("without a RetryInfo the delay is the detail's retryAfter", () => {
  const err = new TokgateError(rateLimited({ retryInfo: false }));
  assert.equal(err.retryInfo, null);
  assert.equal(err.retryAfterMs, 12_000);
});

test('a detail that does not decode is skipped', () => {
  const err = new ConnectError('broken', Code.Internal);
  err.details.push({ type: 'tokgate.v1.ErrorDetail', value: new Uint8Array([0xff, 0xff, 0xff]) });
  assert.equal(errorDetailFrom(err), null);
  assert.equal(new TokgateError(err).kind, ErrorKind.UNSPECIFIED);
});

test('errors without details decode to null / UNSPECIFIED', () => {
  assert.equal(errorDetailFrom(new ConnectError('no details', Code.Unavailable)), null);
  assert.equal(errorDetailFrom(new Error('plain')), null);
  assert.equal(errorDetailFrom(undefined), null);
  const err = new TokgateError(new ConnectError('no details', Code.Unavailable));
  assert.equal(err.code, Code.Unavailable);
  assert.equal(err.kind, ErrorKind.UNSPECIFIED);
  assert.equal(err.kindName, 'UNSPECIFIED');
  assert.equal(err.detail, null);
  assert.equal(err.errorInfo, null);
  assert.equal(err.retryable, true, 'UNAVAILABLE without a detail: the server was not reached');
  assert.equal(new TokgateError(new ConnectError('no details', Code.Internal)).retryable, false);
  assert.equal(err.retryAfterMs, null);
  assert.equal(new TokgateError(new Error('plain')).code, Code.Unknown);
});

test('kindName drops the ERROR_KIND_ prefix', () => {
  assert.equal(kindName(ErrorKind.USER_OFFLINE), 'USER_OFFLINE');
  assert.equal(kindName(ErrorKind.INVALID_ARGUMENT), 'INVALID_ARGUMENT');
  assert.equal(kindName(ErrorKind.UNSPECIFIED), 'UNSPECIFIED');
  assert.equal(kindName(999), '999', 'a kind newer than this client');
});
