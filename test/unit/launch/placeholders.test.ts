import * as assert from 'node:assert/strict';
import { needsAccount, placeholdersIn, placeholderValue, resolveDeep, type PlaceholderValues } from '../../../src/core/launch/placeholders';

describe('spec placeholders', () => {
  const values: PlaceholderValues = {
    now: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)),
    region: 'eu-west-1',
    account: '111122223333',
    role: 'arn:aws:iam::111122223333:role/Trainer',
    image: (arg) => (arg === 'xgboost:1.7-1' ? { uri: 'xgb-uri' } : { error: `no image ${arg ?? ''}` }),
  };
  const resolve = (value: unknown): unknown =>
    resolveDeep(value, (ref) => {
      const answer = placeholderValue(ref, values);
      if ('error' in answer) throw new Error(answer.error);
      return answer.value;
    });

  it('finds placeholders with their offsets, skipping $${ escapes', () => {
    const refs = placeholdersIn('s3://${defaultBucket}/x/$${literal}/${image:xgboost:1.7-1}');
    assert.deepEqual(
      refs.map((ref) => [ref.name, ref.arg, ref.start, ref.end]),
      [
        ['defaultBucket', undefined, 5, 21],
        ['image', 'xgboost:1.7-1', 36, 58],
      ],
    );
  });

  it('resolves every string in a nested spec, once per launch', () => {
    const resolved = resolve({
      TrainingJobName: 'fraud-${timestamp}',
      Out: ['s3://${defaultBucket}/${region}/', 'acct ${account}'],
      RoleArn: '${role}',
      Image: '${image:xgboost:1.7-1}',
      Count: 2,
      Escaped: 'keep $${this}',
    });
    assert.deepEqual(resolved, {
      TrainingJobName: 'fraud-2026-01-02-03-04-05-678',
      Out: ['s3://sagemaker-eu-west-1-111122223333/eu-west-1/', 'acct 111122223333'],
      RoleArn: 'arn:aws:iam::111122223333:role/Trainer',
      Image: 'xgb-uri',
      Count: 2,
      Escaped: 'keep ${this}',
    });
  });

  it('explains what is missing instead of resolving to something wrong', () => {
    const noRole = placeholderValue({ name: 'role', start: 0, end: 7 }, { ...values, role: undefined });
    assert.ok('error' in noRole && /sagemaker\.launch\.executionRoleArn/.test(noRole.error));
    const unknown = placeholderValue({ name: 'bucket', start: 0, end: 9 }, values);
    assert.ok('error' in unknown && /unknown placeholder \$\{bucket\}/.test(unknown.error));
    const noAccount = placeholderValue({ name: 'defaultBucket', start: 0, end: 16 }, { ...values, account: undefined });
    assert.ok('error' in noAccount);
  });

  it('knows when the account id (an STS call) is needed', () => {
    assert.equal(needsAccount({ a: 's3://${defaultBucket}/x' }), true);
    assert.equal(needsAccount({ a: ['${account}'] }), true);
    assert.equal(needsAccount({ a: '${timestamp} ${role}' }), false);
  });
});
