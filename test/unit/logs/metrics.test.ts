import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readWholeLog } from '../../../src/core/logs/logFollower';
import { logSourceFor } from '../../../src/core/logs/logSources';
import { defaultMetricLimits, downsample, MetricExtractor, toJsRegex, type MetricSeries } from '../../../src/core/logs/metrics';
import { describeTrainingJob, toTrainingJob } from '../../../src/core/resources/trainingJobs';
import { startWithClients, type EmulatorClients } from '../support/emulatorClients';
import { trainingRequest } from '../jobs/support/fixtures';

const line = (timestamp: number, message: string): { timestamp: number; stream: string; message: string } => ({ timestamp, stream: 's', message });

describe('metrics from training logs', () => {
  it('takes the first capture group of each MetricDefinitions regex, timestamped with its line', () => {
    const extractor = new MetricExtractor([
      { name: 'train:loss', regex: 'loss: ([0-9.]+)' },
      { name: 'validation:accuracy', regex: 'val_acc=(?P<value>[0-9.]+)' },
    ]);
    extractor.push([line(1000, 'epoch 1 loss: 0.9 val_acc=0.61'), line(2000, 'nothing here'), line(3000, 'epoch 2 loss: 0.5 val_acc=0.72'), line(4000, 'loss: nan')]);
    const [loss, accuracy] = extractor.result();
    assert.deepEqual(loss, { name: 'train:loss', times: [1000, 3000], values: [0.9, 0.5] });
    assert.deepEqual(accuracy, { name: 'validation:accuracy', times: [1000, 3000], values: [0.61, 0.72] });
  });

  it('reports a regex JavaScript cannot compile instead of failing', () => {
    const extractor = new MetricExtractor([{ name: 'bad', regex: '(unclosed' }, { name: 'good', regex: 'x=(\\d+)' }]);
    assert.equal(extractor.invalid.length, 1);
    assert.equal(extractor.invalid[0]!.name, 'bad');
    assert.deepEqual(
      extractor.result().map((series) => series.name),
      ['good'],
    );
  });

  it('turns Python named groups into JavaScript ones', () => {
    assert.equal(toJsRegex('a=(?P<v>\\d+)').source, 'a=(?<v>\\d+)');
  });

  it('matches a regex written against the captured text (#011) and one written against what the job printed (\\t)', () => {
    const extractor = new MetricExtractor([
      { name: 'validation:auc', regex: '.*\\[[0-9]+\\].*#011validation-auc:([-+]?[0-9]*\\.?[0-9]+).*' },
      { name: 'train:auc', regex: '\\ttrain-auc:([0-9.]+)' },
    ]);
    extractor.push([line(1000, '[0]#011train-auc:0.71#011validation-auc:0.65'), line(2000, '[1]#011train-auc:0.75#011validation-auc:0.69')]);
    const [validation, train] = extractor.result();
    assert.deepEqual(validation!.values, [0.65, 0.69]);
    assert.deepEqual(train!.values, [0.71, 0.75]);
  });

  it('looks only at the first characters of a very long line', () => {
    const extractor = new MetricExtractor([{ name: 'm', regex: 'm=(\\d+)' }], { ...defaultMetricLimits, maxLineLength: 100 });
    extractor.push([line(1, `${'x'.repeat(50)} m=1`), line(2, `${'x'.repeat(200)} m=2`)]);
    assert.deepEqual(extractor.result()[0]!.values, [1]);
  });

  it('stops a catastrophically backtracking regex promptly, keeps the other metrics going, and says which it stopped', async function () {
    // Run in a child process with a watchdog, so a regex that freezes the thread fails this test instead of hanging it.
    this.timeout(120_000);
    const script = `
      const loaded = await import(${JSON.stringify(pathToFileURL(resolve('src/core/logs/metrics.ts')).href)});
      const { MetricExtractor } = loaded.MetricExtractor ? loaded : loaded.default;
      const extractor = new MetricExtractor([{ name: 'evil', regex: '(a+)+$' }, { name: 'loss', regex: 'loss=([0-9.]+)' }]);
      const long = 'a'.repeat(3000) + '!';
      extractor.push([{ timestamp: 1, stream: 's', message: long }, { timestamp: 2, stream: 's', message: 'loss=0.5' }]);
      extractor.push([{ timestamp: 3, stream: 's', message: long }, { timestamp: 4, stream: 's', message: 'loss=0.25' }]);
      console.log(JSON.stringify({ stopped: extractor.stopped.map((s) => s.name), series: extractor.result() }));
    `;
    const outcome = await new Promise<{ code: number | null; out: string; hung: boolean }>((done) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      let hung = false;
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const watchdog = setTimeout(() => {
        hung = true;
        child.kill('SIGKILL');
      }, 90_000);
      child.on('exit', (code) => {
        clearTimeout(watchdog);
        done({ code, out, hung });
      });
    });
    assert.equal(outcome.hung, false, 'the regex froze the process: the watchdog had to kill it');
    assert.equal(outcome.code, 0);
    const result = JSON.parse(outcome.out) as { stopped: string[]; series: Array<{ name: string; values: number[] }> };
    assert.deepEqual(result.stopped, ['evil']);
    assert.deepEqual(result.series.find((series) => series.name === 'loss')!.values, [0.5, 0.25]);
    assert.deepEqual(result.series.find((series) => series.name === 'evil')!.values, []);
  });

  it('thins long series to a bound while keeping first, last, lows and highs', () => {
    const times = Array.from({ length: 100_000 }, (_, i) => i);
    const values = times.map((i) => Math.sin(i / 1000) + (i === 54_321 ? 10 : 0));
    const series: MetricSeries = { name: 'm', times, values };
    const thin = downsample(series, 2_000);
    assert.ok(thin.times.length <= 2_001, `${thin.times.length} points`);
    assert.equal(thin.times[0], 0);
    assert.equal(thin.times.at(-1), 99_999);
    assert.ok(thin.values.includes(values[54_321]!), 'the spike survives');
    assert.equal(Math.min(...thin.values), Math.min(...values));
    for (let i = 1; i < thin.times.length; i++) assert.ok(thin.times[i - 1]! < thin.times[i]!);
    assert.equal(downsample({ name: 'short', times: [1, 2], values: [3, 4] }, 2_000).times.length, 2);
  });

  describe('from a built-in XGBoost job on the local service', () => {
    let env: EmulatorClients;
    before(async () => {
      env = await startWithClients({ data: 'empty', clockSpeed: 0 });
    });
    after(async () => {
      await env.dispose();
    });

    it('charts each metric the job printed, ending at its final value', async () => {
      const now = env.emulator.clock.now().getTime();
      env.emulator.state.put('trainingJob', env.region, trainingRequest('xgb-metrics', { hyperParameters: { num_round: '40', objective: 'binary:logistic', eval_metric: 'auc' } }), {
        createdAt: now - 6 * 3600_000,
        outcome: 'Completed',
        trainingSeconds: 1200,
      });
      const job = toTrainingJob(env.region, await describeTrainingJob(env.clients, env.region, 'xgb-metrics'));
      assert.ok(job.metricDefinitions.length > 0, 'built-in algorithms come with metric definitions');
      const extractor = new MetricExtractor(job.metricDefinitions);
      await readWholeLog({ clients: env.clients, region: env.region, source: logSourceFor('trainingJob', 'xgb-metrics'), onLines: (batch) => extractor.push(batch) });
      const charted = extractor.result().filter((series) => series.values.length > 0);
      assert.ok(charted.length > 0, 'some metric has values');
      assert.ok(charted.some((series) => job.finalMetrics.some((metric) => metric.name === series.name)), 'a charted metric has a final value to compare with');
      for (const series of charted) {
        const final = job.finalMetrics.find((metric) => metric.name === series.name);
        if (final) assert.ok(Math.abs(series.values.at(-1)! - final.value) < 1e-4, `${series.name}: last logged ${series.values.at(-1)} vs final ${final.value}`);
        for (let i = 1; i < series.times.length; i++) assert.ok(series.times[i - 1]! <= series.times[i]!);
      }
    });
  });
});
