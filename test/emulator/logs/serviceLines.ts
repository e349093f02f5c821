import type { LineSource } from './store';

const stamp = (t: number): string => new Date(t).toISOString().replace('T', ' ').replace('Z', '').slice(0, 23);
/** Apache-style `[12/May/2024:10:15:31 +0000]`, as model servers log requests. */
export const accessStamp = (t: number): string => {
  const d = new Date(t);
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n: number): string => String(n).padStart(2, '0');
  return `[${p(d.getUTCDate())}/${month}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000]`;
};

export interface ScriptedOptions {
  /** When the container starts printing. */
  start: number;
  /** Where the output stops (job end); the function is read on every call, so stops take effect. */
  end: () => number;
  startup: (t: number) => string[];
  /** A line every `everyMs` while running. */
  everyMs: number;
  periodic: (t: number, i: number) => string;
  closing?: (t: number) => string[];
}

/**
 * A container that prints a few startup lines, then a line at a steady pace (progress of a
 * processing or transform job, health checks of an endpoint), then closing lines at its end.
 */
export class ScriptedLogSource implements LineSource {
  constructor(private readonly o: ScriptedOptions) {}

  produce(from: number, to: number, push: (t: number, message: string) => void): void {
    const { start, everyMs } = this.o;
    const end = this.o.end();
    const startup = this.o.startup(start);
    startup.forEach((line, k) => {
      const t = start + k * 120;
      if (t > from && t <= to && t < end) push(t, line);
    });
    const first = Math.max(1, Math.floor((from - start) / everyMs));
    for (let i = first; ; i++) {
      const t = start + i * everyMs;
      if (t > to || t >= end) break;
      if (t > from) push(t, this.o.periodic(t, i));
    }
    if (Number.isFinite(end) && this.o.closing) {
      const t = end - 1000;
      if (t > from && t <= to) for (const line of this.o.closing(t)) push(t, line);
    }
  }

  span(now: number): { first: number; last: number } | undefined {
    if (now < this.o.start) return undefined;
    return { first: this.o.start, last: Math.min(now, this.o.end()) };
  }
}

export const toolkitLine = (t: number, text: string): string => `${stamp(t).replace('.', ',')} ${text}`;
