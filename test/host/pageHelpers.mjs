// Functions that run inside the workbench page (installed as `globalThis.__uiBridge`) and read
// what the user sees from the DOM of VS Code 1.139. Everything returned is plain JSON.
// Selectors were taken from the rendered workbench; when VS Code is upgraded, the UI bridge's
// own tests (test/integration/support/ui.test.ts) show which of them moved.

/** Serialised into the page by Playwright: must not reference anything outside its body. */
export function installPageHelpers() {
  const { document, getComputedStyle, Node } = globalThis;
  const visible = (element) => !!element && element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';

  /** Text of an element, with rendered codicons written back as `$(name)`, whitespace collapsed. */
  const textWithIcons = (element) => {
    if (!element) return '';
    let text = '';
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) text += child.textContent;
        else if (child.nodeType === Node.ELEMENT_NODE) {
          const icon = [...child.classList].find((name) => name.startsWith('codicon-') && name !== 'codicon-colored');
          if (child.classList.contains('codicon') && icon && child.childNodes.length === 0) text += `$(${icon.slice('codicon-'.length)})`;
          else walk(child);
        }
      }
    };
    walk(element);
    return text.replace(/\s+/g, ' ').trim();
  };
  const plainText = (element) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const codiconOf = (element) => {
    const name = element && [...element.classList].find((c) => c.startsWith('codicon-') && c !== 'codicon-colored');
    return name ? name.slice('codicon-'.length) : undefined;
  };

  /** `{ exact }` or `{ regex: [source, flags] }`, as sent by the test-side client. */
  const matches = (matcher, ...texts) => {
    if (matcher === undefined || matcher === null) return true;
    if (typeof matcher === 'string') return texts.some((text) => text === matcher);
    if (matcher.regex) {
      const pattern = new RegExp(matcher.regex[0], matcher.regex[1]);
      return texts.some((text) => pattern.test(text));
    }
    return texts.some((text) => text === matcher.exact);
  };

  const panes = () => [...document.querySelectorAll('.pane')].filter((pane) => visible(pane));
  const paneTitle = (pane) => plainText(pane.querySelector(':scope > .pane-header h3.title'));
  const findPane = (view) => panes().find((pane) => paneTitle(pane).toLowerCase() === String(view).toLowerCase());

  const readTreeRow = (row) => {
    const icon = row.querySelector('.custom-view-tree-node-item-icon');
    const background = icon ? getComputedStyle(icon).backgroundImage : 'none';
    return {
      index: Number(row.dataset.index),
      label: plainText(row.querySelector('.label-name')),
      description: plainText(row.querySelector('.label-description')) || undefined,
      level: Number(row.getAttribute('aria-level') ?? 1),
      expanded: row.hasAttribute('aria-expanded') ? row.getAttribute('aria-expanded') === 'true' : undefined,
      selected: row.getAttribute('aria-selected') === 'true',
      focused: row.classList.contains('focused'),
      ariaLabel: row.getAttribute('aria-label') ?? undefined,
      icon: codiconOf(icon),
      iconClass: icon?.className || undefined,
      iconUrl: background && background !== 'none' ? background : undefined,
      actions: [...row.querySelectorAll('.actions .action-label')].map((a) => a.getAttribute('aria-label') ?? plainText(a)),
    };
  };

  const quickInputWidget = () => {
    const widget = document.querySelector('.quick-input-widget');
    return visible(widget) ? widget : undefined;
  };

  const notificationItems = () =>
    [...document.querySelectorAll('.notifications-center .notification-list-item')].map((item) => ({
      message: textWithIcons(item.querySelector('.notification-list-item-message')),
      severity: codiconOf(item.querySelector('.notification-list-item-icon')),
      source: plainText(item.querySelector('.notification-list-item-source')).replace(/^Source:\s*/, '') || undefined,
      buttons: [...item.querySelectorAll('.notification-list-item-buttons-container .monaco-button')].map(plainText),
      progress: visible(item.querySelector('.monaco-progress-container:not(.done)')),
    }));

  globalThis.__uiBridge = {
    visible,
    textWithIcons,

    activityBar() {
      return [...document.querySelectorAll('.part.activitybar .action-item, .part.sidebar .composite-bar .action-item')]
        .map((item) => {
          const label = item.querySelector('.action-label');
          return {
            title: (label?.getAttribute('aria-label') ?? '').replace(/\s*\(.*\)$/, ''),
            active: item.classList.contains('checked'),
          };
        })
        .filter((entry) => entry.title);
    },

    sideBarTitle() {
      return plainText(document.querySelector('.part.sidebar .composite.title .title-label h2')) || undefined;
    },

    views() {
      return panes().map((pane) => ({ title: paneTitle(pane), expanded: pane.classList.contains('expanded') }));
    },

    /** undefined while the view is not shown. */
    treeRows({ view }) {
      const pane = findPane(view);
      if (!pane) return undefined;
      const rows = [...pane.querySelectorAll('.monaco-list-row[role="treeitem"]')].map(readTreeRow);
      rows.sort((a, b) => a.index - b.index);
      const welcome = pane.querySelector('.pane-body.welcome .welcome-view-content');
      return { rows, welcome: visible(welcome) };
    },

    /** The index of the first row matching, or undefined. */
    findTreeRow({ view, label, description, level }) {
      const pane = findPane(view);
      if (!pane) return undefined;
      const row = [...pane.querySelectorAll('.monaco-list-row[role="treeitem"]')]
        .map(readTreeRow)
        .find((r) => matches(label, r.label) && (description === undefined || matches(description, r.description ?? '')) && (level === undefined || r.level === level));
      return row;
    },

    viewWelcome({ view }) {
      const pane = findPane(view);
      const content = pane?.querySelector('.pane-body.welcome .welcome-view-content');
      if (!visible(content)) return undefined;
      return {
        text: [...content.querySelectorAll('p')].map(textWithIcons).filter(Boolean),
        buttons: [...content.querySelectorAll('.monaco-button')].map(plainText),
        links: [...content.querySelectorAll('p a')].map(plainText),
      };
    },

    viewTitleActions({ view }) {
      const pane = findPane(view);
      if (!pane) return undefined;
      // A single view in its container shows its actions in the container's title instead.
      const header = pane.querySelector(':scope > .pane-header');
      const scope = visible(header) ? header : document.querySelector('.part.sidebar .composite.title');
      return [...(scope?.querySelectorAll('.actions .action-label') ?? [])].map((a) => a.getAttribute('aria-label') ?? plainText(a));
    },

    contextMenu() {
      const menu = [...document.querySelectorAll('.context-view .monaco-menu')].find(visible);
      if (!menu) return undefined;
      return [...menu.querySelectorAll('.action-item')]
        .filter((item) => !item.querySelector('.separator') && !item.classList.contains('separator'))
        .map((item) => {
          const entry = item.querySelector('.action-menu-item') ?? item;
          return {
            label: plainText(item.querySelector('.action-label')),
            keybinding: plainText(item.querySelector('.keybinding')) || undefined,
            enabled: !item.classList.contains('disabled') && entry.getAttribute('aria-disabled') !== 'true',
            checked: entry.getAttribute('aria-checked') === 'true',
            submenu: !!item.querySelector('.submenu-indicator'),
          };
        });
    },

    dialog() {
      const box = [...document.querySelectorAll('.monaco-dialog-box')].find(visible);
      if (!box) return undefined;
      const checkbox = box.querySelector('.dialog-checkbox-row');
      // Without a detail, VS Code shows the message in the detail's place (not bold).
      const title = textWithIcons(box.querySelector('.dialog-message-text'));
      const detail = textWithIcons(box.querySelector('.dialog-message-detail'));
      return {
        message: title || detail,
        detail: title ? detail || undefined : undefined,
        severity: codiconOf(box.querySelector('.dialog-icon'))?.replace(/^dialog-/, ''),
        buttons: [...box.querySelectorAll('.dialog-buttons .monaco-button')].map(plainText),
        checkbox: visible(checkbox)
          ? { label: plainText(checkbox.querySelector('.dialog-checkbox-message')), checked: checkbox.querySelector('.monaco-checkbox')?.classList.contains('checked') ?? false }
          : undefined,
      };
    },

    notificationsVisible() {
      return visible(document.querySelector('.notifications-center.visible'));
    },
    notifications: notificationItems,

    quickInput() {
      const widget = quickInputWidget();
      if (!widget) return undefined;
      const input = widget.querySelector('.quick-input-box input');
      const message = widget.querySelector('.quick-input-message');
      const list = widget.querySelector('.quick-input-list');
      const items = visible(list)
        ? [...list.querySelectorAll('.monaco-list-row')]
            .map((row) => {
              const rows = row.querySelectorAll('.quick-input-list-row');
              const main = rows[0];
              const detail = row.querySelector('.quick-input-list-label-meta .monaco-icon-label');
              const separator = row.querySelector('.quick-input-list-separator');
              const checkbox = row.querySelector('.quick-input-list-label .monaco-checkbox');
              return {
                index: Number(row.dataset.index),
                label: textWithIcons(main?.querySelector('.label-name')),
                description: textWithIcons(main?.querySelector('.label-description')) || undefined,
                detail: visible(detail) ? textWithIcons(detail.querySelector('.label-name')) || undefined : undefined,
                separator: visible(separator) ? plainText(separator) || undefined : undefined,
                checked: checkbox && visible(checkbox) ? checkbox.getAttribute('aria-checked') === 'true' : undefined,
                focused: row.classList.contains('focused'),
                ariaLabel: row.getAttribute('aria-label') ?? undefined,
              };
            })
            .sort((a, b) => a.index - b.index)
        : [];
      const okButton = [...widget.querySelectorAll('.quick-input-action .monaco-button')].find(visible);
      return {
        title: plainText(widget.querySelector('.quick-input-title')) || undefined,
        placeholder: input?.getAttribute('placeholder') || undefined,
        value: input?.value ?? '',
        password: input?.type === 'password',
        message: visible(message) ? textWithIcons(message) || undefined : undefined,
        canSelectMany: widget.classList.contains('show-checkboxes'),
        busy: visible(widget.querySelector('.quick-input-progress:not(.done)')),
        okButton: okButton ? plainText(okButton) : undefined,
        items,
      };
    },

    statusBarItems() {
      return [...document.querySelectorAll('.part.statusbar .statusbar-item')]
        .filter(visible)
        .map((item) => {
          const label = item.querySelector('.statusbar-item-label');
          const classes = [...item.classList];
          return {
            id: item.id,
            text: textWithIcons(label),
            ariaLabel: item.getAttribute('aria-label') ?? undefined,
            kind: classes.find((c) => c.endsWith('-kind'))?.slice(0, -'-kind'.length) ?? 'standard',
            hasBackground: classes.includes('has-background-color'),
            background: item.style.backgroundColor || getComputedStyle(item).backgroundColor,
            color: getComputedStyle(label ?? item).color,
            alignment: classes.includes('right') ? 'right' : 'left',
            hasCommand: classes.includes('has-command'),
            classes,
          };
        });
    },

    hoverText() {
      const hover = [...document.querySelectorAll('.monaco-hover, .workbench-hover')].find(visible);
      if (!hover) return undefined;
      return textWithIcons(hover.querySelector('.hover-contents') ?? hover) || undefined;
    },

    editorTabs() {
      return [...document.querySelectorAll('.part.editor .tabs-container .tab')].map((tab) => ({
        label: plainText(tab.querySelector('.label-name')) || plainText(tab.querySelector('.monaco-icon-label')),
        description: plainText(tab.querySelector('.label-description')) || undefined,
        active: tab.classList.contains('active'),
        dirty: tab.classList.contains('dirty'),
      }));
    },

    text({ selector }) {
      const elements = [...document.querySelectorAll(selector)].filter(visible);
      return elements.length ? elements.map(textWithIcons) : undefined;
    },
  };
}
