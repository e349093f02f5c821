import assert from 'node:assert/strict';
import { describeTrainingJob } from '../../../src/core/resources/trainingJobs';
import { describeTuningJob, listTuningTrials, toTuningJob } from '../../../src/core/resources/tuningJobs';
import { isPanelMessage } from '../../../src/webviews/protocol';
import { trainingJobView } from '../../../src/webviews/trainingJobModel';
import { tuningJobView } from '../../../src/webviews/tuningJobModel';
import { startWithClients, type EmulatorClients } from '../support/emulatorClients';
import { trainingRequest, tuningRequest } from './support/fixtures';
import { fixedPrices, live } from './support/prices';

describe('job panels: what they show', () => {
  let env: EmulatorClients;

  before(async () => {
    env = await startWithClients({ data: 'empty', clockSpeed: 0 });
    const now = env.emulator.clock.now().getTime();
    env.emulator.state.put('trainingJob', env.region, trainingRequest('panel-job', { spot: true, hyperParameters: { num_round: '40', eta: '0.2' } }), {
      createdAt: now - 6 * 3600_000,
      outcome: 'Completed',
      trainingSeconds: 1800,
    });
    env.emulator.state.put('hyperParameterTuningJob', env.region, tuningRequest('panel-tune', 5, 2), { createdAt: now - 5 * 3600_000 });
  });

  after(async () => {
    await env.dispose();
  });

  it('gives a finished training job its timeline, final metrics, data, billable time and cost', async () => {
    const answer = await describeTrainingJob(env.clients, env.region, 'panel-job');
    const prices = fixedPrices({ 'ml.m5.xlarge/spotTraining': live(0.069), 'ml.m5.xlarge/training': live(0.23) });
    const view = trainingJobView(env.region, answer, prices);
    assert.equal(view.status, 'Completed');
    assert.equal(view.running, false);
    assert.deepEqual(
      view.timeline.map((entry) => entry.status),
      (answer.SecondaryStatusTransitions ?? []).map((transition) => transition.Status),
    );
    assert.ok(view.timeline.some((entry) => entry.status === 'Training'));
    assert.deepEqual(
      view.finalMetrics,
      (answer.FinalMetricDataList ?? []).map((metric) => ({ name: metric.MetricName, value: metric.Value })),
    );
    const summary = new Map(view.summary);
    assert.equal(summary.get('Managed spot training'), 'yes');
    assert.ok(summary.get('Billable time'), 'billable time shown');
    assert.match(summary.get('Cost') ?? '', /^\$[\d.]+ \(\$0\.069\/h\)$/);
    assert.deepEqual(new Map(view.hyperParameters).get('eta'), '0.2');
    assert.deepEqual(view.inputs, [['train', 's3://my-bucket/train/ · FullyReplicated']]);
    assert.equal(new Map(view.outputs).get('Output path'), 's3://my-bucket/output/');
    assert.ok(view.metricNames.length > 0, 'the metric names it can chart');
  });

  it('gives a tuning job each trial’s objective over time and the leaders, best first', async () => {
    const job = toTuningJob(env.region, await describeTuningJob(env.clients, env.region, 'panel-tune'));
    const { trials } = await listTuningTrials(env.clients, env.region, 'panel-tune', job.objective?.type);
    const view = tuningJobView(job, trials);
    assert.equal(view.trials.length, trials.length);
    for (let i = 1; i < view.trials.length; i++) assert.ok(view.trials[i - 1]!.time <= view.trials[i]!.time, 'in time order');
    assert.equal(view.best?.name, job.best?.name);
    const values = view.leaders.map((leader) => leader.value!);
    assert.deepEqual(values, [...values].sort((a, b) => b - a), 'leaders best first (maximize)');
    assert.match(view.leaders[0]!.parameters, /eta=|max_depth=/);
  });

  it('accepts only the messages a panel may send', () => {
    assert.equal(isPanelMessage({ type: 'ready' }), true);
    assert.equal(isPanelMessage({ type: 'openTrainingJob', name: 'job-1' }), true);
    assert.equal(isPanelMessage({ type: 'openTrainingJob', name: '' }), false);
    assert.equal(isPanelMessage({ type: 'openTrainingJob', name: 'x'.repeat(64) }), false);
    assert.equal(isPanelMessage({ type: 'runShell', command: 'rm -rf /' }), false);
    assert.equal(isPanelMessage('ready'), false);
  });
});
