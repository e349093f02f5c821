import * as vscode from 'vscode';
import { knownRegions, partitionOf } from '../../core/aws/regions';
import { updateConnectionSetting } from '../../platform/settings';
import { defineCommand } from '../command';

interface RegionItem extends vscode.QuickPickItem {
  readonly region: string | undefined;
}

/** Picks the region the views look at; "profile's region" clears the setting. */
export const selectRegion = defineCommand('sagemaker.selectRegion', 'select a region', async (services) => {
  const { connection } = services.session;
  const partition = partitionOf(connection.region);
  const items: RegionItem[] = [
    {
      label: 'Use the profile or environment region',
      description: connection.profileInfo?.region ?? process.env.AWS_REGION ?? 'us-east-1',
      iconPath: new vscode.ThemeIcon(connection.regionSource === 'setting' ? 'settings' : 'check'),
      region: undefined,
    },
    { label: '', kind: vscode.QuickPickItemKind.Separator, region: undefined },
    ...knownRegions
      .filter((region) => region.partition === partition)
      .map((region) => ({
        label: region.code,
        description: region.name,
        iconPath: region.code === connection.region && connection.regionSource === 'setting' ? new vscode.ThemeIcon('check') : undefined,
        region: region.code,
      })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Region for SageMaker',
    placeHolder: `Current: ${connection.region}`,
    matchOnDescription: true,
  });
  if (!picked) return;
  await updateConnectionSetting('region', picked.region);
  await services.applySettings();
});
