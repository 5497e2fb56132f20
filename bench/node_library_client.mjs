// The in-process baseline of bench/bench_end_to_end.py: a Node TikTok LIVE library
// (tiktok-live-connector, installed apart by `make bench`) receiving one simulator room in its
// own process, every event type listened to, as a user running it in-process would.
//
//   node bench/node_library_client.mjs ENTRY HOST UNIQUE_ID COUNT_FILE
//
// ENTRY: the package's ES module entry (absolute path: it lives outside this directory).
// HOST: the simulator's host:port, for TikTok's web and webcast hosts; its sign server is
// SIGN_API_URL, its certificate NODE_EXTRA_CA_CERTS (both in the environment). The count of
// messages decoded (`decodedData`, one per webcast message) is written to COUNT_FILE every
// 100 ms; the bench reads it and this process's CPU from /proc, and stops it with SIGTERM.
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [entry, host, uniqueId, countFile] = process.argv.slice(2);
const library = await import(pathToFileURL(entry).href);
const { TikTokLiveConnection, WebcastEvent, WebcastWebConfigDefaults } = library;
WebcastWebConfigDefaults.TIKTOK_HOST_WEB = host;
WebcastWebConfigDefaults.TIKTOK_HOST_WEBCAST = host;
WebcastWebConfigDefaults.TIKTOK_HTTP_ORIGIN = `https://${host}`;

let decoded = 0;
const connection = new TikTokLiveConnection(uniqueId, { fetchRoomInfoOnConnect: false });
for (const name of Object.values(WebcastEvent)) {
  connection.on(name, () => {});
}
connection.on("decodedData", () => {
  decoded += 1;
});
connection.on("error", (error) => console.error("error:", error?.message ?? error));
try {
  await connection.connect();
} catch (error) {
  console.error("connect failed:", error?.message ?? error);
  process.exit(2);
}
setInterval(() => writeFileSync(countFile, String(decoded)), 100);
process.on("SIGTERM", () => {
  connection.disconnect();
  process.exit(0);
});
