// Bundles src/overlay.ts and copies the page into dist/ (`make overlay`). The messages and the
// LiveService descriptor are the Node client's generated code (clients/node/gen, made by
// `make protos`); their @bufbuild/protobuf imports resolve to this package's copy, so the
// bundle holds one protobuf runtime whatever clients/node/node_modules holds.
import { copyFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");

const oneProtobufRuntime = {
  name: "one-protobuf-runtime",
  setup(bundle) {
    bundle.onResolve({ filter: /^@bufbuild\/protobuf(\/|$)/ }, (args) =>
      args.resolveDir === here ? undefined : bundle.resolve(args.path, { kind: args.kind, resolveDir: here }),
    );
  },
};

await mkdir(dist, { recursive: true });
await build({
  entryPoints: [join(here, "src/overlay.ts")],
  outfile: join(dist, "overlay.js"),
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  legalComments: "none",
  plugins: [oneProtobufRuntime],
  logLevel: "warning",
});
await Promise.all(["index.html", "overlay.css"].map((file) => copyFile(join(here, file), join(dist, file))));
