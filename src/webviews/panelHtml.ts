import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** The folders a panel may load from: the bundled scripts and the extension's media. */
export function panelResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webviews'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: panelResourceRoots(extensionUri),
    // Charts and tables are cheap to rebuild from the next message; no need to keep hidden panels alive.
    retainContextWhenHidden: false,
  };
}

/**
 * A panel's page: a strict Content-Security-Policy (nothing but this panel's own script, by
 * nonce, and stylesheets and images from the extension), no inline handlers, theme colours from
 * VS Code's CSS variables. `bundle` names the script in dist/webviews (uPlot's stylesheet is
 * bundled beside it from node_modules).
 */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, bundle: string, title: string): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (...path: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('dist', 'webviews', 'uPlot.css')}">
<link rel="stylesheet" href="${asset('media', 'webviews', 'panel.css')}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="muted">Loading ${escapeHtml(title)}…</p></main>
<script nonce="${nonce}" src="${asset('dist', 'webviews', `${bundle}.js`)}"></script>
</body>
</html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
