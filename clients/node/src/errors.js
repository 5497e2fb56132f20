// Typed errors from tokgate's rich status.
//
// A failed tokgate call ends with a google.rpc.Status in its `grpc-status-details-bin`
// trailer. Its details hold a tokgate.v1.ErrorDetail, a google.rpc.ErrorInfo (reason = the
// kind's name, domain "tokgate") and, where a delay is known, a google.rpc.RetryInfo.
//
//   import { errorDetailFrom, TokgateError } from '@tokgate/client';
//   try {
//     await users.getUser({ unique_id: 'someone' });
//   } catch (err) {
//     const detail = errorDetailFrom(err);           // plain object, or null
//     if (detail?.kind === 'ERROR_KIND_USER_NOT_FOUND') console.log(detail.suggestions);
//   }
import protobuf from 'protobufjs';
import path from 'node:path';
import { GOOGLE_PROTO_DIR, TOKGATE_PROTO_DIR } from './protos.js';

export const STATUS_DETAILS_KEY = 'grpc-status-details-bin';
export const ERROR_DOMAIN = 'tokgate';

const root = new protobuf.Root();
root.resolvePath = (origin, target) =>
  path.join(target.startsWith('tokgate/') ? TOKGATE_PROTO_DIR : GOOGLE_PROTO_DIR, target);
root.loadSync(
  ['google/rpc/status.proto', 'google/rpc/error_details.proto', 'tokgate/v1/errors.proto'],
  { keepCase: true },
);
root.resolveAll();

const Status = root.lookupType('google.rpc.Status');
const ErrorDetail = root.lookupType('tokgate.v1.ErrorDetail');
const ErrorInfo = root.lookupType('google.rpc.ErrorInfo');
const RetryInfo = root.lookupType('google.rpc.RetryInfo');
const ErrorKind = root.lookupEnum('tokgate.v1.ErrorKind');

/** Enums as names, 64-bit integers as strings, default values included: like the JSON form. */
const TO_OBJECT = { enums: String, longs: String, defaults: true, arrays: true, objects: true };

const TYPES = new Map(
  [ErrorDetail, ErrorInfo, RetryInfo].map((type) => [
    `type.googleapis.com/${type.fullName.replace(/^\./, '')}`,
    type,
  ]),
);

/**
 * Decode a serialized google.rpc.Status into its parts.
 * @param {Uint8Array} bytes the `grpc-status-details-bin` value
 * @returns {{code: number, message: string, detail: object|null, errorInfo: object|null,
 *            retryInfo: object|null}}
 */
export function decodeStatusDetails(bytes) {
  const status = Status.decode(bytes);
  const parts = {
    code: status.code,
    message: status.message,
    detail: null,
    errorInfo: null,
    retryInfo: null,
  };
  for (const any of status.details) {
    const type = TYPES.get(any.type_url);
    if (!type) continue;
    const value = type.toObject(type.decode(any.value), TO_OBJECT);
    if (type === ErrorDetail) parts.detail = value;
    else if (type === ErrorInfo) parts.errorInfo = value;
    else parts.retryInfo = value;
  }
  return parts;
}

/** The serialized google.rpc.Status of a failed call (a @grpc/grpc-js ServiceError), or null. */
export function statusDetailsOf(err) {
  const values = err?.metadata?.get?.(STATUS_DETAILS_KEY) ?? [];
  return values.length > 0 && Buffer.isBuffer(values[0]) ? values[0] : null;
}

/**
 * The ErrorDetail a failed call carries, as a plain object (kind as its enum name, e.g.
 * "ERROR_KIND_RATE_LIMIT"; retry_after as {seconds, nanos}), or null when there is none.
 */
export function errorDetailFrom(err) {
  const bytes = statusDetailsOf(err);
  return bytes ? decodeStatusDetails(bytes).detail : null;
}

/** A failed tokgate call: the gRPC code and message, and the typed detail. */
export class TokgateError extends Error {
  constructor(err) {
    super(err?.details || err?.message || 'tokgate call failed', { cause: err });
    const bytes = statusDetailsOf(err);
    const parts = bytes ? decodeStatusDetails(bytes) : {};
    this.name = 'TokgateError';
    this.code = err?.code;
    this.detail = parts.detail ?? null;
    this.errorInfo = parts.errorInfo ?? null;
    this.retryInfo = parts.retryInfo ?? null;
  }

  /** The kind's enum name, e.g. "ERROR_KIND_USER_OFFLINE" ("ERROR_KIND_UNSPECIFIED" if none). */
  get kind() {
    return this.detail?.kind ?? 'ERROR_KIND_UNSPECIFIED';
  }

  /** The kind without its prefix, e.g. "USER_OFFLINE" (the ErrorInfo reason). */
  get kindName() {
    return this.kind.replace(/^ERROR_KIND_/, '');
  }

  get retryable() {
    return Boolean(this.detail?.retryable);
  }

  /** Milliseconds to wait before retrying (RetryInfo, else the detail), or null. */
  get retryAfterMs() {
    const delay = this.retryInfo?.retry_delay ?? this.detail?.retry_after;
    return delay ? Number(delay.seconds) * 1000 + Math.round(delay.nanos / 1e6) : null;
  }
}

/** Every ErrorKind name, e.g. "ERROR_KIND_RATE_LIMIT". */
export const ERROR_KINDS = Object.freeze(Object.keys(ErrorKind.values));
