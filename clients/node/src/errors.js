// Typed errors from tokgate's rich status.
//
// A failed tokgate call ends with a google.rpc.Status in its `grpc-status-details-bin` trailer.
// Connect's gRPC transport decodes it into a ConnectError whose details hold a
// tokgate.v1.ErrorDetail, a google.rpc.ErrorInfo (reason = the kind's name, domain "tokgate")
// and, where a delay is known, a google.rpc.RetryInfo; this module reads them with the
// generated schemas (gen/), as `err.findDetails(ErrorDetailSchema)` would.
//
//   import { errorDetailFrom, ErrorKind, TokgateError } from '@tokgate/client';
//   try {
//     await tokgate.users.getUser({ uniqueId: 'someone' });
//   } catch (err) {
//     const detail = errorDetailFrom(err);           // a tokgate.v1.ErrorDetail, or null
//     if (detail?.kind === ErrorKind.USER_NOT_FOUND) console.log(detail.suggestions);
//   }
import { Code, ConnectError } from '@connectrpc/connect';
import { ErrorInfoSchema, RetryInfoSchema } from '../gen/google/rpc/error_details_pb.js';
import { ErrorDetailSchema, ErrorKind, ErrorKindSchema } from '../gen/tokgate/v1/errors_pb.js';

export { ErrorDetailSchema, ErrorInfoSchema, ErrorKind, ErrorKindSchema, RetryInfoSchema };

/** The trailer that carries the serialized google.rpc.Status. */
export const STATUS_DETAILS_KEY = 'grpc-status-details-bin';
/** The google.rpc.ErrorInfo domain of tokgate's failures. */
export const ERROR_DOMAIN = 'tokgate';

/** The ConnectError behind `err` (itself, or a TokgateError's cause), or null. */
function connectErrorOf(err) {
  if (err instanceof TokgateError) return err.cause;
  return err instanceof ConnectError ? err : null;
}

function firstDetail(err, schema) {
  return connectErrorOf(err)?.findDetails(schema)[0] ?? null;
}

/** The tokgate.v1.ErrorDetail a failed call carries (a ConnectError or TokgateError), or null. */
export function errorDetailFrom(err) {
  return firstDetail(err, ErrorDetailSchema);
}

/** The google.rpc.ErrorInfo a failed call carries, or null. */
export function errorInfoFrom(err) {
  return firstDetail(err, ErrorInfoSchema);
}

/** The google.rpc.RetryInfo a failed call carries, or null. */
export function retryInfoFrom(err) {
  return firstDetail(err, RetryInfoSchema);
}

/** An ErrorKind without its prefix, e.g. "USER_OFFLINE" (the ErrorInfo reason). */
export function kindName(kind) {
  return ErrorKindSchema.value[kind]?.localName ?? `${kind}`;
}

/** A google.protobuf.Duration in milliseconds. */
function durationMs(duration) {
  return Number(duration.seconds) * 1000 + Math.round(duration.nanos / 1e6);
}

/**
 * A failed tokgate call: the Connect code, the status message and the typed details. `cause`
 * is the ConnectError (its `metadata` holds the trailers, `findDetails` any other detail).
 */
export class TokgateError extends Error {
  /** @param {unknown} err a ConnectError (anything else becomes one, code Unknown) */
  constructor(err) {
    const cause = err instanceof TokgateError ? err.cause : ConnectError.from(err);
    super(cause.rawMessage || 'tokgate call failed', { cause });
    this.name = 'TokgateError';
    this.code = cause.code;
    this.metadata = cause.metadata;
    this.detail = firstDetail(cause, ErrorDetailSchema);
    this.errorInfo = firstDetail(cause, ErrorInfoSchema);
    this.retryInfo = firstDetail(cause, RetryInfoSchema);
  }

  /** `err` itself when it is a TokgateError, else a TokgateError made from it. */
  static from(err) {
    return err instanceof TokgateError ? err : new TokgateError(err);
  }

  /** The detail's ErrorKind, e.g. ErrorKind.USER_OFFLINE (ErrorKind.UNSPECIFIED if none). */
  get kind() {
    return this.detail?.kind ?? ErrorKind.UNSPECIFIED;
  }

  /** The kind without its prefix, e.g. "USER_OFFLINE" (the ErrorInfo reason). */
  get kindName() {
    return kindName(this.kind);
  }

  /** Whether retrying can succeed: the detail's flag; without a detail, UNAVAILABLE (the
   * server could not be reached), as the Python and Go clients read it. */
  get retryable() {
    return this.detail ? this.detail.retryable : this.code === Code.Unavailable;
  }

  /** Milliseconds to wait before retrying (RetryInfo, else the detail's retryAfter), or null. */
  get retryAfterMs() {
    const delay = this.retryInfo?.retryDelay ?? this.detail?.retryAfter;
    return delay ? durationMs(delay) : null;
  }
}
