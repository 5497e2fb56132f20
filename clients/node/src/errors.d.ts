import type { ServiceError } from '@grpc/grpc-js';

export const STATUS_DETAILS_KEY: 'grpc-status-details-bin';
export const ERROR_DOMAIN: 'tokgate';
/** Every ErrorKind name, e.g. "ERROR_KIND_RATE_LIMIT". */
export const ERROR_KINDS: readonly string[];

export interface Duration {
  seconds: string;
  nanos: number;
}

/** tokgate.v1.ErrorDetail as a plain object (enums as names, int64 as strings). */
export interface ErrorDetail {
  kind: string;
  error: string;
  message: string;
  raw_error: string;
  status_code?: number;
  possible_causes: string[];
  suggestions: string[];
  retryable: boolean;
  retry_after: Duration | null;
  reset_time: Duration | null;
  classifier: string;
  exception_type: string;
  metadata: Record<string, string>;
}

export interface ErrorInfo {
  reason: string;
  domain: string;
  metadata: Record<string, string>;
}

export interface RetryInfo {
  retry_delay: Duration | null;
}

export interface StatusParts {
  code: number;
  message: string;
  detail: ErrorDetail | null;
  errorInfo: ErrorInfo | null;
  retryInfo: RetryInfo | null;
}

export function decodeStatusDetails(bytes: Uint8Array): StatusParts;
export function statusDetailsOf(err: unknown): Buffer | null;
export function errorDetailFrom(err: unknown): ErrorDetail | null;

export class TokgateError extends Error {
  constructor(err: ServiceError | Error);
  readonly code: number | undefined;
  readonly detail: ErrorDetail | null;
  readonly errorInfo: ErrorInfo | null;
  readonly retryInfo: RetryInfo | null;
  readonly kind: string;
  readonly kindName: string;
  readonly retryable: boolean;
  readonly retryAfterMs: number | null;
}
