// Where the .proto files live: tokgate's contract (protos/ of the repo, or TOKGATE_PROTO_DIR)
// and Google's standard ones (google/rpc/status.proto, error_details.proto and the
// well-known types) from the google-proto-files package.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The directory holding tokgate/v1/*.proto. */
export const TOKGATE_PROTO_DIR =
  process.env.TOKGATE_PROTO_DIR ??
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'protos');

/** The directory holding google/rpc/*.proto and google/protobuf/*.proto. */
export const GOOGLE_PROTO_DIR = path.resolve(
  path.dirname(require.resolve('google-proto-files/google/rpc/status.proto')),
  '..',
  '..',
);

/** The contract's files, relative to TOKGATE_PROTO_DIR. */
export const TOKGATE_PROTO_FILES = [
  'tokgate/v1/errors.proto',
  'tokgate/v1/live.proto',
  'tokgate/v1/users.proto',
  'tokgate/v1/admin.proto',
];
