// `npm run demo`: the extension, packaged and installed in a local VS Code (code-server), talking
// to the local SageMaker-compatible service with its demo data. Open the printed URL in a browser.
//
//   npm run demo [-- --port 8080] [--host 127.0.0.1]
//     --port <n>     port of the VS Code server (default 8080; 0 picks a free one)
//     --host <addr>  address to bind (default 127.0.0.1; 0.0.0.0 serves other machines too, without a password)
//
// Ctrl-C stops everything the demo started.
import console from 'node:console';
import os from 'node:os';
import process from 'node:process';
import { URL } from 'node:url';
import { parseArgs } from 'node:util';
import { PrerequisiteError } from './bootstrap.mjs';
import { startDemo } from './demoSetup.mjs';
import { cleanupAll, installCleanupHandlers, stoppingSignal } from './processes.mjs';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { port: { type: 'string', default: '8080' }, host: { type: 'string', default: '127.0.0.1' } },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`[demo] --port must be a port number, not ${values.port}`);
  process.exit(2);
}

installCleanupHandlers({ onSignal: () => console.log('\n[demo] stopping the VS Code server and the local service ...') });
try {
  const demo = await startDemo({ bind: values.host, port });
  const shown = new URL(demo.url);
  if (values.host === '0.0.0.0' || values.host === '::') shown.hostname = os.hostname();
  console.log('');
  if (demo.folderIsFallback) console.log('[demo] examples/fraud-detection does not exist yet: opening the repository root instead');
  console.log(`[demo] VS Code with SageMaker Companion is ready. Open:\n\n    ${shown.toString()}\n`);
  console.log(`[demo] profile "demo" (us-east-1) points at the local service ${demo.service.url}`);
  if (values.host !== '127.0.0.1' && values.host !== 'localhost') {
    console.log('[demo] note: bound beyond this machine with no password; anyone who can reach the port can use this VS Code');
  }
  console.log('[demo] press Ctrl-C to stop');
  await demo.server.failed; // runs until Ctrl-C, or until the server stops by itself
} catch (error) {
  if (stoppingSignal()) await new Promise(() => {}); // Ctrl-C: the signal handler exits after cleanup
  console.error(`[demo] ${error instanceof PrerequisiteError ? error.message : error instanceof Error ? error.message : String(error)}`);
  await cleanupAll();
  process.exit(2);
}
