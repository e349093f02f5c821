import type { HostMessage, MetricsState, TimelineEntry, TrainingJobView } from '../protocol';
import { seriesColor, timeChart } from './charts';
import { button, el, formatNumber, formatSpan, formatTime, onHostMessage, replaceApp, section, send, staleNote, statusBadge, table } from './common';

let view: TrainingJobView | undefined;
let metrics: MetricsState = { state: 'loading', lines: 0 };
let problem: string | undefined;
let stale: { readonly asOf: number; readonly reason?: string } | undefined;

function timeline(entries: readonly TimelineEntry[], running: boolean): HTMLElement {
  if (entries.length === 0) return el('p', { class: 'muted' }, 'No status transitions yet.');
  const first = entries[0]!.start;
  const last = Math.max(...entries.map((entry) => entry.end ?? (running ? Date.now() : entry.start)));
  const span = Math.max(1, last - first);
  return el(
    'ol',
    { class: 'timeline' },
    ...entries.map((entry, index) => {
      const end = entry.end ?? (running && index === entries.length - 1 ? Date.now() : entry.start);
      const bar = el('span', { class: 'timeline-bar', 'aria-hidden': 'true' });
      // Widths and offsets through the CSSOM (no inline style attributes under the CSP).
      bar.style.marginLeft = `${((entry.start - first) / span) * 100}%`;
      bar.style.width = `${Math.max(0.5, ((end - entry.start) / span) * 100)}%`;
      return el(
        'li',
        {},
        el('span', { class: 'timeline-status' }, entry.status),
        el('span', { class: 'timeline-time' }, `${formatTime(entry.start)} · ${entry.end ? formatSpan(entry.end - entry.start) : running ? 'now' : ''}`),
        el('span', { class: 'timeline-track' }, bar),
        entry.message ? el('span', { class: 'timeline-message' }, entry.message) : undefined,
      );
    }),
  );
}

function metricsSection(current: TrainingJobView): HTMLElement {
  switch (metrics.state) {
    case 'loading':
      return section('Metrics over time', el('p', { class: 'muted' }, `Reading the log for ${current.metricNames.join(', ') || 'metrics'}…`));
    case 'none':
    case 'error':
      return section('Metrics over time', el('p', { class: metrics.state === 'error' ? 'error' : 'muted' }, metrics.reason));
    case 'ready': {
      // Charts only for the metrics with values; the others are named once, in one line.
      const withValues = metrics.series.filter((series) => series.times.length > 0);
      const empty = metrics.series.filter((series) => series.times.length === 0).map((series) => series.name);
      const source = `From ${metrics.lines} log line${metrics.lines === 1 ? '' : 's'}${metrics.following ? ', following the log' : ''}`;
      const waiting =
        empty.length === 0 ? undefined : metrics.following ? `Waiting for values of ${empty.join(', ')}.` : `The log has no values for ${empty.join(', ')}.`;
      return section(
        'Metrics over time',
        el('p', { class: 'muted' }, withValues.length > 0 ? `${source}: ${withValues.map((series) => `${series.name} (${series.total} values)`).join(', ')}.` : `${source}.`),
        waiting ? el('p', { class: 'muted' }, waiting) : undefined,
        ...metrics.stopped.map((note) => el('p', { class: 'error' }, `Stopped charting ${note}.`)),
        ...withValues.map((series, index) =>
          timeChart({ title: series.name, times: series.times, series: [{ label: series.name, values: series.values, color: seriesColor(index), style: 'line' }] }),
        ),
      );
    }
  }
}

function render(): void {
  if (!view) {
    replaceApp(el('p', { class: problem ? 'error' : 'muted' }, problem ?? 'Loading…'));
    return;
  }
  const current = view;
  replaceApp(
    el(
      'header',
      {},
      el('h1', {}, current.name),
      statusBadge(current.status, current.statusTone),
      el('div', { class: 'actions' }, button('Refresh', () => send({ type: 'refresh' })), button('Open Logs', () => send({ type: 'openLogs' }))),
    ),
    problem ? el('p', { class: 'error' }, problem) : undefined,
    staleNote(stale),
    current.failureReason ? el('p', { class: 'error', role: 'alert' }, `Failure reason: ${current.failureReason}`) : undefined,
    section('Summary', table(current.summary)),
    section('Status timeline', timeline(current.timeline, current.running)),
    section(
      'Final metrics',
      current.finalMetrics.length > 0
        ? table(current.finalMetrics.map((metric) => [metric.name, formatNumber(metric.value)] as const), ['Metric', 'Value'])
        : el('p', { class: 'muted' }, current.running ? 'Final metrics appear when the job finishes.' : 'The job reported no final metrics.'),
    ),
    metricsSection(current),
    section('Hyperparameters', current.hyperParameters.length > 0 ? table(current.hyperParameters, ['Name', 'Value']) : el('p', { class: 'muted' }, 'None.')),
    section('Input data', current.inputs.length > 0 ? table(current.inputs, ['Channel', 'Source']) : el('p', { class: 'muted' }, 'None.')),
    section('Output', table(current.outputs)),
    section('Configuration', table(current.configuration)),
  );
}

onHostMessage((message: HostMessage) => {
  switch (message.type) {
    case 'trainingJob':
      view = message.view;
      problem = undefined;
      break;
    case 'metrics':
      metrics = message.metrics;
      break;
    case 'error':
      problem = message.message;
      break;
    case 'stale':
      stale = message.asOf === undefined ? undefined : { asOf: message.asOf, reason: message.reason };
      break;
    case 'tuningJob':
      return;
  }
  render();
});
render();
