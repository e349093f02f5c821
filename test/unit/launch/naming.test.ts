import * as assert from 'node:assert/strict';
import { baseOfName, nameFromBase, sanitizeBase, sdkTimestamp, shortTimestamp } from '../../../src/core/launch/naming';

describe('launch naming (SageMaker Python SDK style)', () => {
  const when = new Date(Date.UTC(2026, 10, 20, 14, 5, 9, 7));

  it('writes the SDK timestamp in UTC with zero-padded milliseconds', () => {
    assert.equal(sdkTimestamp(when), '2026-11-20-14-05-09-007');
    assert.equal(shortTimestamp(when), '261120-140509');
  });

  it('names <base>-<timestamp> and trims the base to fit the maximum length', () => {
    assert.equal(nameFromBase('fraud-xgb', when), 'fraud-xgb-2026-11-20-14-05-09-007');
    const long = nameFromBase('a'.repeat(80), when);
    assert.equal(long.length, 63);
    assert.match(long, /^a+-2026-11-20-14-05-09-007$/);
    const tuning = nameFromBase('fraud-detection-hyperparameters', when, 32);
    assert.ok(tuning.length <= 32, tuning);
    assert.match(tuning, /-261120-140509$/);
  });

  it('never leaves a dash before the timestamp separator when trimming', () => {
    assert.equal(nameFromBase('abcdefghijklmnopq-rstu', when, 32), 'abcdefghijklmnopq-261120-140509');
    assert.equal(nameFromBase('abcdefghijklmnopqr-stu', when, 32), 'abcdefghijklmnopqr-261120-140509');
  });

  it('recovers the base of generated names and leaves others alone', () => {
    assert.equal(baseOfName('fraud-xgb-2026-11-20-14-05-09-007'), 'fraud-xgb');
    assert.equal(baseOfName('fraud-hpo-261120-140509'), 'fraud-hpo');
    assert.equal(baseOfName('my-job'), 'my-job');
  });

  it('turns file and image names into name-safe bases', () => {
    assert.equal(sanitizeBase('Train_Model.v2'), 'train-model-v2');
    assert.equal(sanitizeBase('***'), 'job');
  });
});
