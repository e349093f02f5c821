import assert from 'node:assert/strict';
import { isLoggingKind, logSourceFor, shortStreamName } from '../../../src/core/logs/logSources';

describe('where SageMaker writes logs', () => {
  it('uses one group per job kind with the job name as stream prefix, and a group per endpoint', () => {
    assert.deepEqual(logSourceFor('trainingJob', 'fraud-xgb'), { group: '/aws/sagemaker/TrainingJobs', streamPrefix: 'fraud-xgb/' });
    assert.deepEqual(logSourceFor('processingJob', 'prep'), { group: '/aws/sagemaker/ProcessingJobs', streamPrefix: 'prep/' });
    assert.deepEqual(logSourceFor('transformJob', 'score'), { group: '/aws/sagemaker/TransformJobs', streamPrefix: 'score/' });
    assert.deepEqual(logSourceFor('endpoint', 'churn'), { group: '/aws/sagemaker/Endpoints/churn' });
    assert.equal(isLoggingKind('tuningJob'), false);
  });

  it('names a job stream by its host', () => {
    assert.equal(shortStreamName('fraud-xgb/algo-2-1732100000', 'fraud-xgb/'), 'algo-2');
    assert.equal(shortStreamName('AllTraffic/i-0abc123', undefined), 'AllTraffic/i-0abc123');
  });
});
