/**
 * What every panel script shares: the typed channel to the extension, DOM building without
 * innerHTML (text only: nothing from AWS is ever parsed as markup), tables, and theme colours.
 */
import type { HostMessage, PanelMessage, Row } from '../protocol';

interface VsCodeApi {
  postMessage(message: PanelMessage): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

export function send(message: PanelMessage): void {
  vscode.postMessage(message);
}

/** Listens for the extension's messages and says the page is ready for them. */
export function onHostMessage(handle: (message: HostMessage) => void): void {
  window.addEventListener('message', (event: MessageEvent<HostMessage>) => handle(event.data));
  send({ type: 'ready' });
}

type Child = Node | string | undefined | false;

/** `el('td', { class: 'x' }, 'text')`: an element with attributes and text or element children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) {
    if (child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

export function section(title: string, ...content: Child[]): HTMLElement {
  return el('section', { 'aria-label': title }, el('h2', {}, title), ...content);
}

export function table(rows: readonly Row[], headers?: readonly [string, string]): HTMLTableElement {
  return el(
    'table',
    {},
    headers ? el('thead', {}, el('tr', {}, el('th', {}, headers[0]), el('th', {}, headers[1]))) : undefined,
    el('tbody', {}, ...rows.map(([label, value]) => el('tr', {}, el('th', { scope: 'row' }, label), el('td', {}, value)))),
  );
}

export function button(label: string, onClick: () => void, icon?: string): HTMLButtonElement {
  const element = el('button', { type: 'button' }, icon ? el('span', { class: `codicon-text`, 'aria-hidden': 'true' }, icon) : undefined, label);
  element.addEventListener('click', onClick);
  return element;
}

export function statusBadge(status: string, tone: string): HTMLElement {
  return el('span', { class: `badge tone-${tone}`, role: 'status' }, status);
}

/** A theme colour by its VS Code name (`charts.blue`), for canvas drawing that CSS cannot reach. */
export function themeColor(name: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(`--vscode-${name.replace(/\./g, '-')}`).trim();
  return value || fallback;
}

export function replaceApp(...children: Child[]): HTMLElement {
  const app = document.getElementById('app')!;
  app.replaceChildren(...children.filter((child): child is Node | string => child !== undefined && child !== false));
  return app;
}

export function formatNumber(value: number | undefined): string {
  if (value === undefined) return '—';
  return Number.isInteger(value) ? String(value) : value.toPrecision(6).replace(/\.?0+$/, '');
}

export function formatTime(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

export function formatSpan(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** "Could not update …; showing the job as of 14:02:11": the last describe failed, the data shown is older. */
export function staleNote(stale: { readonly asOf: number; readonly reason?: string } | undefined): HTMLElement | undefined {
  if (!stale) return undefined;
  return el('p', { class: 'stale', role: 'status' }, `Could not update${stale.reason ? ` (${stale.reason})` : ''}; showing the job as of ${formatTime(stale.asOf)}. Trying again.`);
}
