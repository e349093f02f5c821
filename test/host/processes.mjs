// Every process and resource the harness starts is registered here, so that one cleanup stops
// all of them: at the end of a run, on failure, on Ctrl-C (SIGINT), SIGTERM and SIGHUP.
import { spawn } from 'node:child_process';
import console from 'node:console';
import process from 'node:process';
import { setTimeout } from 'node:timers';

/** @type {Set<{ name: string, close: () => Promise<void> | void, killNow?: () => void }>} */
const resources = new Set();
let cleaning;

/**
 * Registers a cleanup. `close` may be async; `killNow` must be synchronous (used when the
 * process is exiting and async work can no longer run).
 */
export function track(name, close, killNow) {
  const entry = { name, close, killNow };
  resources.add(entry);
  return () => resources.delete(entry);
}

/** Runs every registered cleanup, newest first; safe to call more than once. */
export function cleanupAll() {
  cleaning ??= (async () => {
    for (const entry of [...resources].reverse()) {
      resources.delete(entry);
      try {
        await entry.close();
      } catch (error) {
        console.error(`[host] cleanup of ${entry.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })();
  return cleaning;
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Spawns a child in its own process group (so Ctrl-C in the terminal reaches only the harness,
 * which then stops the whole group, grandchildren included) and registers it for cleanup.
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions} options
 */
export function spawnTracked(name, command, args, options = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options, detached: true });
  let exited = child.exitCode !== null;
  const exitedPromise = new Promise((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
    child.once('error', () => {
      exited = true;
      resolve();
    });
  });
  const stop = async () => {
    if (child.pid === undefined) return;
    if (exited) {
      killGroup(child.pid, 'SIGKILL'); // grandchildren may outlive the leader
      return;
    }
    killGroup(child.pid, 'SIGTERM');
    const timer = new Promise((resolve) => setTimeout(resolve, 5000).unref());
    await Promise.race([exitedPromise, timer]);
    killGroup(child.pid, 'SIGKILL');
  };
  const untrack = track(name, stop, () => child.pid !== undefined && killGroup(child.pid, 'SIGKILL'));
  return {
    child,
    exited: exitedPromise,
    async stop() {
      untrack();
      await stop();
    },
  };
}

let handlersInstalled = false;
let stoppingFor;

/** The signal that is stopping this process, if any: failures it causes are not worth reporting. */
export function stoppingSignal() {
  return stoppingFor;
}

/**
 * Installs the signal and exit handlers once. `onSignal` lets the caller report before exiting.
 * @param {{ onSignal?: (signal: string) => void }} [options]
 */
export function installCleanupHandlers({ onSignal } = {}) {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const exitCodes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  for (const signal of Object.keys(exitCodes)) {
    process.on(signal, () => {
      if (stoppingFor) return;
      stoppingFor = signal;
      onSignal?.(signal);
      void cleanupAll().finally(() => process.exit(exitCodes[signal]));
    });
  }
  // Last resort when the process exits without an orderly cleanup (uncaught error, process.exit).
  process.on('exit', () => {
    for (const entry of resources) entry.killNow?.();
  });
}
