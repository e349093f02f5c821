import type { HostMessage, TuningJobView } from '../protocol';
import { seriesColor, timeChart } from './charts';
import { button, el, formatNumber, onHostMessage, replaceApp, section, send, staleNote, statusBadge, table } from './common';

let view: TuningJobView | undefined;
let problem: string | undefined;
let stale: { readonly asOf: number; readonly reason?: string } | undefined;

/** Each finished trial's objective over time, and the best value so far as a stepped line. */
function objectiveChart(current: TuningJobView): HTMLElement {
  const scored = current.trials.filter((trial) => trial.value !== undefined);
  if (!current.objective || scored.length === 0) {
    return el('p', { class: 'muted' }, current.running ? 'No training job has reported the objective yet.' : 'No training job reported the objective.');
  }
  const maximize = current.objective.type === 'Maximize';
  let best: number | undefined;
  const bestSoFar = scored.map((trial) => {
    best = best === undefined ? trial.value! : maximize ? Math.max(best, trial.value!) : Math.min(best, trial.value!);
    return best;
  });
  return timeChart({
    title: `${current.objective.name} of each training job (${maximize ? 'higher' : 'lower'} is better)`,
    times: scored.map((trial) => trial.time),
    series: [
      { label: current.objective.name, values: scored.map((trial) => trial.value!), color: seriesColor(0), style: 'points' },
      { label: 'best so far', values: bestSoFar, color: seriesColor(2), style: 'steps' },
    ],
  });
}

function leaders(current: TuningJobView): HTMLElement {
  if (current.leaders.length === 0) return el('p', { class: 'muted' }, 'No results yet.');
  return el(
    'table',
    {},
    el('thead', {}, el('tr', {}, el('th', {}, 'Training job'), el('th', {}, current.objective?.name ?? 'Objective'), el('th', {}, 'Status'), el('th', {}, 'Hyperparameters'))),
    el(
      'tbody',
      {},
      ...current.leaders.map((leader) => {
        const open = el('a', { href: '#', class: 'link', title: `Open ${leader.name}` }, leader.name);
        open.addEventListener('click', (event) => {
          event.preventDefault();
          send({ type: 'openTrainingJob', name: leader.name });
        });
        return el(
          'tr',
          { class: leader.name === current.best?.name ? 'best' : '' },
          el('td', {}, open, leader.name === current.best?.name ? el('span', { class: 'badge tone-done' }, 'best') : undefined),
          el('td', { class: 'number' }, formatNumber(leader.value)),
          el('td', {}, leader.status),
          el('td', { class: 'parameters' }, leader.parameters),
        );
      }),
    ),
  );
}

function render(): void {
  if (!view) {
    replaceApp(el('p', { class: problem ? 'error' : 'muted' }, problem ?? 'Loading…'));
    return;
  }
  const current = view;
  replaceApp(
    el('header', {}, el('h1', {}, current.name), statusBadge(current.status, current.statusTone), el('div', { class: 'actions' }, button('Refresh', () => send({ type: 'refresh' })))),
    problem ? el('p', { class: 'error' }, problem) : undefined,
    staleNote(stale),
    section('Summary', table(current.summary)),
    section('Objective across training jobs', objectiveChart(current)),
    section('Best training jobs', leaders(current)),
  );
}

onHostMessage((message: HostMessage) => {
  if (message.type === 'tuningJob') {
    view = message.view;
    problem = undefined;
  } else if (message.type === 'error') {
    problem = message.message;
  } else if (message.type === 'stale') {
    stale = message.asOf === undefined ? undefined : { asOf: message.asOf, reason: message.reason };
  } else {
    return;
  }
  render();
});
render();
