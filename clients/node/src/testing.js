// Starts `tokgate sim` and `tokgate serve` (routed to it) on free loopback ports, for tests of
// code that calls tokgate (TOKGATE_BIN, else the repo's .venv/bin/tokgate in a checkout, else
// `tokgate` on PATH), or uses TOKGATE_ADDR when set; stops what it started by pid.
//
//   import { startTokgate } from '@tokgate/client/testing';
//   const tokgate = await startTokgate();   // { address, stop }
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Code, createClients } from './index.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The repository's tokgate, when this module runs from a checkout (not an installed package). */
const REPO_TOKGATE = path.join(REPO, '.venv', 'bin', 'tokgate');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function launch(dir, name, args) {
  const bin = process.env.TOKGATE_BIN ?? (fs.existsSync(REPO_TOKGATE) ? REPO_TOKGATE : 'tokgate');
  const log = fs.openSync(path.join(dir, `${name}.log`), 'w');
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TOKGATE_')));
  const child = spawn(bin, args, { stdio: ['ignore', log, log], env, detached: true });
  fs.closeSync(log);
  return child;
}

async function waitFor(what, child, ready, dir, name) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && child.exitCode === null) {
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  const log = fs.readFileSync(path.join(dir, `${name}.log`), 'utf8');
  throw new Error(`${what} not ready (exit code ${child.exitCode}):\n${log}`);
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The server's address and a function that stops what was started. */
export async function startTokgate() {
  if (process.env.TOKGATE_ADDR) return { address: process.env.TOKGATE_ADDR, stop: async () => {} };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokgate-node-test-'));
  const [simPort, port, metricsPort] = [await freePort(), await freePort(), await freePort()];
  const cert = path.join(dir, 'sim.pem');
  const children = [launch(dir, 'sim', ['sim', '--port', `${simPort}`, '--cert-out', cert])];
  const stopAll = async () => {
    for (const child of children.reverse()) await stop(child);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor('tokgate sim', children[0], async () => fs.existsSync(cert) && (await canConnect(simPort)), dir, 'sim');
    const address = `127.0.0.1:${port}`;
    children.push(
      launch(dir, 'serve', [
        'serve', '--listen', address, '--metrics-listen', `127.0.0.1:${metricsPort}`,
        '--tiktok-upstream', `https://127.0.0.1:${simPort}`, '--upstream-ca-file', cert,
      ]),
    );
    await waitFor('tokgate serve', children[1], () => answers(address), dir, 'serve');
    return { address, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/** The server answers (an invalid name is refused before any upstream request). */
async function answers(address) {
  const clients = createClients(address, { timeoutMs: 1000 });
  try {
    await clients.live.getLiveStatus({ uniqueId: '!' });
    return true;
  } catch (err) {
    return err.code !== Code.Unavailable; // anything but UNAVAILABLE: it is up
  } finally {
    clients.close();
  }
}
