// TokgateError.retryable against tests/clients/retryable.json, the table of docs/clients.md
// that the Python and Go clients are tested against too; a `refused` row is a real call to a
// loopback port where nothing listens.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import { test } from 'node:test';
import { create, toBinary } from '@bufbuild/protobuf';
import { Code, ConnectError, ErrorDetailSchema, TokgateError, createClients } from '../src/index.js';

const TABLE = JSON.parse(
  fs.readFileSync(new URL('../../../tests/clients/retryable.json', import.meta.url), 'utf8'),
);

/** Connect's Code for a gRPC code name (the same numbers; gRPC spells CANCELLED with two Ls). */
function codeOf(name) {
  const pascal = name.toLowerCase().replace(/(^|_)(.)/g, (_, __, c) => c.toUpperCase());
  const code = Code[pascal === 'Cancelled' ? 'Canceled' : pascal];
  assert.equal(typeof code, 'number', `no Connect code for ${name}`);
  return code;
}

function failure(code, condition, detailRetryable) {
  const err = new ConnectError(condition, code);
  if (detailRetryable !== null) {
    const detail = create(ErrorDetailSchema, { retryable: detailRetryable });
    err.details.push({ type: ErrorDetailSchema.typeName, value: toBinary(ErrorDetailSchema, detail) });
  }
  return new TokgateError(err);
}

async function refusedCall() {
  const port = await new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = server.address();
      server.close(() => resolve(free));
    });
  });
  const tokgate = createClients(`127.0.0.1:${port}`, { timeoutMs: 10_000 });
  try {
    await tokgate.users.getUser({ uniqueId: 'someone' });
    assert.fail('a call to a closed port succeeded');
  } catch (err) {
    return err;
  } finally {
    tokgate.close();
  }
}

test('TokgateError.retryable follows the shared table', async () => {
  for (const row of TABLE.cases) {
    const codes = row.codes.map(codeOf);
    const errors = row.refused
      ? [await refusedCall()]
      : codes.map((code) => failure(code, row.condition, row.detail_retryable));
    for (const err of errors) {
      assert.ok(err instanceof TokgateError, `${row.condition}: ${err}`);
      assert.ok(codes.includes(err.code), `${row.condition}: failed ${Code[err.code]}`);
      assert.equal(err.retryable, row.retryable, `${row.condition}: ${Code[err.code]}`);
    }
  }
});
