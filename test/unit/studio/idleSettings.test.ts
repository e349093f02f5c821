import { strict as assert } from 'node:assert';
import {
  allowedIdleTimeout,
  effectiveIdleSetting,
  idleSettingsOfSpaceSettings,
  idleSettingsOfUserSettings,
  idleSettingsPatch,
  validateIdleTimeout,
  type IdleShutdownState,
} from '../../../src/core/resources/idleSettings';
import { isUnifiedStudioDomain, studioResourceArn } from '../../../src/core/resources/domains';
import { groupSpacesByOwner, type Space } from '../../../src/core/resources/spaces';

describe('idle shutdown settings', () => {
  it('reads JupyterLab and Code Editor settings from user settings, and timeouts from space settings', () => {
    assert.deepEqual(
      idleSettingsOfUserSettings({
        JupyterLabAppSettings: { AppLifecycleManagement: { IdleSettings: { LifecycleManagement: 'ENABLED', IdleTimeoutInMinutes: 120, MaxIdleTimeoutInMinutes: 240 } } },
        CodeEditorAppSettings: { DefaultResourceSpec: { InstanceType: 'ml.t3.medium' } },
      }),
      { JupyterLab: { enabled: true, timeoutMinutes: 120, minMinutes: undefined, maxMinutes: 240 } },
    );
    assert.deepEqual(idleSettingsOfUserSettings(undefined), {});
    assert.deepEqual(idleSettingsOfSpaceSettings({ CodeEditorAppSettings: { AppLifecycleManagement: { IdleSettings: { IdleTimeoutInMinutes: 75 } } } }), {
      CodeEditor: { timeoutMinutes: 75 },
    });
  });

  it('takes each member from the most specific level that sets it', () => {
    const state: Pick<IdleShutdownState, 'levels'> = {
      levels: [
        { level: 'domain', name: 'd', settings: { JupyterLab: { enabled: true, timeoutMinutes: 60, minMinutes: 60, maxMinutes: 180 } } },
        { level: 'userProfile', name: 'ana', settings: {} },
        { level: 'space', name: 'lab', settings: { JupyterLab: { timeoutMinutes: 150 } } },
      ],
    };
    assert.deepEqual(effectiveIdleSetting(state, 'JupyterLab'), {
      appType: 'JupyterLab',
      enabled: true,
      enabledFrom: 'domain',
      timeoutMinutes: 150,
      timeoutFrom: 'space',
      minMinutes: 60,
      maxMinutes: 180,
    });
    assert.equal(effectiveIdleSetting(state, 'CodeEditor').enabled, false);
    assert.equal(effectiveIdleSetting(state, 'CodeEditor').enabledFrom, undefined);
  });

  it('bounds a space timeout by the range the admin allows, and validates input', () => {
    const state: IdleShutdownState = {
      scope: { kind: 'space', region: 'r', domainId: 'd', spaceName: 'lab' },
      levels: [{ level: 'domain', name: 'd', settings: { JupyterLab: { enabled: true, minMinutes: 90, maxMinutes: 600 } } }],
      appTypes: ['JupyterLab'],
    };
    assert.deepEqual(allowedIdleTimeout(state, 'JupyterLab'), { min: 90, max: 600 });
    assert.deepEqual(allowedIdleTimeout({ ...state, scope: { kind: 'domain', region: 'r', domainId: 'd' } }, 'JupyterLab'), { min: 60, max: 525_600 });
    assert.equal(validateIdleTimeout('120', { min: 90, max: 600 }), undefined);
    assert.equal(validateIdleTimeout(' 600 ', { min: 90, max: 600 }), undefined);
    assert.equal(validateIdleTimeout('60', { min: 90, max: 600 }), 'Enter between 90 and 600 minutes.');
    assert.equal(validateIdleTimeout('1.5', { min: 90, max: 600 }), 'Enter a whole number of minutes.');
    assert.equal(validateIdleTimeout('', { min: 90, max: 600 }), 'Enter a whole number of minutes.');
  });

  it('sends only the members that change', () => {
    const domain = { kind: 'domain', region: 'r', domainId: 'd' } as const;
    assert.deepEqual(idleSettingsPatch(domain, 'CodeEditor', { enabled: true, timeoutMinutes: 90 }), {
      CodeEditorAppSettings: { AppLifecycleManagement: { IdleSettings: { LifecycleManagement: 'ENABLED', IdleTimeoutInMinutes: 90 } } },
    });
    assert.deepEqual(idleSettingsPatch(domain, 'JupyterLab', { enabled: false }), {
      JupyterLabAppSettings: { AppLifecycleManagement: { IdleSettings: { LifecycleManagement: 'DISABLED' } } },
    });
    const space = { kind: 'space', region: 'r', domainId: 'd', spaceName: 'lab' } as const;
    assert.deepEqual(idleSettingsPatch(space, 'JupyterLab', { enabled: true, timeoutMinutes: 120 }), {
      JupyterLabAppSettings: { AppLifecycleManagement: { IdleSettings: { IdleTimeoutInMinutes: 120 } } },
    });
    assert.throws(() => idleSettingsPatch(space, 'JupyterLab', { enabled: false }), /cannot turn idle shutdown off/);
  });
});

describe('Studio resource helpers', () => {
  it('builds profile, space and app ARNs from the domain ARN, lower-cased like SageMaker', () => {
    const domainArn = 'arn:aws-cn:sagemaker:cn-north-1:123456789012:domain/d-abc';
    assert.equal(studioResourceArn(domainArn, 'user-profile', 'd-abc', 'Ana'), 'arn:aws-cn:sagemaker:cn-north-1:123456789012:user-profile/d-abc/ana');
    assert.equal(
      studioResourceArn(domainArn, 'app', 'd-abc', 'Ana-Lab', 'JupyterLab', 'default'),
      'arn:aws-cn:sagemaker:cn-north-1:123456789012:app/d-abc/ana-lab/jupyterlab/default',
    );
    assert.equal(studioResourceArn('', 'space', 'd-abc', 'x'), undefined);
  });

  it('puts private spaces under their owner and keeps shared ones apart', () => {
    const space = (name: string, sharing: Space['sharing'], owner?: string): Space => ({ region: 'r', domainId: 'd', name, status: 'InService', sharing, owner });
    const { shared, privateByOwner } = groupSpacesByOwner([space('a', 'Private', 'Ana'), space('b', 'Shared', 'ana'), space('c', 'Private', 'bo'), space('d', 'Private', 'ana')]);
    assert.deepEqual(shared.map((s) => s.name), ['b']);
    assert.deepEqual(privateByOwner.get('ana')?.map((s) => s.name), ['a', 'd']);
    assert.deepEqual(privateByOwner.get('bo')?.map((s) => s.name), ['c']);
  });

  it('recognises Unified Studio domains by their settings', () => {
    assert.equal(isUnifiedStudioDomain({ DomainSettings: { UnifiedStudioSettings: { ProjectId: 'p-1', DomainId: 'dzd_1' } } }), true);
    assert.equal(isUnifiedStudioDomain({ DomainSettings: { UnifiedStudioSettings: { StudioWebPortalAccess: 'ENABLED' } } }), false);
    assert.equal(isUnifiedStudioDomain({ DomainSettings: {} }), false);
    assert.equal(isUnifiedStudioDomain(undefined), false);
  });
});
