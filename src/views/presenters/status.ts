import type { StatusTone } from '../../core/resources/status';

/** The codicon and theme colour for a status tone; spinning icons for what moves. */
export function statusIcon(tone: StatusTone): { id: string; color?: string } {
  switch (tone) {
    case 'running':
      return { id: 'vm-running', color: 'charts.green' };
    case 'moving':
      return { id: 'loading~spin', color: 'charts.yellow' };
    case 'done':
      return { id: 'pass', color: 'charts.green' };
    case 'stopped':
      return { id: 'debug-stop', color: 'disabledForeground' };
    case 'failed':
      return { id: 'error', color: 'errorForeground' };
    case 'unknown':
      return { id: 'circle-outline' };
  }
}
