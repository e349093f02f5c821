// The UI bridge client: lets a test in the extension host check what the user sees in the
// rendered workbench and act on it with mouse and keyboard. The harness performs each call with
// Playwright on the page; every call waits (default 10 s) for what it reads to appear.
// Only the code-server harness provides the bridge: elsewhere `ui()` throws, so a test that
// needs it fails clearly instead of passing.
import * as vscode from 'vscode';
import { env } from './environment';

export const DEFAULT_UI_TIMEOUT_MS = 10_000;

/** Exact text (whole, trimmed) or a regular expression. */
export type TextMatcher = string | RegExp;

export interface WaitOptions {
  /** How long to wait for what is read to appear, in ms. */
  timeout?: number;
}

export interface ActivityBarEntry {
  title: string;
  active: boolean;
}

export interface ViewInfo {
  title: string;
  expanded: boolean;
}

export interface TreeRow {
  /** Position among the rendered rows (the list is virtual: rows scrolled far out are not rendered). */
  index: number;
  label: string;
  description?: string;
  /** 1 for top-level items. */
  level: number;
  /** undefined for items without children. */
  expanded?: boolean;
  selected: boolean;
  focused: boolean;
  /** What a screen reader announces: accessibilityInformation, else the tooltip (when a string), else label and description. */
  ariaLabel?: string;
  /** The codicon name of a ThemeIcon (`'beaker'` for `new ThemeIcon('beaker')`). */
  icon?: string;
  iconClass?: string;
  /** CSS background-image of a file/URI icon. */
  iconUrl?: string;
  /** Titles of the inline actions (shown on hover). */
  actions: string[];
}

export interface TreeItemQuery extends WaitOptions {
  description?: TextMatcher;
  level?: number;
}

export interface ViewWelcome {
  text: string[];
  buttons: string[];
  links: string[];
}

export interface ContextMenuItem {
  label: string;
  keybinding?: string;
  enabled: boolean;
  checked: boolean;
  submenu: boolean;
}

export interface Dialog {
  message: string;
  detail?: string;
  /** `warning`, `error`, `info`... */
  severity?: string;
  /** In screen order. */
  buttons: string[];
  checkbox?: { label: string; checked: boolean };
}

export interface Notification {
  message: string;
  /** `info`, `warning` or `error`. */
  severity?: string;
  source?: string;
  buttons: string[];
  /** A progress notification still running. */
  progress: boolean;
}

export interface QuickPickItemView {
  index: number;
  /** With rendered codicons written as `$(name)`. */
  label: string;
  description?: string;
  detail?: string;
  /** The group label shown above the item (QuickPickItemKind.Separator). */
  separator?: string;
  /** Only for multi-select pickers. */
  checked?: boolean;
  focused: boolean;
  ariaLabel?: string;
}

export interface QuickInputView {
  title?: string;
  placeholder?: string;
  value: string;
  password: boolean;
  /** Validation message of an input box, or its prompt. */
  message?: string;
  canSelectMany: boolean;
  busy: boolean;
  okButton?: string;
  items: QuickPickItemView[];
}

export interface StatusBarItemView {
  /** `<extension id>.<item id>` for extension items. */
  id: string;
  /** With codicons written as `$(name)`. */
  text: string;
  ariaLabel?: string;
  /** `standard`, `warning` (statusBarItem.warningBackground), `error`, `prominent`, `remote`... */
  kind: string;
  hasBackground: boolean;
  background: string;
  color: string;
  alignment: 'left' | 'right';
  hasCommand: boolean;
  classes: string[];
  /** Only when asked for (`tooltip: true`): the hover's text. */
  tooltip?: string;
}

export interface WebviewView {
  extensionId?: string;
  /** `webviewView` for views in a side bar; undefined for editor panels. */
  purpose?: string;
  title: string;
  text: string;
  html: string;
}

export interface EditorTab {
  label: string;
  description?: string;
  active: boolean;
  dirty: boolean;
}

export class UiBridgeUnavailableError extends Error {
  constructor() {
    super(
      'The UI bridge is not available in this test host. Tests that check the rendered workbench run only under the ' +
        'code-server harness (npm run test:integration, the default SAGEMAKER_TEST_HOST); this test fails on purpose elsewhere.',
    );
    this.name = 'UiBridgeUnavailableError';
  }
}

export class UiBridgeError extends Error {
  constructor(operation: string, message: string) {
    super(`ui.${operation}: ${message}`);
    this.name = 'UiBridgeError';
  }
}

type SerializedMatcher = string | { regex: [string, string] };

function serialize(matcher: TextMatcher): SerializedMatcher;
function serialize(matcher: TextMatcher | undefined): SerializedMatcher | undefined;
function serialize(matcher: TextMatcher | undefined): SerializedMatcher | undefined {
  if (matcher === undefined) return undefined;
  return typeof matcher === 'string' ? matcher : { regex: [matcher.source, matcher.flags] };
}

export class UiBridge {
  constructor(
    private readonly base: string,
    private readonly defaultTimeout = DEFAULT_UI_TIMEOUT_MS,
  ) {}

  private async call<T>(operation: string, args: object = {}): Promise<T> {
    const requested = (args as WaitOptions).timeout;
    const timeout = typeof requested === 'number' ? requested : this.defaultTimeout;
    const response = await fetch(`${this.base}/ui/${operation}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ args: { ...args, timeout } }),
      // The harness waits up to `timeout` itself; leave room for the round trip.
      signal: AbortSignal.timeout(timeout + 30_000),
    });
    const body = (await response.json()) as { ok: boolean; value?: T; error?: string };
    if (!body.ok) throw new UiBridgeError(operation, body.error ?? `HTTP ${response.status}`);
    return body.value as T;
  }

  // ── Views ──────────────────────────────────────────────────────────────────────────────

  activityBar(): Promise<ActivityBarEntry[]> {
    return this.call('activityBar');
  }

  /** Clicks the view container's activity bar entry (by its title, e.g. `SageMaker`) unless it is open. */
  openViewContainer(title: string, options: WaitOptions = {}): Promise<{ title?: string; views: ViewInfo[] }> {
    return this.call('openViewContainer', { title, ...options });
  }

  /** Reveals a view by id (its `<id>.focus` command) and waits until its pane, titled `title`, shows. */
  async openView(viewId: string, title: string, options: WaitOptions = {}): Promise<ViewInfo[]> {
    await vscode.commands.executeCommand(`${viewId}.focus`);
    return this.waitForView(title, options);
  }

  waitForView(title: string, options: WaitOptions = {}): Promise<ViewInfo[]> {
    return this.call('waitForView', { view: title, ...options });
  }

  /** The panes shown in the side bar and panel. */
  views(): Promise<ViewInfo[]> {
    return this.call('views');
  }

  /** The rendered rows of a tree view (by its title), waiting until there are at least `minRows` (default 1). */
  treeRows(view: string, options: WaitOptions & { minRows?: number } = {}): Promise<TreeRow[]> {
    return this.call('treeRows', { view, ...options });
  }

  /** Waits for a row with this label (and description/level when given). */
  treeItem(view: string, label: TextMatcher, options: TreeItemQuery = {}): Promise<TreeRow> {
    return this.call('treeItem', { view, label: serialize(label), ...options, description: serialize(options.description) });
  }

  clickTreeItem(view: string, label: TextMatcher, options: TreeItemQuery = {}): Promise<TreeRow> {
    return this.treeItemAction('click', view, label, options);
  }

  doubleClickTreeItem(view: string, label: TextMatcher, options: TreeItemQuery = {}): Promise<TreeRow> {
    return this.treeItemAction('doubleClick', view, label, options);
  }

  expandTreeItem(view: string, label: TextMatcher, options: TreeItemQuery = {}): Promise<TreeRow> {
    return this.treeItemAction('expand', view, label, options);
  }

  collapseTreeItem(view: string, label: TextMatcher, options: TreeItemQuery = {}): Promise<TreeRow> {
    return this.treeItemAction('collapse', view, label, options);
  }

  /** Right-clicks a row and returns the context menu that opens. */
  rightClickTreeItem(view: string, label: TextMatcher, options: TreeItemQuery = {}): Promise<ContextMenuItem[]> {
    return this.treeItemAction('rightClick', view, label, options);
  }

  /** Hovers a row and returns the tooltip's text. */
  treeItemTooltip(view: string, label: TextMatcher, options: TreeItemQuery = {}): Promise<string> {
    return this.call('treeItemTooltip', { view, label: serialize(label), ...options, description: serialize(options.description) });
  }

  /** Clicks one of a row's inline action buttons, by its title. */
  clickTreeItemInlineAction(view: string, label: TextMatcher, action: string, options: TreeItemQuery = {}): Promise<TreeRow> {
    return this.call('treeItemInlineAction', { view, label: serialize(label), action, ...options, description: serialize(options.description) });
  }

  private treeItemAction<T>(action: string, view: string, label: TextMatcher, options: TreeItemQuery): Promise<T> {
    return this.call('treeItemAction', { view, label: serialize(label), action, ...options, description: serialize(options.description) });
  }

  viewTitleActions(view: string, options: WaitOptions = {}): Promise<string[]> {
    return this.call('viewTitleActions', { view, ...options });
  }

  /** Clicks a view's title action by its title, looking in the `...` menu when it is not on the toolbar. */
  clickViewTitleAction(view: string, action: string, options: WaitOptions = {}): Promise<{ via: 'toolbar' | 'menu' }> {
    return this.call('clickViewTitleAction', { view, action, ...options });
  }

  /** The welcome content (viewsWelcome) a view shows when it is empty. */
  viewWelcome(view: string, options: WaitOptions = {}): Promise<ViewWelcome> {
    return this.call('viewWelcome', { view, ...options });
  }

  clickViewWelcomeButton(view: string, label: TextMatcher, options: WaitOptions = {}): Promise<ViewWelcome> {
    return this.call('clickViewWelcomeButton', { view, label: serialize(label), ...options });
  }

  contextMenu(options: WaitOptions = {}): Promise<ContextMenuItem[]> {
    return this.call('contextMenu', options);
  }

  clickContextMenu(label: TextMatcher, options: WaitOptions = {}): Promise<ContextMenuItem> {
    return this.call('clickContextMenu', { label: serialize(label), ...options });
  }

  // ── Modal dialogs (showWarningMessage(..., { modal: true }, ...)) ─────────────────────────

  dialog(options: WaitOptions = {}): Promise<Dialog> {
    return this.call('dialog', options);
  }

  /** Clicks a dialog button and waits for the dialog to close. */
  clickDialogButton(label: TextMatcher, options: WaitOptions = {}): Promise<Dialog> {
    return this.call('clickDialogButton', { label: serialize(label), ...options });
  }

  // ── Notifications ───────────────────────────────────────────────────────────────────────
  // Read from the notification center: the workbench's test driver does not pop toasts, but the
  // center lists the same notifications with the same message, source and buttons.

  notifications(options: WaitOptions & { message?: TextMatcher; minCount?: number } = {}): Promise<Notification[]> {
    return this.call('notifications', { ...options, message: serialize(options.message) });
  }

  clickNotificationButton(message: TextMatcher, button: TextMatcher, options: WaitOptions = {}): Promise<Notification> {
    return this.call('clickNotificationButton', { message: serialize(message), button: serialize(button), ...options });
  }

  /** Clear All Notifications (the command behind the notification center's button), then checks the center is empty. */
  async clearNotifications(options: WaitOptions = {}): Promise<void> {
    await vscode.commands.executeCommand('notifications.clearAll');
    return this.call('clearNotifications', options);
  }

  // ── Quick picks and input boxes ─────────────────────────────────────────────────────────

  /** Waits for a quick pick or input box (with this title, when given) that is not busy. */
  quickPick(options: WaitOptions & { title?: TextMatcher; ready?: boolean } = {}): Promise<QuickInputView> {
    return this.call('quickPick', { ...options, title: serialize(options.title) });
  }

  /** Replaces the filter text and returns the picker as filtered. */
  quickPickType(text: string, options: WaitOptions = {}): Promise<QuickInputView> {
    return this.call('quickPickType', { text, ...options });
  }

  /** Toggles an item's checkbox in a multi-select picker. */
  quickPickToggle(label: TextMatcher, options: WaitOptions = {}): Promise<QuickPickItemView> {
    return this.call('quickPickToggle', { label: serialize(label), ...options });
  }

  /** Clicks an item (in a single-select picker this picks it and closes the picker). */
  quickPickSelect(label: TextMatcher, options: WaitOptions = {}): Promise<QuickPickItemView> {
    return this.call('quickPickSelect', { label: serialize(label), ...options });
  }

  /** OK in a multi-select picker, Enter otherwise. */
  quickPickAccept(options: WaitOptions = {}): Promise<QuickInputView> {
    return this.call('quickPickAccept', options);
  }

  quickPickCancel(options: WaitOptions = {}): Promise<QuickInputView> {
    return this.call('quickPickCancel', options);
  }

  /** Types `text` (when given) into an input box and presses Enter. */
  inputBoxSubmit(text?: string, options: WaitOptions = {}): Promise<QuickInputView> {
    return this.call('inputBoxSubmit', { text, ...options });
  }

  // ── Status bar ──────────────────────────────────────────────────────────────────────────

  statusBarItems(): Promise<StatusBarItemView[]> {
    return this.call('statusBarItems');
  }

  /**
   * Waits for a visible status bar item by id (`<extension id>.<item id>`, or just the item id)
   * and/or text; `tooltip: true` also hovers it and reads the tooltip.
   */
  statusBarItem(query: WaitOptions & { id?: string; text?: TextMatcher; tooltip?: boolean }): Promise<StatusBarItemView> {
    return this.call('statusBarItem', { ...query, text: serialize(query.text) });
  }

  clickStatusBarItem(query: WaitOptions & { id?: string; text?: TextMatcher }): Promise<StatusBarItemView> {
    return this.call('clickStatusBarItem', { ...query, text: serialize(query.text) });
  }

  // ── Webviews ────────────────────────────────────────────────────────────────────────────

  /** Webviews (panels and views) showing content, waiting for one that matches. */
  webviews(query: WaitOptions & { extensionId?: string; contains?: TextMatcher } = {}): Promise<WebviewView[]> {
    return this.call('webviews', { ...query, contains: serialize(query.contains) });
  }

  /** Clicks inside the first matching webview, by visible text or CSS selector. */
  webviewClick(query: WaitOptions & { extensionId?: string; contains?: TextMatcher; text?: TextMatcher; selector?: string }): Promise<void> {
    return this.call('webviewClick', { ...query, contains: serialize(query.contains), text: serialize(query.text) });
  }

  // ── Anything else ───────────────────────────────────────────────────────────────────────

  /** What is open right now, without waiting (null when nothing is). */
  snapshot(): Promise<{ dialog: Dialog | null; quickInput: QuickInputView | null }> {
    return this.call('snapshot');
  }

  editorTabs(): Promise<EditorTab[]> {
    return this.call('editorTabs');
  }

  /** Texts of the visible elements matching a CSS selector (waits for at least one). */
  text(selector: string, options: WaitOptions = {}): Promise<string[]> {
    return this.call('text', { selector, ...options });
  }

  click(selector: string, options: WaitOptions & { text?: TextMatcher; button?: 'left' | 'right' | 'middle' } = {}): Promise<void> {
    return this.call('click', { selector, ...options, text: serialize(options.text) });
  }

  /** A key or chord in Playwright's notation: `Escape`, `Enter`, `Control+Shift+P`. */
  press(key: string): Promise<void> {
    return this.call('press', { key });
  }

  type(text: string): Promise<void> {
    return this.call('type', { text });
  }

  /** Saves a PNG of the window (or of the first element matching `selector`) to an absolute path. */
  screenshot(file: string, options: { selector?: string } = {}): Promise<string> {
    return this.call('screenshot', { path: file, ...options });
  }
}

/** True when this host offers the UI bridge (the code-server harness). */
export function bridgeAvailable(): boolean {
  return env('bridge') !== undefined;
}

let instance: UiBridge | undefined;

/** The UI bridge of this run; throws UiBridgeUnavailableError where there is none. */
export function ui(): UiBridge {
  const base = env('bridge');
  if (!base) throw new UiBridgeUnavailableError();
  instance ??= new UiBridge(base);
  return instance;
}
