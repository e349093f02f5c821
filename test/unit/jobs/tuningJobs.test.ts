import assert from 'node:assert/strict';
import { bestTrialName, listTuningJobsPage, listTuningTrials, sortByObjective, type TuningTrial } from '../../../src/core/resources/tuningJobs';
import { startWithClients, type EmulatorClients } from '../support/emulatorClients';
import { tuningRequest } from './support/fixtures';

function trial(name: string, value: number | undefined, created: number, status = value === undefined ? 'InProgress' : 'Completed'): TuningTrial {
  return { region: 'us-east-1', name, arn: `arn:${name}`, tuningJobName: 't', status, created: new Date(created), objectiveValue: value, hyperParameters: {} };
}

describe('tuning jobs', () => {
  describe('ordering by objective', () => {
    const trials = [trial('a', 0.8, 1), trial('b', 0.9, 2), trial('c', undefined, 3), trial('d', 0.85, 4), trial('e', undefined, 5, 'Failed')];

    it('puts the best first when maximizing, then jobs without a value, newest first', () => {
      assert.deepEqual(
        sortByObjective(trials, 'Maximize').map((t) => t.name),
        ['b', 'd', 'a', 'e', 'c'],
      );
    });

    it('puts the lowest first when minimizing', () => {
      assert.deepEqual(
        sortByObjective(trials, 'Minimize').map((t) => t.name),
        ['a', 'd', 'b', 'e', 'c'],
      );
    });

    it('takes the service’s best job, or else the best value listed', () => {
      const sorted = sortByObjective(trials, 'Maximize');
      assert.equal(bestTrialName(undefined, sorted), 'b');
      assert.equal(bestTrialName({ best: { name: 'd' } } as Parameters<typeof bestTrialName>[0], sorted), 'd');
    });
  });

  describe('against the local service', () => {
    let env: EmulatorClients;

    before(async () => {
      env = await startWithClients({ data: 'empty', clockSpeed: 0 });
      // A tuning job that has run for an hour: its six training jobs are done.
      env.emulator.state.put('hyperParameterTuningJob', env.region, tuningRequest('tune-churn', 6, 2), { createdAt: env.emulator.clock.now().getTime() - 3 * 3600_000 });
    });

    after(async () => {
      await env.dispose();
    });

    it('lists tuning jobs with counts against the maximum, the objective and the best job', async () => {
      const page = await listTuningJobsPage(env.clients, env.region, { pageSize: 10 });
      assert.equal(page.source, 'search');
      const job = page.items.find((item) => item.name === 'tune-churn')!;
      assert.equal(job.maxJobs, 6);
      assert.equal(job.maxParallel, 2);
      assert.deepEqual(job.objective, { name: 'validation:auc', type: 'Maximize' });
      const described = env.emulator.state.get('hyperParameterTuningJob', env.region, 'tune-churn') as {
        TrainingJobStatusCounters: { Completed?: number };
        BestTrainingJob?: { TrainingJobName: string };
      };
      assert.equal(job.counts.completed, described.TrainingJobStatusCounters.Completed ?? 0);
      assert.equal(job.best?.name, described.BestTrainingJob?.TrainingJobName);
    });

    it('lists its training jobs ordered by objective, best first', async () => {
      const { trials } = await listTuningTrials(env.clients, env.region, 'tune-churn', 'Maximize');
      const values = trials.filter((t) => t.objectiveValue !== undefined).map((t) => t.objectiveValue!);
      assert.ok(values.length > 0, 'some trials reported the objective');
      assert.deepEqual(values, [...values].sort((a, b) => b - a));
      const page = await listTuningJobsPage(env.clients, env.region, { pageSize: 10 });
      const best = page.items.find((item) => item.name === 'tune-churn')!.best!;
      assert.equal(trials[0]!.name, best.name, 'the first is the service’s best');
    });

    it('falls back to List + Describe when Search is denied', async () => {
      env.emulator.access.deny({ operation: 'Search' });
      const fresh = env.newClients();
      try {
        const page = await listTuningJobsPage(fresh, env.region, { pageSize: 10 });
        assert.equal(page.source, 'listAndDescribe');
        const job = page.items.find((item) => item.name === 'tune-churn')!;
        assert.equal(job.detail, 'full');
        assert.deepEqual(job.objective, { name: 'validation:auc', type: 'Maximize' });
      } finally {
        fresh.dispose();
        env.emulator.access.clear();
      }
    });
  });
});
