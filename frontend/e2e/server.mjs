// server.mjs starts the real headless Go server for browser tests and reads
// its URLs from stdout (no sleeps: we await the printed lines).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const frontendDir = resolve(import.meta.dirname, '..');

/** serverBin is OCL_SERVER_BIN or ../bin/opencodelabs relative to frontend/. */
export const serverBin = resolve(frontendDir, process.env.OCL_SERVER_BIN ?? '../bin/opencodelabs');

/**
 * startServer launches the server on a free loopback port with a fresh data
 * dir (or the given dataDir, which stop() then leaves in place); args are
 * extra flags (e.g. --allow-host). It resolves with {adminURL, attendeeURL,
 * token, stop}.
 */
export async function startServer({ timeoutMs = 30_000, args = [], dataDir: givenDir } = {}) {
  const dataDir = givenDir ?? mkdtempSync(join(tmpdir(), 'ocl-e2e-'));
  const child = spawn(serverBin, ['--no-mdns', '--addr', '127.0.0.1:0', '--data-dir', dataDir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [];
  child.stderr.on('data', (d) => output.push(String(d)));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    }
    if (!givenDir) rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const urls = await new Promise((resolvePromise, reject) => {
      const found = {};
      const timer = setTimeout(
        () => reject(new Error(`server printed no URLs within ${timeoutMs} ms:\n${output.join('')}`)),
        timeoutMs,
      );
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(new Error(`start ${serverBin}: ${e.message}`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code} before printing its URLs:\n${output.join('')}`));
      });
      createInterface({ input: child.stdout }).on('line', (line) => {
        output.push(line + '\n');
        const admin = line.match(/admin URL:\s*(http:\/\/127\.0\.0\.1:\d+\/admin\/#token=(\S+))/);
        const attendee = line.match(/attendee URL:\s*(http:\/\/127\.0\.0\.1:\d+\/)\s*$/);
        if (admin) [, found.adminURL, found.token] = admin;
        if (attendee) found.attendeeURL = attendee[1];
        if (found.adminURL && found.attendeeURL) {
          clearTimeout(timer);
          resolvePromise(found);
        }
      });
    });
    return { ...urls, stop, output };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** adminFetch calls the admin API directly, to check what the UI saved. */
export async function adminFetch(server, path) {
  const base = new URL(server.adminURL).origin;
  const res = await fetch(base + path, { headers: { Authorization: `Bearer ${server.token}` } });
  if (!res.ok) throw new Error(`GET ${path}: got status ${res.status}, want 200`);
  return res.json();
}
