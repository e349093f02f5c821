import * as vscode from 'vscode';
import { isResourceNode } from '../../views/tree/resourceNode';
import { defineCommand } from '../command';

export const copyName = defineCommand('sagemaker.copyName', 'copy the name', async (_services, node?: unknown) => {
  if (!isResourceNode(node)) return;
  await vscode.env.clipboard.writeText(node.resource.name);
  vscode.window.setStatusBarMessage(`Copied ${node.resource.name}`, 3000);
});

export const copyArn = defineCommand('sagemaker.copyArn', 'copy the ARN', async (_services, node?: unknown) => {
  if (!isResourceNode(node) || !node.resource.arn) return;
  await vscode.env.clipboard.writeText(node.resource.arn);
  vscode.window.setStatusBarMessage(`Copied the ARN of ${node.resource.name}`, 3000);
});
