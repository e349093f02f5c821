import type { Emulator } from '../../../emulator/index';

/** A small Studio account built through the local service's state API. */
export interface SmallStudio {
  readonly domainId: string;
  readonly domainArn: string;
}

const role = 'arn:aws:iam::123456789012:role/SageMakerExecution';
const hour = 3_600_000;

/**
 * Domain `ml-research` with profiles ana (private JupyterLab space `ana-lab`, Classic
 * KernelGateway app) and bo (private CodeEditor space `bo-code`, stopped), a shared space
 * `team-lab`, and apps in every interesting state.
 */
export function seedSmallStudio(emulator: Emulator, region: string): SmallStudio {
  const { state } = emulator;
  const created = emulator.clock.now().getTime() - 48 * hour;
  const domainArn = state.put('domain', region, {
    DomainName: 'ml-research',
    AuthMode: 'IAM',
    DefaultUserSettings: {
      ExecutionRole: role,
      JupyterLabAppSettings: { AppLifecycleManagement: { IdleSettings: { LifecycleManagement: 'ENABLED', IdleTimeoutInMinutes: 120, MaxIdleTimeoutInMinutes: 480 } } },
    },
    SubnetIds: ['subnet-0abc'],
    VpcId: 'vpc-0abc',
  }, { createdAt: created, status: 'InService' });
  const domainId = domainArn.split('/').pop()!;
  const put = (kind: Parameters<Emulator['state']['put']>[0], request: Record<string, unknown>, status: string, hoursAgo = 24): void => {
    state.put(kind, region, { DomainId: domainId, ...request }, { createdAt: emulator.clock.now().getTime() - hoursAgo * hour, status });
  };
  put('userProfile', { UserProfileName: 'ana' }, 'InService');
  put('userProfile', { UserProfileName: 'bo', UserSettings: { JupyterLabAppSettings: { AppLifecycleManagement: { IdleSettings: { IdleTimeoutInMinutes: 60 } } } } }, 'InService');
  put('space', {
    SpaceName: 'ana-lab',
    SpaceSettings: { AppType: 'JupyterLab' },
    SpaceSharingSettings: { SharingType: 'Private' },
    OwnershipSettings: { OwnerUserProfileName: 'ana' },
  }, 'InService');
  put('space', {
    SpaceName: 'bo-code',
    SpaceSettings: { AppType: 'CodeEditor' },
    SpaceSharingSettings: { SharingType: 'Private' },
    OwnershipSettings: { OwnerUserProfileName: 'bo' },
  }, 'InService');
  put('space', {
    SpaceName: 'team-lab',
    SpaceSettings: { AppType: 'JupyterLab', JupyterLabAppSettings: { AppLifecycleManagement: { IdleSettings: { IdleTimeoutInMinutes: 240 } } } },
    SpaceSharingSettings: { SharingType: 'Shared' },
    OwnershipSettings: { OwnerUserProfileName: 'ana' },
  }, 'InService');
  put('app', { SpaceName: 'ana-lab', AppType: 'JupyterLab', AppName: 'default', ResourceSpec: { InstanceType: 'ml.t3.medium' } }, 'InService', 3);
  put('app', { UserProfileName: 'ana', AppType: 'KernelGateway', AppName: 'datascience-ml-m5-large', ResourceSpec: { InstanceType: 'ml.m5.large' } }, 'InService', 5);
  put('app', { UserProfileName: 'ana', AppType: 'JupyterServer', AppName: 'default' }, 'InService', 30);
  put('app', { SpaceName: 'bo-code', AppType: 'CodeEditor', AppName: 'default', ResourceSpec: { InstanceType: 'ml.t3.large' } }, 'Deleted', 10);
  put('app', { SpaceName: 'team-lab', AppType: 'JupyterLab', AppName: 'default', ResourceSpec: { InstanceType: 'ml.g5.xlarge' } }, 'InService', 1);
  return { domainId, domainArn };
}

export function seedNotebookInstances(emulator: Emulator, region: string): void {
  const { state } = emulator;
  const at = emulator.clock.now().getTime() - 30 * hour;
  state.put('notebookInstanceLifecycleConfig', region, { NotebookInstanceLifecycleConfigName: 'conda-setup', OnStart: [{ Content: 'ZWNobyBoaQ==' }] }, { createdAt: at });
  state.put('notebookInstance', region, { NotebookInstanceName: 'fraud-eda', InstanceType: 'ml.t3.medium', RoleArn: role, LifecycleConfigName: 'conda-setup' }, { createdAt: at, status: 'InService' });
  state.put('notebookInstance', region, { NotebookInstanceName: 'old-experiments', InstanceType: 'ml.m5.xlarge', RoleArn: role }, { createdAt: at, status: 'Stopped' });
}
