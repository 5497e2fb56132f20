import type { Message } from '@bufbuild/protobuf';
import type { OtherEvent } from '../gen/tokgate/v1/live_pb.js';

/** An OtherEvent whose typeName names no message of webcast.v1alpha (a newer TikTok type). */
export declare class UnknownWebcastTypeError extends Error {
  constructor(typeName: string);
  readonly typeName: string;
}

/**
 * Decodes `other.payload` as the webcast.v1alpha message named by `other.typeName` (TikTok's
 * webcast wire, unstable, outside tokgate's contract); check its `$typeName`, e.g.
 * "webcast.v1alpha.WebcastPollMessage", and narrow with `isMessage(message, Schema)`. Throws
 * UnknownWebcastTypeError for an unknown typeName, an Error for a payload that does not decode.
 */
export declare function decodeOther(other: Pick<OtherEvent, 'typeName' | 'payload'>): Message;
