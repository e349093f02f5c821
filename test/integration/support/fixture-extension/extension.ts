// A test-only extension with known content (a tree, a status bar item, a webview), loaded next to
// the extension under test so that the UI bridge can be checked against what it must read.
import * as vscode from 'vscode';
import { FIXTURE_STATUS_ID } from './ids';

interface FixtureNode {
  label: string;
  description?: string;
  tooltip?: string | vscode.MarkdownString;
  icon?: string;
  state?: vscode.TreeItemCollapsibleState;
  contextValue?: string;
  ariaLabel?: string;
  children?: FixtureNode[];
  clickable?: boolean;
}

/** The tree the bridge tests expect, top to bottom. */
const TREE: FixtureNode[] = [
  {
    label: 'Alpha',
    description: 'first',
    tooltip: 'Alpha tooltip',
    icon: 'beaker',
    state: vscode.TreeItemCollapsibleState.Expanded,
    contextValue: 'parent',
    children: [
      { label: 'Alpha one', description: 'child', icon: 'circle-filled', clickable: true },
      { label: 'Alpha two', icon: 'circle-outline' },
    ],
  },
  {
    label: 'Beta',
    tooltip: new vscode.MarkdownString('**Beta** in markdown'),
    icon: 'debug-stop',
    state: vscode.TreeItemCollapsibleState.Collapsed,
    contextValue: 'parent',
    children: [{ label: 'Beta one', icon: 'file' }],
  },
  { label: 'Gamma', ariaLabel: 'Gamma accessible', clickable: true },
];

export interface FixtureApi {
  /** Commands run through the fixture's UI, oldest first, as `command:label`. */
  readonly events: string[];
  setStatus(options: { text: string; tooltip?: string; background?: 'warning' | 'error' }): void;
  hideStatus(): void;
  /** Opens a webview panel showing `html` (scripts disabled). */
  openWebview(title: string, html: string): vscode.Disposable;
}

class FixtureTree implements vscode.TreeDataProvider<FixtureNode> {
  getChildren(node?: FixtureNode): FixtureNode[] {
    return node ? (node.children ?? []) : TREE;
  }

  getTreeItem(node: FixtureNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, node.state ?? vscode.TreeItemCollapsibleState.None);
    item.id = node.label;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.contextValue = node.contextValue;
    if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon);
    if (node.ariaLabel) item.accessibilityInformation = { label: node.ariaLabel };
    if (node.clickable) item.command = { command: 'uiFixture.recordClick', title: 'Record', arguments: [node] };
    return item;
  }
}

export function activate(context: vscode.ExtensionContext): FixtureApi {
  const events: string[] = [];
  const record = (command: string) => (node?: FixtureNode) => {
    events.push(`${command}:${node?.label ?? ''}`);
  };
  const status = vscode.window.createStatusBarItem(FIXTURE_STATUS_ID, vscode.StatusBarAlignment.Left, 1000);
  status.name = 'UI Fixture Status';
  context.subscriptions.push(
    status,
    vscode.window.createTreeView('uiFixture.tree', { treeDataProvider: new FixtureTree(), showCollapseAll: true }),
    vscode.window.registerTreeDataProvider('uiFixture.empty', { getChildren: () => [], getTreeItem: (item: vscode.TreeItem) => item }),
    vscode.commands.registerCommand('uiFixture.recordClick', record('click')),
    vscode.commands.registerCommand('uiFixture.itemAction', record('itemAction')),
    vscode.commands.registerCommand('uiFixture.inlineAction', record('inlineAction')),
    // VS Code passes the focused tree item to title actions too; the fixture records only the click.
    vscode.commands.registerCommand('uiFixture.titleAction', () => record('titleAction')()),
    vscode.commands.registerCommand('uiFixture.welcomeAction', record('welcomeAction')),
  );
  return {
    events,
    setStatus({ text, tooltip, background }) {
      status.text = text;
      status.tooltip = tooltip;
      status.backgroundColor = background ? new vscode.ThemeColor(`statusBarItem.${background}Background`) : undefined;
      status.show();
    },
    hideStatus: () => status.hide(),
    openWebview(title, html) {
      const panel = vscode.window.createWebviewPanel('uiFixture.webview', title, vscode.ViewColumn.One, { enableScripts: false });
      panel.webview.html = html;
      return panel;
    },
  };
}

export function deactivate(): void {}
