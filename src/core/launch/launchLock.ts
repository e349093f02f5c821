import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Who holds a launch lock: shown to the user when a second launch is refused. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: number;
  readonly label: string;
}

export interface HeldLock {
  release(): Promise<void>;
}

/** A lock older than this is left over from a crash, whatever its owner's process id says. */
const staleAfterMs = 6 * 60 * 60 * 1000;

/**
 * One launch per spec at a time, across every window: an exclusive file per spec in a folder
 * all windows share (the extension's global storage), plus an in-process set for double clicks
 * that arrive before the file exists. Locks of processes that died are taken over.
 */
export class LaunchLocks {
  private readonly held = new Set<string>();

  constructor(
    private readonly directory: string,
    private readonly isAlive: (pid: number) => boolean = processIsAlive,
  ) {}

  /** Takes the lock for `key` (a spec's path), or says who holds it. */
  async acquire(key: string, label: string): Promise<{ lock: HeldLock } | { heldBy: LockHolder }> {
    const id = createHash('sha256').update(key).digest('hex').slice(0, 32);
    if (this.held.has(id)) return { heldBy: { pid: process.pid, host: hostname(), startedAt: Date.now(), label } };
    this.held.add(id);
    try {
      await mkdir(this.directory, { recursive: true });
      const path = join(this.directory, `${id}.lock`);
      const holder: LockHolder = { pid: process.pid, host: hostname(), startedAt: Date.now(), label };
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          const handle = await open(path, 'wx');
          await handle.writeFile(JSON.stringify(holder));
          await handle.close();
          return {
            lock: {
              release: async () => {
                this.held.delete(id);
                await rm(path, { force: true });
              },
            },
          };
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
          const current = await readHolder(path);
          if (current && !this.isStale(current)) {
            this.held.delete(id);
            return { heldBy: current };
          }
          await rm(path, { force: true });
        }
      }
      this.held.delete(id);
      const current = await readHolder(path);
      return { heldBy: current ?? holder };
    } catch (error) {
      this.held.delete(id);
      throw error;
    }
  }

  private isStale(holder: LockHolder): boolean {
    if (Date.now() - holder.startedAt > staleAfterMs) return true;
    return holder.host === hostname() && holder.pid !== process.pid && !this.isAlive(holder.pid);
  }
}

async function readHolder(path: string): Promise<LockHolder | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.startedAt !== 'number') return undefined;
    return { pid: parsed.pid, host: String(parsed.host ?? ''), startedAt: parsed.startedAt, label: String(parsed.label ?? '') };
  } catch {
    // A lock being written right now reads as empty: treat it as held by someone unknown, briefly.
    return { pid: -1, host: '', startedAt: Date.now(), label: 'another window' };
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
