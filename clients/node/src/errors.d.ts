import type { Code, ConnectError } from '@connectrpc/connect';
import type { ErrorInfo, RetryInfo } from '../gen/google/rpc/error_details_pb.js';
import type { ErrorDetail, ErrorKind } from '../gen/tokgate/v1/errors_pb.js';

export { ErrorInfoSchema, RetryInfoSchema } from '../gen/google/rpc/error_details_pb.js';
export type { ErrorInfo, RetryInfo } from '../gen/google/rpc/error_details_pb.js';
export { ErrorDetailSchema, ErrorKind, ErrorKindSchema } from '../gen/tokgate/v1/errors_pb.js';
export type { ErrorDetail } from '../gen/tokgate/v1/errors_pb.js';

/** The trailer that carries the serialized google.rpc.Status. */
export declare const STATUS_DETAILS_KEY: 'grpc-status-details-bin';
/** The google.rpc.ErrorInfo domain of tokgate's failures. */
export declare const ERROR_DOMAIN: 'tokgate';

/** The tokgate.v1.ErrorDetail a failed call carries (a ConnectError or TokgateError), or null. */
export declare function errorDetailFrom(err: unknown): ErrorDetail | null;
/** The google.rpc.ErrorInfo a failed call carries, or null. */
export declare function errorInfoFrom(err: unknown): ErrorInfo | null;
/** The google.rpc.RetryInfo a failed call carries, or null. */
export declare function retryInfoFrom(err: unknown): RetryInfo | null;
/** An ErrorKind without its prefix, e.g. "USER_OFFLINE" (the ErrorInfo reason). */
export declare function kindName(kind: ErrorKind): string;

/**
 * A failed tokgate call: the Connect code, the status message and the typed details. `cause`
 * is the ConnectError (its `metadata` holds the trailers, `findDetails` any other detail).
 */
export declare class TokgateError extends Error {
  /** From a ConnectError (anything else becomes one, code Unknown). */
  constructor(err: unknown);
  /** `err` itself when it is a TokgateError, else a TokgateError made from it. */
  static from(err: unknown): TokgateError;
  readonly cause: ConnectError;
  readonly code: Code;
  /** The response's headers and trailers. */
  readonly metadata: Headers;
  readonly detail: ErrorDetail | null;
  readonly errorInfo: ErrorInfo | null;
  readonly retryInfo: RetryInfo | null;
  /** The detail's kind, e.g. ErrorKind.USER_OFFLINE (ErrorKind.UNSPECIFIED if none). */
  readonly kind: ErrorKind;
  /** The kind without its prefix, e.g. "USER_OFFLINE". */
  readonly kindName: string;
  /** The detail's flag; without a detail, whether the code is Unavailable. */
  readonly retryable: boolean;
  /** Milliseconds to wait before retrying (RetryInfo, else the detail's retryAfter), or null. */
  readonly retryAfterMs: number | null;
}
