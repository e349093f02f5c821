/**
 * What a tree node looks like, as plain data. Presenters (pure functions, unit-tested in plain
 * Node) produce it; `toTreeItem` turns it into a `vscode.TreeItem`.
 */
export interface NodePresentation {
  readonly label: string;
  readonly description?: string;
  /** A codicon id, optionally with a theme colour id (`charts.green`, `errorForeground`...). */
  readonly icon?: { readonly id: string; readonly color?: string };
  /** Markdown. */
  readonly tooltip?: string;
  readonly contextValue: string;
  readonly collapsible?: 'none' | 'collapsed' | 'expanded';
  /** A command run when the row is clicked (e.g. Retry, Load more). */
  readonly command?: { readonly id: string; readonly title: string };
}

/** Escapes text for a Markdown tooltip (values never start a line, so list markers are safe). */
export function md(text: string): string {
  return text.replace(/[\\`*_{}[\]#!|<>~]/g, '\\$&');
}

/** A Markdown tooltip from a title and label/value rows (rows with an empty value are dropped). */
export function tooltipTable(title: string, rows: ReadonlyArray<readonly [string, string | undefined]>): string {
  const lines = [`**${md(title)}**`, ''];
  for (const [label, value] of rows) if (value) lines.push(`${md(label)}: ${md(value)}  `);
  return lines.join('\n');
}
