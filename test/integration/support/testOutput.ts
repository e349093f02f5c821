// Where the in-host runner writes its report: to the harness over the bridge channel when there
// is one (the extension host keeps `console` to itself), else to the console (electron launcher).
import { env } from './environment';

export interface TestOutput {
  write(text: string): void;
  /** Resolves once everything written so far has reached the harness. */
  flush(): Promise<void>;
}

class BridgeOutput implements TestOutput {
  private queue: string[] = [];
  private sending: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly base: string) {}

  write(text: string): void {
    this.queue.push(text);
    this.timer ??= setTimeout(() => void this.flush(), 50);
  }

  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const entries = this.queue.splice(0).map((text) => ({ level: 'log', text }));
    if (entries.length > 0) {
      // Sent one batch after another, so the harness prints them in order.
      this.sending = this.sending.then(() => this.post(entries));
    }
    return this.sending;
  }

  private async post(entries: { level: string; text: string }[]): Promise<void> {
    try {
      await fetch(`${this.base}/log`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ entries }) });
    } catch (error) {
      for (const entry of entries) console.log(entry.text);
      console.error(`test output could not reach the harness: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

export function createTestOutput(): TestOutput {
  const base = env('bridge');
  if (base) return new BridgeOutput(base);
  return { write: (text) => console.log(text), flush: () => Promise.resolve() };
}
