// The harness's side of the channel to the extension host: a localhost HTTP server under a random
// secret path. It serves the UI bridge (POST <base>/ui/<operation>), receives the relayed console
// of the extension host (POST <base>/log) and the test result (POST <base>/started, <base>/done).
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { URL } from 'node:url';
import { track } from './processes.mjs';
import { UiError, runUiOperation } from './uiOperations.mjs';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

function readJson(request) {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks = [];
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
      } catch (error) {
        reject(error);
      }
    });
    request.on('error', reject);
  });
}

function reply(response, status, body) {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/**
 * @param {{ page?: import('playwright-core').Page, onLog?: (entry: { level: string, text: string }) => void, onStarted?: (info: unknown) => void }} options
 */
export async function startBridgeServer({ page, onLog = () => {}, onStarted = () => {} }) {
  const secret = randomBytes(16).toString('hex');
  let resolveDone;
  const done = new Promise((resolve) => (resolveDone = resolve));
  let resolveStarted;
  const started = new Promise((resolve) => (resolveStarted = resolve));

  const server = http.createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const [, key, kind, operation] = url.pathname.split('/');
      if (key !== secret || request.method !== 'POST') return reply(response, 404, { ok: false, error: 'not found' });
      let body;
      try {
        body = await readJson(request);
      } catch (error) {
        return reply(response, 400, { ok: false, error: String(error) });
      }
      switch (kind) {
        case 'log':
          for (const entry of body.entries ?? []) onLog(entry);
          return reply(response, 200, { ok: true });
        case 'started':
          onStarted(body);
          resolveStarted(body);
          return reply(response, 200, { ok: true });
        case 'done':
          resolveDone({ code: Number(body.code ?? 1) });
          return reply(response, 200, { ok: true });
        case 'ui': {
          if (!page) return reply(response, 503, { ok: false, error: 'the UI bridge has no page in this run' });
          try {
            const value = await runUiOperation(page, operation, body.args ?? {});
            return reply(response, 200, { ok: true, value: value ?? null });
          } catch (error) {
            const message = error instanceof UiError ? error.message : `${operation} failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
            return reply(response, 200, { ok: false, error: message });
          }
        }
        default:
          return reply(response, 404, { ok: false, error: `unknown route ${kind}` });
      }
    })();
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const closeServer = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const untrack = track('bridge server', closeServer);
  const close = async () => {
    untrack();
    await closeServer();
  };
  return {
    url: `http://127.0.0.1:${port}/${secret}`,
    started,
    done,
    setPage(next) {
      page = next;
    },
    close,
  };
}
