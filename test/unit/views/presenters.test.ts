import { strict as assert } from 'node:assert';
import { contextValue } from '../../../src/views/presenters/contextValues';
import { describeFailure, failureMessage, presentFailure } from '../../../src/views/presenters/errorPresenter';
import { presentDomain } from '../../../src/views/presenters/studio';
import { resolveConnection } from '../../../src/core/aws/connection';
import { buildSharedConfig } from '../../../src/core/aws/sharedConfig';

const connection = resolveConnection({ profile: 'ml-team', region: 'eu-west-1' }, {}, buildSharedConfig('[profile ml-team]\nregion=eu-west-1\n', '', { configPath: 'c', credentialsPath: 'k' }));

describe('presenters', () => {
  it('builds contextValues as kind.State.flags', () => {
    assert.equal(contextValue('app', 'InService'), 'app.InService');
    assert.equal(contextValue('notebookInstance', 'Stopped', 'lifecycle', undefined, false), 'notebookInstance.Stopped.lifecycle');
    assert.equal(contextValue('message'), 'message.none');
  });

  it('presents a domain with its id, status icon and tooltip', () => {
    const created = new Date('2026-10-01T08:00:00Z');
    const p = presentDomain({ region: 'eu-west-1', id: 'd-abc', name: 'ml-research', arn: 'arn:aws:sagemaker:eu-west-1:1:domain/d-abc', status: 'InService', created });
    assert.equal(p.label, 'ml-research');
    assert.equal(p.description, 'd-abc');
    assert.equal(p.contextValue, 'domain.InService');
    assert.match(p.tooltip ?? '', /arn:aws:sagemaker:eu-west-1:1:domain\/d-abc/);
    const pending = presentDomain({ region: 'eu-west-1', id: 'd-abc', name: 'ml-research', arn: '', status: 'Pending' });
    assert.equal(pending.description, 'Pending · d-abc');
    assert.equal(pending.icon?.id, 'loading~spin');
  });

  it('presents a denied listing as an error row that names the operation and retries on click', () => {
    const denied = Object.assign(new Error('User: arn:aws:sts::1:assumed-role/r/ana is not authorized to perform: sagemaker:ListApps'), {
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 400, requestId: 'abc-123' },
    });
    const failure = describeFailure('list the apps of ana', denied, connection);
    const row = presentFailure(failure);
    assert.equal(row.label, 'Could not list the apps of ana');
    assert.equal(row.description, 'access denied');
    assert.equal(row.command?.id, 'sagemaker.retryNode');
    assert.match(row.contextValue, /^error\.accessDenied\./);
    assert.match(row.tooltip ?? '', /abc-123/);
    assert.match(failureMessage(failure), /^Could not list the apps of ana: access denied \(AccessDeniedException\): User: .*sagemaker:ListApps/);
  });
});
