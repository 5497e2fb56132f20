// Decoding grpc-status-details-bin into an ErrorDetail, from real google.rpc.Status bytes.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import protobuf from 'protobufjs';
import { grpc, decodeStatusDetails, errorDetailFrom, TokgateError } from '../src/index.js';
import { GOOGLE_PROTO_DIR, TOKGATE_PROTO_DIR } from '../src/protos.js';

const root = new protobuf.Root();
root.resolvePath = (_origin, target) =>
  path.join(target.startsWith('tokgate/') ? TOKGATE_PROTO_DIR : GOOGLE_PROTO_DIR, target);
root.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto', 'tokgate/v1/errors.proto'], {
  keepCase: true,
});

function pack(typeName, fields) {
  const type = root.lookupType(typeName);
  return { type_url: `type.googleapis.com/${typeName}`, value: type.encode(type.fromObject(fields)).finish() };
}

function rateLimitStatus() {
  const Status = root.lookupType('google.rpc.Status');
  return Buffer.from(
    Status.encode(
      Status.fromObject({
        code: grpc.status.RESOURCE_EXHAUSTED,
        message: 'Rate Limit Error: 429',
        details: [
          pack('tokgate.v1.ErrorDetail', {
            kind: 'ERROR_KIND_RATE_LIMIT',
            error: 'Rate Limit Error',
            message: '429',
            status_code: 429,
            retryable: true,
            retry_after: { seconds: 12 },
            suggestions: ['Wait for the reset.'],
            metadata: { unique_id: 'someone' },
          }),
          pack('google.rpc.ErrorInfo', { reason: 'RATE_LIMIT', domain: 'tokgate' }),
          pack('google.rpc.RetryInfo', { retry_delay: { seconds: 30, nanos: 500_000_000 } }),
        ],
      }),
    ).finish(),
  );
}

function serviceError(bytes) {
  const metadata = new grpc.Metadata();
  if (bytes) metadata.set('grpc-status-details-bin', bytes);
  return Object.assign(new Error('8 RESOURCE_EXHAUSTED: 429'), {
    code: grpc.status.RESOURCE_EXHAUSTED,
    details: 'Rate Limit Error: 429',
    metadata,
  });
}

test('decodeStatusDetails returns the ErrorDetail, ErrorInfo and RetryInfo', () => {
  const parts = decodeStatusDetails(rateLimitStatus());
  assert.equal(parts.code, grpc.status.RESOURCE_EXHAUSTED);
  assert.equal(parts.detail.kind, 'ERROR_KIND_RATE_LIMIT');
  assert.equal(parts.detail.status_code, 429);
  assert.deepEqual(parts.detail.suggestions, ['Wait for the reset.']);
  assert.deepEqual(parts.detail.metadata, { unique_id: 'someone' });
  assert.equal(parts.errorInfo.reason, 'RATE_LIMIT');
  assert.equal(parts.errorInfo.domain, 'tokgate');
});

test('TokgateError carries kind, retryable and the RetryInfo delay', () => {
  const err = new TokgateError(serviceError(rateLimitStatus()));
  assert.equal(err.code, grpc.status.RESOURCE_EXHAUSTED);
  assert.equal(err.kind, 'ERROR_KIND_RATE_LIMIT');
  assert.equal(err.kindName, 'RATE_LIMIT');
  assert.equal(err.retryable, true);
  assert.equal(err.retryAfterMs, 30_500);
  assert.equal(err.message, 'Rate Limit Error: 429');
});

test('errors without details decode to null / UNSPECIFIED', () => {
  assert.equal(errorDetailFrom(serviceError(null)), null);
  assert.equal(errorDetailFrom(new Error('plain')), null);
  const err = new TokgateError(serviceError(null));
  assert.equal(err.kind, 'ERROR_KIND_UNSPECIFIED');
  assert.equal(err.retryAfterMs, null);
});
