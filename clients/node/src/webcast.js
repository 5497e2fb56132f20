// decodeOther: an OtherEvent's payload as the webcast.v1alpha message its typeName names.
// webcast.v1alpha (gen/webcast/v1alpha) is TikTok's webcast wire as TikTokLive's pinned schema
// has it: unstable and outside tokgate's contract, so only this helper touches it.
import { fromBinary } from '@bufbuild/protobuf';
import { file_webcast_v1alpha_webcast } from '../gen/webcast/v1alpha/webcast_pb.js';

/** The top-level messages of webcast.v1alpha by name: the names OtherEvent.typeName takes. */
const WEBCAST_MESSAGES = new Map(file_webcast_v1alpha_webcast.messages.map((d) => [d.name, d]));

/** An OtherEvent whose typeName names no message of webcast.v1alpha (a newer TikTok type). */
export class UnknownWebcastTypeError extends Error {
  constructor(typeName) {
    super(
      `type_name ${JSON.stringify(typeName)} is not a message of ` +
        `${file_webcast_v1alpha_webcast.proto.package}: a type TikTok added after this client's ` +
        'schema, or no webcast type',
    );
    this.name = 'UnknownWebcastTypeError';
    this.typeName = typeName;
  }
}

/**
 * Decodes `other.payload` as the webcast.v1alpha message named by `other.typeName`; its
 * `$typeName` is e.g. "webcast.v1alpha.WebcastPollMessage". Throws UnknownWebcastTypeError for
 * an unknown typeName, and an Error (the protobuf error as its `cause`) for a payload that does
 * not decode.
 */
export function decodeOther(other) {
  const schema = WEBCAST_MESSAGES.get(other.typeName);
  if (schema === undefined) throw new UnknownWebcastTypeError(other.typeName);
  try {
    return fromBinary(schema, other.payload);
  } catch (cause) {
    throw new Error(
      `${other.typeName} payload (${other.payload.length} bytes) does not decode: ${cause.message}`,
      { cause },
    );
  }
}
