import * as vscode from 'vscode';
import type { NodePresentation } from '../presenters/presentation';

const collapsibleStates = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
} as const;

/** Turns a presenter's plain description into a TreeItem; `args` are passed to its click command. */
export function toTreeItem(presentation: NodePresentation, id: string, args: unknown[] = []): vscode.TreeItem {
  const item = new vscode.TreeItem(presentation.label, collapsibleStates[presentation.collapsible ?? 'none']);
  item.id = id;
  item.description = presentation.description;
  item.contextValue = presentation.contextValue;
  if (presentation.icon) {
    item.iconPath = new vscode.ThemeIcon(
      presentation.icon.id,
      presentation.icon.color ? new vscode.ThemeColor(presentation.icon.color) : undefined,
    );
  }
  if (presentation.tooltip) {
    const tooltip = new vscode.MarkdownString(presentation.tooltip);
    tooltip.supportThemeIcons = true;
    item.tooltip = tooltip;
  }
  if (presentation.command) item.command = { command: presentation.command.id, title: presentation.command.title, arguments: args };
  return item;
}
