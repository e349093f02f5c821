/**
 * Just enough of the `vscode` module for the explorer's tree nodes to run in plain Node (tree
 * items, theme icons, Markdown tooltips), so the benchmark expands the real nodes. Install it
 * with `installVscodeStub()` before importing any view module.
 */
import Module from 'node:module';

class TreeItem {
  id?: string;
  description?: string;
  contextValue?: string;
  iconPath?: unknown;
  tooltip?: unknown;
  command?: unknown;
  constructor(
    readonly label: string,
    readonly collapsibleState?: number,
  ) {}
}

class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: unknown,
  ) {}
}

class ThemeColor {
  constructor(readonly id: string) {}
}

class MarkdownString {
  supportThemeIcons = false;
  constructor(readonly value: string) {}
}

export const vscodeStub = {
  TreeItem,
  ThemeIcon,
  ThemeColor,
  MarkdownString,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  commands: { executeCommand: () => Promise.resolve(undefined) },
};

const stubId = 'vscode-stub-for-benchmarks';

export function installVscodeStub(): void {
  const loader = Module as unknown as {
    _resolveFilename(request: string, ...rest: unknown[]): string;
    _cache: Record<string, { exports: unknown; loaded: boolean; id: string }>;
  };
  const resolve = loader._resolveFilename.bind(loader);
  loader._resolveFilename = (request: string, ...rest: unknown[]) => (request === 'vscode' ? stubId : resolve(request, ...rest));
  loader._cache[stubId] = { exports: vscodeStub, loaded: true, id: stubId };
}
