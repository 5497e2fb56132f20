import grpc from '@grpc/grpc-js';

export * from './errors.js';
export { grpc };

/** The loaded package tokgate.v1: service constructors and message types. */
export const tokgatev1: grpc.GrpcObject;

export interface TokgateClients {
  live: grpc.Client;
  users: grpc.Client;
  admin: grpc.Client;
  close(): void;
}

export interface ClientOptions {
  apiKey?: string;
  credentials?: grpc.ChannelCredentials;
  options?: grpc.ClientOptions;
}

export function bearerInterceptor(apiKey: string): grpc.Interceptor;
export function createClients(address: string, opts?: ClientOptions): TokgateClients;
export function unary<Response = any>(
  client: grpc.Client,
  method: string,
  request: object,
  opts?: { deadlineMs?: number },
): Promise<Response>;

export interface StreamEventsRequest {
  unique_id: string;
  event_types?: string[];
  wait_until_live?: boolean;
}

/** A LiveEvent: `event` names the set oneof ("comment", "gift", ...), which holds its fields. */
export interface LiveEvent {
  unique_id: string;
  room_id: string;
  sequence: string;
  received_at: { seconds: string; nanos: number } | null;
  event: string;
  [oneof: string]: unknown;
}

export function streamEvents(live: grpc.Client, request: StreamEventsRequest): AsyncGenerator<LiveEvent>;
