// The operations of the UI bridge: read what the rendered workbench shows and act on it as a user
// would (mouse and keyboard through Playwright). Every operation waits, up to `timeout` ms, for
// what it reads or acts on to appear, and fails with a message that says what it saw instead.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout } from 'node:timers';
import { URL } from 'node:url';
import { installPageHelpers } from './pageHelpers.mjs';

export const DEFAULT_TIMEOUT_MS = 10_000;
const POLL_MS = 100;

/** A failure that the client should show as is (no stack from the harness). */
export class UiError extends Error {}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const cssString = (text) => JSON.stringify(String(text));
/** Case-insensitive whole-text match for Playwright's `hasText`. */
const exactText = (text) => new RegExp(`^\\s*${escapeRegExp(String(text))}\\s*$`, 'i');

/** A matcher from the client (a string, or `{ regex: [source, flags] }`) as a RegExp for locators. */
function matcherRegExp(matcher) {
  if (typeof matcher === 'string') return new RegExp(`^\\s*${escapeRegExp(matcher)}\\s*$`);
  if (matcher?.regex) return new RegExp(matcher.regex[0], matcher.regex[1]);
  if (matcher?.exact !== undefined) return new RegExp(`^\\s*${escapeRegExp(matcher.exact)}\\s*$`);
  throw new UiError(`not a text matcher: ${JSON.stringify(matcher)}`);
}
const describeMatcher = (matcher) => (typeof matcher === 'string' ? JSON.stringify(matcher) : matcher?.regex ? `/${matcher.regex[0]}/${matcher.regex[1]}` : JSON.stringify(matcher));

/** Calls a page helper; installs the helpers first when the page is new or has navigated. */
async function inPage(page, name, args = {}) {
  const result = await page.evaluate(
    ({ name, args }) => (globalThis.__uiBridge ? { value: globalThis.__uiBridge[name](args) } : { missing: true }),
    { name, args },
  );
  if (!result.missing) return result.value;
  // When this module is loaded through a transpiler that keeps function names (tsx, from the
  // TypeScript benchmarks), the serialised helpers call its `__name`: give the page one.
  await page.evaluate('globalThis.__name ??= (target) => target');
  await page.evaluate(installPageHelpers);
  return inPage(page, name, args);
}

/**
 * Polls `read` until it returns something other than undefined.
 * @param {() => Promise<unknown>} read
 * @param {{ timeout?: number, what: string, seen?: () => Promise<unknown> }} options
 */
async function waitUntil(read, { timeout = DEFAULT_TIMEOUT_MS, what, seen }) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) {
      let detail = '';
      if (seen) {
        const state = await seen().catch((error) => `(could not read: ${error.message})`);
        detail = `; seen instead: ${typeof state === 'string' ? state : JSON.stringify(state)}`;
      }
      throw new UiError(`timed out after ${timeout} ms waiting for ${what}${detail}`);
    }
    await sleep(POLL_MS);
  }
}

const paneLocator = (page, view) => page.locator('.pane').filter({ has: page.locator('.pane-header h3.title', { hasText: exactText(view) }) }).filter({ visible: true });

async function moveMouseAway(page) {
  const size = page.viewportSize() ?? { width: 1200, height: 800 };
  await page.mouse.move(size.width / 2, size.height - 60);
  await waitUntil(async () => ((await inPage(page, 'hoverText')) === undefined ? true : undefined), { timeout: 2000, what: 'the hover to close' }).catch(() => {});
}

/** How long one pointing at an element may take to show its hover before the pointer tries again. */
const HOVER_ATTEMPT_MS = 2500;

/** The workbench shows "Loading..." while an item's tooltip is still being resolved: not the tooltip yet. */
const resolvedHover = (text) => (text === undefined || /^Loading\W*$/.test(text.trim()) ? undefined : text);

async function readHover(page, locator, timeout = DEFAULT_TIMEOUT_MS) {
  const deadline = Date.now() + timeout;
  // The workbench sometimes ignores a pointer that comes back to the element it last hovered
  // (the row re-rendered under it); leaving and pointing again shows the hover.
  for (;;) {
    await moveMouseAway(page);
    await locator.hover();
    const remaining = deadline - Date.now();
    const attempt = Math.max(POLL_MS, Math.min(HOVER_ATTEMPT_MS, remaining));
    const text = await waitUntil(async () => resolvedHover(await inPage(page, 'hoverText')), { timeout: attempt, what: 'a hover to appear' }).catch((error) => {
      if (remaining <= HOVER_ATTEMPT_MS) throw error;
      return undefined;
    });
    if (text !== undefined) return text;
  }
}

async function waitForTreeRow(page, { view, label, description, level, timeout }) {
  return waitUntil(() => inPage(page, 'findTreeRow', { view, label, description, level }), {
    timeout,
    what: `tree item ${describeMatcher(label)} in view "${view}"`,
    seen: async () => {
      const tree = await inPage(page, 'treeRows', { view });
      if (!tree) return { visibleViews: await inPage(page, 'views') };
      return tree.rows.map((row) => `${'  '.repeat(row.level - 1)}${row.label}${row.description ? ` (${row.description})` : ''}`);
    },
  });
}

async function waitForContextMenu(page, timeout) {
  return waitUntil(() => inPage(page, 'contextMenu'), { timeout, what: 'a context menu' });
}

async function openNotificationCenter(page, timeout) {
  if (await inPage(page, 'notificationsVisible')) return;
  await page.locator('.part.statusbar [id="status.notifications"] .statusbar-item-label').click();
  await waitUntil(async () => ((await inPage(page, 'notificationsVisible')) ? true : undefined), { timeout, what: 'the notification center' });
}

async function closeNotificationCenter(page) {
  if (!(await inPage(page, 'notificationsVisible'))) return;
  await page.locator('.notifications-center-header .action-label.codicon-notifications-hide').click({ timeout: 2000 }).catch(() => {});
  await waitUntil(async () => ((await inPage(page, 'notificationsVisible')) ? undefined : true), { timeout: 2000, what: 'the notification center to close' }).catch(() => {});
}

const notificationMatches = (item, message) => (message === undefined ? true : matcherRegExp(message).test(item.message));

async function waitForQuickInput(page, { title, timeout, ready = true }) {
  const titleRe = title === undefined ? undefined : matcherRegExp(title);
  return waitUntil(
    async () => {
      const widget = await inPage(page, 'quickInput');
      if (!widget) return undefined;
      if (titleRe && !titleRe.test(widget.title ?? '')) return undefined;
      if (ready && widget.busy) return undefined;
      return widget;
    },
    { timeout, what: title === undefined ? 'a quick pick or input box' : `a quick pick titled ${describeMatcher(title)}`, seen: () => inPage(page, 'quickInput') },
  );
}

async function findQuickPickItem(page, { label, timeout }) {
  const re = matcherRegExp(label);
  return waitUntil(
    async () => {
      const widget = await inPage(page, 'quickInput');
      return widget?.items.find((item) => re.test(item.label) || re.test(item.label.replace(/\$\([^)]+\)\s*/g, '')));
    },
    { timeout, what: `quick pick item ${describeMatcher(label)}`, seen: async () => (await inPage(page, 'quickInput'))?.items.map((item) => item.label) },
  );
}

const quickRow = (page, index) => page.locator(`.quick-input-widget .quick-input-list .monaco-list-row[data-index="${index}"]`);
const quickInputBox = (page) => page.locator('.quick-input-widget .quick-input-box input');

function statusBarMatch(item, { id, text }) {
  if (id !== undefined && item.id !== id && !item.id.endsWith(`.${id}`)) return false;
  if (text !== undefined && !matcherRegExp(text).test(item.text)) return false;
  return true;
}

async function waitForStatusBarItem(page, { id, text, timeout }) {
  return waitUntil(async () => (await inPage(page, 'statusBarItems')).find((item) => statusBarMatch(item, { id, text })), {
    timeout,
    what: `status bar item${id ? ` ${id}` : ''}${text ? ` with text ${describeMatcher(text)}` : ''}`,
    seen: async () => (await inPage(page, 'statusBarItems')).map((item) => `${item.id}: ${item.text}`),
  });
}

/** The webview frames (the inner document each webview shows) with the extension that owns them. */
async function readWebviews(page) {
  const result = [];
  for (const frame of page.frames()) {
    const url = frame.url();
    if (!url.includes('/webview/browser/pre/index.html')) continue;
    const params = new URL(url).searchParams;
    for (const inner of frame.childFrames()) {
      const content = await inner
        .evaluate(() => {
          const { document } = globalThis;
          return { title: document.title, text: (document.body?.innerText ?? '').trim(), html: document.body?.innerHTML ?? '' };
        })
        .catch(() => undefined);
      if (!content || (!content.text && !content.html)) continue;
      result.push({ extensionId: params.get('extensionId') ?? undefined, purpose: params.get('purpose') ?? undefined, frame: inner, ...content });
    }
  }
  return result;
}

function webviewMatch(webview, { extensionId, contains }) {
  if (extensionId !== undefined && webview.extensionId?.toLowerCase() !== extensionId.toLowerCase()) return false;
  if (contains !== undefined && !matcherRegExp(contains).test(webview.text) && !(typeof contains === 'string' && webview.text.includes(contains))) return false;
  return true;
}

async function waitForWebview(page, { extensionId, contains, timeout }) {
  return waitUntil(
    async () => {
      const found = (await readWebviews(page)).filter((webview) => webviewMatch(webview, { extensionId, contains }));
      return found.length ? found : undefined;
    },
    {
      timeout,
      what: `a webview${extensionId ? ` of ${extensionId}` : ''}${contains ? ` showing ${describeMatcher(contains)}` : ''}`,
      seen: async () => (await readWebviews(page)).map((webview) => `${webview.extensionId}: ${webview.text.slice(0, 200)}`),
    },
  );
}

/** @type {Record<string, (page: import('playwright-core').Page, args: any) => Promise<unknown>>} */
export const uiOperations = {
  async activityBar(page) {
    return inPage(page, 'activityBar');
  },

  async openViewContainer(page, { title, timeout }) {
    const entries = await waitUntil(
      async () => {
        const bar = await inPage(page, 'activityBar');
        return bar.some((entry) => entry.title.toLowerCase() === title.toLowerCase()) ? bar : undefined;
      },
      { timeout, what: `activity bar entry "${title}"`, seen: async () => (await inPage(page, 'activityBar')).map((entry) => entry.title) },
    );
    const entry = entries.find((candidate) => candidate.title.toLowerCase() === title.toLowerCase());
    if (!entry.active) {
      await page
        .locator(`.part.activitybar .action-label[aria-label=${cssString(title)}], .part.activitybar .action-label[aria-label^=${cssString(`${title} (`)}]`)
        .first()
        .click();
    }
    await waitUntil(async () => ((await inPage(page, 'activityBar')).find((e) => e.title.toLowerCase() === title.toLowerCase())?.active ? true : undefined), {
      timeout,
      what: `view container "${title}" to open`,
    });
    return { title: await inPage(page, 'sideBarTitle'), views: await inPage(page, 'views') };
  },

  async views(page) {
    return inPage(page, 'views');
  },

  async waitForView(page, { view, timeout }) {
    return waitUntil(async () => ((await inPage(page, 'views')).some((v) => v.title.toLowerCase() === view.toLowerCase()) ? await inPage(page, 'views') : undefined), {
      timeout,
      what: `view "${view}" to be shown`,
      seen: () => inPage(page, 'views'),
    });
  },

  async treeRows(page, { view, minRows = 1, timeout }) {
    const tree = await waitUntil(
      async () => {
        const current = await inPage(page, 'treeRows', { view });
        return current && current.rows.length >= minRows ? current : undefined;
      },
      {
        timeout,
        what: minRows > 0 ? `at least ${minRows} row(s) in view "${view}"` : `view "${view}"`,
        seen: async () => (await inPage(page, 'treeRows', { view })) ?? { visibleViews: await inPage(page, 'views') },
      },
    );
    return tree.rows;
  },

  async treeItem(page, { view, label, description, level, timeout }) {
    return waitForTreeRow(page, { view, label, description, level, timeout });
  },

  async treeItemAction(page, { view, label, description, level, action = 'click', timeout }) {
    const row = await waitForTreeRow(page, { view, label, description, level, timeout });
    const rowLocator = paneLocator(page, view).locator(`.monaco-list-row[data-index="${row.index}"]`);
    switch (action) {
      case 'click':
        await rowLocator.locator('.monaco-icon-label').click();
        return row;
      case 'doubleClick':
        await rowLocator.locator('.monaco-icon-label').dblclick();
        return row;
      case 'rightClick':
        await rowLocator.locator('.monaco-icon-label').click({ button: 'right' });
        return waitForContextMenu(page, timeout);
      case 'expand':
      case 'collapse': {
        const want = action === 'expand';
        if (row.expanded === undefined) throw new UiError(`tree item "${row.label}" in view "${view}" cannot be ${action}ed: it has no children`);
        if (row.expanded !== want) await rowLocator.locator('.monaco-tl-twistie').click();
        return waitUntil(
          async () => {
            const current = await inPage(page, 'findTreeRow', { view, label, description, level });
            return current?.expanded === want ? current : undefined;
          },
          { timeout, what: `tree item "${row.label}" to be ${want ? 'expanded' : 'collapsed'}` },
        );
      }
      case 'hover':
        await rowLocator.hover();
        return row;
      default:
        throw new UiError(`unknown tree item action: ${action}`);
    }
  },

  async treeItemTooltip(page, { view, label, description, level, timeout }) {
    const row = await waitForTreeRow(page, { view, label, description, level, timeout });
    const rowLocator = paneLocator(page, view).locator(`.monaco-list-row[data-index="${row.index}"]`);
    return readHover(page, rowLocator.locator('.monaco-icon-label'), timeout);
  },

  async treeItemInlineAction(page, { view, label, description, level, action, timeout }) {
    const row = await waitForTreeRow(page, { view, label, description, level, timeout });
    const rowLocator = paneLocator(page, view).locator(`.monaco-list-row[data-index="${row.index}"]`);
    await rowLocator.hover();
    const button = rowLocator.locator(`.actions .action-label[aria-label=${cssString(action)}]`);
    if ((await button.count()) === 0) throw new UiError(`tree item "${row.label}" has no inline action "${action}"; it has: ${row.actions.join(', ') || 'none'}`);
    await button.click();
    return row;
  },

  async viewTitleActions(page, { view, timeout }) {
    return waitUntil(() => inPage(page, 'viewTitleActions', { view }), { timeout, what: `view "${view}"` });
  },

  async clickViewTitleAction(page, { view, action, timeout }) {
    await waitUntil(() => inPage(page, 'viewTitleActions', { view }), { timeout, what: `view "${view}"` });
    const pane = paneLocator(page, view);
    const header = pane.locator('.pane-header');
    const scope = (await header.isVisible()) ? header : page.locator('.part.sidebar .composite.title');
    await scope.hover();
    const direct = scope.locator(`.actions .action-label[aria-label=${cssString(action)}], .actions .action-label[aria-label^=${cssString(`${action} (`)}]`);
    if ((await direct.count()) > 0) {
      await direct.first().click();
      return { via: 'toolbar' };
    }
    const more = scope.locator('.actions .action-label.codicon-toolbar-more, .actions .action-label[aria-label^="More Actions"], .actions .action-label[aria-label^="Views and More Actions"]');
    if ((await more.count()) === 0) throw new UiError(`view "${view}" has no title action "${action}"`);
    await more.first().click();
    await waitForContextMenu(page, timeout);
    await uiOperations.clickContextMenu(page, { label: action, timeout });
    return { via: 'menu' };
  },

  async viewWelcome(page, { view, timeout }) {
    return waitUntil(() => inPage(page, 'viewWelcome', { view }), {
      timeout,
      what: `welcome content in view "${view}"`,
      seen: async () => (await inPage(page, 'treeRows', { view })) ?? { visibleViews: await inPage(page, 'views') },
    });
  },

  async clickViewWelcomeButton(page, { view, label, timeout }) {
    const welcome = await uiOperations.viewWelcome(page, { view, timeout });
    const re = matcherRegExp(label);
    if (!welcome.buttons.some((button) => re.test(button)) && !welcome.links.some((link) => re.test(link))) {
      throw new UiError(`view "${view}" shows no button ${describeMatcher(label)}; it shows: ${[...welcome.buttons, ...welcome.links].join(', ')}`);
    }
    const content = paneLocator(page, view).locator('.welcome-view-content');
    await content.locator('.monaco-button, p a').filter({ hasText: re }).first().click();
    return welcome;
  },

  async contextMenu(page, { timeout }) {
    return waitForContextMenu(page, timeout);
  },

  async clickContextMenu(page, { label, timeout }) {
    const items = await waitForContextMenu(page, timeout);
    const re = matcherRegExp(label);
    const item = items.find((candidate) => re.test(candidate.label));
    if (!item) throw new UiError(`context menu has no item ${describeMatcher(label)}; it has: ${items.map((i) => i.label).join(', ')}`);
    if (!item.enabled) throw new UiError(`context menu item "${item.label}" is disabled`);
    // Menu entries accept a mouse-up only 100 ms after they render (so that the release of the
    // right-click that opened the menu does not pick an entry); the handler sits on the entry.
    await sleep(150);
    await page
      .locator('.context-view .monaco-menu .action-menu-item')
      .filter({ has: page.locator('.action-label', { hasText: re }) })
      .first()
      .click();
    return item;
  },

  async dialog(page, { timeout }) {
    // The box appears a moment before its text and buttons are filled in.
    return waitUntil(
      async () => {
        const dialog = await inPage(page, 'dialog');
        return dialog && dialog.message && dialog.buttons.length > 0 ? dialog : undefined;
      },
      { timeout, what: 'a modal dialog' },
    );
  },

  async clickDialogButton(page, { label, timeout }) {
    const dialog = await uiOperations.dialog(page, { timeout });
    const re = matcherRegExp(label);
    if (!dialog.buttons.some((button) => re.test(button))) {
      throw new UiError(`the dialog "${dialog.message}" has no button ${describeMatcher(label)}; it has: ${dialog.buttons.join(', ')}`);
    }
    await page.locator('.monaco-dialog-box .dialog-buttons .monaco-button').filter({ hasText: re }).first().click();
    await waitUntil(async () => ((await inPage(page, 'dialog'))?.message === dialog.message ? undefined : true), { timeout, what: 'the dialog to close' });
    return dialog;
  },

  async notifications(page, { message, minCount = 1, timeout }) {
    await openNotificationCenter(page, timeout);
    try {
      return await waitUntil(
        async () => {
          const items = (await inPage(page, 'notifications')).filter((item) => notificationMatches(item, message));
          return items.length >= minCount ? items : undefined;
        },
        {
          timeout,
          what: message === undefined ? `${minCount} notification(s)` : `a notification ${describeMatcher(message)}`,
          seen: async () => (await inPage(page, 'notifications')).map((item) => item.message),
        },
      );
    } finally {
      await closeNotificationCenter(page);
    }
  },

  async clickNotificationButton(page, { message, button, timeout }) {
    await openNotificationCenter(page, timeout);
    try {
      const item = await waitUntil(async () => (await inPage(page, 'notifications')).find((candidate) => notificationMatches(candidate, message)), {
        timeout,
        what: `a notification ${describeMatcher(message)}`,
        seen: async () => (await inPage(page, 'notifications')).map((candidate) => candidate.message),
      });
      const re = matcherRegExp(button);
      if (!item.buttons.some((label) => re.test(label))) throw new UiError(`notification "${item.message}" has no button ${describeMatcher(button)}; it has: ${item.buttons.join(', ') || 'none'}`);
      await page
        .locator('.notifications-center .notification-list-item')
        .filter({ has: page.locator('.notification-list-item-message', { hasText: matcherRegExp(message) }) })
        .first()
        .locator('.notification-list-item-buttons-container .monaco-button')
        .filter({ hasText: re })
        .first()
        .click();
      return item;
    } finally {
      await closeNotificationCenter(page);
    }
  },

  async clearNotifications(page, { timeout }) {
    await openNotificationCenter(page, timeout);
    try {
      // Notifications can go away by themselves (a finished progress) between reading and clicking,
      // which disables the action: read again and retry rather than wait on a disabled button.
      await waitUntil(
        async () => {
          if ((await inPage(page, 'notifications')).length === 0) return true;
          await page
            .locator('.notifications-center-header .action-label.codicon-notifications-clear-all')
            .click({ timeout: 1000 })
            .catch(() => {});
          return undefined;
        },
        { timeout, what: 'the notifications to clear', seen: async () => (await inPage(page, 'notifications')).map((item) => item.message) },
      );
      return null;
    } finally {
      await closeNotificationCenter(page);
    }
  },

  async quickPick(page, { title, ready = true, timeout }) {
    return waitForQuickInput(page, { title, timeout, ready });
  },

  async quickPickType(page, { text, timeout }) {
    await waitForQuickInput(page, { timeout, ready: false });
    await quickInputBox(page).fill(text);
    await waitUntil(async () => ((await inPage(page, 'quickInput'))?.value === text ? true : undefined), { timeout, what: `the quick pick filter to read "${text}"` });
    await sleep(POLL_MS); // the list filters on the next frame
    return inPage(page, 'quickInput');
  },

  async quickPickToggle(page, { label, timeout }) {
    const widget = await waitForQuickInput(page, { timeout });
    if (!widget.canSelectMany) throw new UiError('the quick pick does not allow several items: use quickPickSelect');
    const item = await findQuickPickItem(page, { label, timeout });
    await quickRow(page, item.index).locator('.quick-input-list-label .monaco-checkbox').click();
    return waitUntil(
      async () => {
        const current = (await inPage(page, 'quickInput'))?.items.find((candidate) => candidate.index === item.index);
        return current && current.checked !== item.checked ? current : undefined;
      },
      { timeout, what: `quick pick item "${item.label}" to toggle` },
    );
  },

  async quickPickSelect(page, { label, timeout }) {
    await waitForQuickInput(page, { timeout });
    const item = await findQuickPickItem(page, { label, timeout });
    await quickRow(page, item.index).locator('.quick-input-list-rows').first().click();
    return item;
  },

  async quickPickAccept(page, { timeout }) {
    const widget = await waitForQuickInput(page, { timeout, ready: false });
    if (widget.okButton && widget.canSelectMany) await page.locator('.quick-input-widget .quick-input-action .monaco-button').filter({ visible: true }).first().click();
    else await quickInputBox(page).press('Enter');
    return widget;
  },

  async quickPickCancel(page, { timeout }) {
    const widget = await waitForQuickInput(page, { timeout, ready: false });
    await quickInputBox(page).press('Escape');
    return widget;
  },

  async inputBoxSubmit(page, { text, timeout }) {
    const widget = await waitForQuickInput(page, { timeout, ready: false });
    if (text !== undefined) await quickInputBox(page).fill(text);
    await quickInputBox(page).press('Enter');
    return widget;
  },

  async statusBarItems(page) {
    return inPage(page, 'statusBarItems');
  },

  async statusBarItem(page, { id, text, tooltip = false, timeout }) {
    const item = await waitForStatusBarItem(page, { id, text, timeout });
    if (!tooltip) return item;
    const hover = await readHover(page, page.locator(`.part.statusbar [id=${cssString(item.id)}] .statusbar-item-label`), timeout);
    await moveMouseAway(page);
    return { ...item, tooltip: hover };
  },

  async clickStatusBarItem(page, { id, text, timeout }) {
    const item = await waitForStatusBarItem(page, { id, text, timeout });
    await page.locator(`.part.statusbar [id=${cssString(item.id)}] .statusbar-item-label`).click();
    return item;
  },

  async webviews(page, { extensionId, contains, timeout }) {
    const found = await waitForWebview(page, { extensionId, contains, timeout });
    return found.map(({ frame: _frame, ...rest }) => rest);
  },

  async webviewClick(page, { extensionId, contains, text, selector, timeout }) {
    const [webview] = await waitForWebview(page, { extensionId, contains, timeout });
    const target = selector ? webview.frame.locator(selector) : webview.frame.getByText(matcherRegExp(text));
    await target.first().click({ timeout });
    return null;
  },

  /** What is open right now, without waiting: a modal dialog, a quick input. */
  async snapshot(page) {
    return { dialog: (await inPage(page, 'dialog')) ?? null, quickInput: (await inPage(page, 'quickInput')) ?? null };
  },

  async editorTabs(page) {
    return inPage(page, 'editorTabs');
  },

  async text(page, { selector, timeout }) {
    return waitUntil(() => inPage(page, 'text', { selector }), { timeout, what: `a visible element matching ${selector}` });
  },

  async click(page, { selector, text, button = 'left', timeout }) {
    let locator = page.locator(selector);
    if (text !== undefined) locator = locator.filter({ hasText: matcherRegExp(text) });
    await locator.first().click({ button, timeout });
    return null;
  },

  async press(page, { key }) {
    await page.keyboard.press(key);
    return null;
  },

  async type(page, { text }) {
    await page.keyboard.type(text);
    return null;
  },

  async screenshot(page, { path: file, selector }) {
    if (!file || !path.isAbsolute(file)) throw new UiError(`screenshot needs an absolute path, got ${file}`);
    await mkdir(path.dirname(file), { recursive: true });
    if (selector) await page.locator(selector).first().screenshot({ path: file });
    else await page.screenshot({ path: file });
    return file;
  },
};

/** Runs one operation by name with its default timeout. */
export async function runUiOperation(page, name, args = {}) {
  const operation = Object.hasOwn(uiOperations, name) ? uiOperations[name] : undefined;
  if (!operation) throw new UiError(`unknown UI operation: ${name}`);
  const timeout = args.timeout ?? DEFAULT_TIMEOUT_MS;
  // Playwright's own waits (clicks, hovers) get the same limit as the operation.
  page.setDefaultTimeout(timeout);
  return operation(page, { ...args, timeout });
}
