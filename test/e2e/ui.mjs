// Small helpers that drive the VS Code web workbench the way a person does: the command palette, quick picks,
// the status bar, the notification center and the chart webview. They wait on DOM state, never on sleeps.

export const STATUS_ITEM = '[id="elevenlabs-usage.elevenlabs-usage.elevenlabsUsage.status"]';
const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} input.input`;

export function statusItem(page) {
  return page.locator(`#workbench\\.parts\\.statusbar ${STATUS_ITEM}`);
}

export function quickInput(page) {
  return page.locator(QUICK_INPUT_BOX);
}

/** The input of the quick pick whose placeholder is `placeholder`. */
function pickInput(page, placeholder) {
  return page.locator(`${QUICK_INPUT_BOX}[placeholder="${placeholder.replace(/"/g, '\\"')}"]`);
}

/** The row of the quick pick that has keyboard focus, when its label is exactly `label`. */
function focusedRow(page, label) {
  return page
    .locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row.focused`)
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) });
}

/**
 * The quick pick whose placeholder is `placeholder`, once shown: each row as a person reads it (label,
 * description and detail, spaces collapsed), and the label of the row that has keyboard focus.
 */
export async function quickPickShown(page, placeholder) {
  await pickInput(page, placeholder).waitFor({ state: 'visible' });
  const rows = page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`);
  await rows.first().waitFor({ state: 'visible' });
  const texts = (await rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
  const focused = (await page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row.focused .label-name`).allInnerTexts())[0];
  return { rows: texts, focused };
}

/**
 * The theme kind the workbench shows, by its colours, not its class: on a toggle the class changes before the new
 * theme's colours are painted, and a picture taken in between shows the old ones.
 */
export async function themeKindShown(page) {
  const dark = /\bvs-dark\b|\bhc-black\b/.test((await page.locator('.monaco-workbench').getAttribute('class')) ?? '');
  const background = await page.locator('.monaco-workbench .part.sidebar').first().evaluate((el) => getComputedStyle(el).backgroundColor);
  const match = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(background ?? '');
  if (!match) return undefined;
  const [r, g, b] = match.slice(1, 4).map(Number);
  const paintedDark = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 < 0.5;
  return paintedDark === dark ? (dark ? 'dark' : 'light') : undefined;
}

export function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Opens a quick input (`open`), types `text` into `input`, waits until the row labelled `label` has focus, Enter.
 * The input can close on its own while it opens or before its row is found (the workbench moves focus: seen under
 * load right after a chart was drawn, and after a theme toggle and a hover): then it is opened again, at most twice
 * more, saying so in the output; one that never shows its row still fails.
 */
async function typeAndChoose(page, { open, input, text, label, what }) {
  for (let attempt = 1; ; attempt++) {
    const timeout = attempt < 3 ? 10_000 : 30_000;
    await open();
    try {
      await input.waitFor({ state: 'visible', timeout });
      await input.fill(text, { timeout });
      await focusedRow(page, label).waitFor({ state: 'visible', timeout });
      break;
    } catch (error) {
      if (attempt >= 3) throw error;
      console.warn(`[e2e] ${what} closed or did not show "${label}" (attempt ${attempt}); opening it again`);
      await page.keyboard.press('Escape');
    }
  }
  await page.keyboard.press('Enter');
}

/** F1, type `>title`, wait until that command is the focused row, Enter (typeAndChoose). */
export async function runCommand(page, title) {
  await typeAndChoose(page, { open: () => page.keyboard.press('F1'), input: quickInput(page), text: `>${title}`, label: title, what: 'the command palette' });
}

/** Closes the secondary (chat) and primary side bars where they are open, for the chart's room. */
export async function closeSideBars(page) {
  for (const [part, command] of [
    ['auxiliarybar', 'View: Hide Secondary Side Bar'],
    ['sidebar', 'View: Close Primary Side Bar'],
  ]) {
    const bar = page.locator(`#workbench\\.parts\\.${part}`);
    if (await bar.isVisible()) {
      await runCommand(page, command);
      await bar.waitFor({ state: 'hidden' });
    }
  }
}

/**
 * Answers the current step of a quick pick: waits for the step (its placeholder), types the label, waits until
 * the item with exactly that label has focus, Enter.
 */
export async function pickItem(page, placeholder, label) {
  const input = pickInput(page, placeholder);
  await input.waitFor({ state: 'visible' });
  await input.fill(label);
  await focusedRow(page, label).waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

/** Runs `command` and answers its first quick pick with `label` (typeAndChoose: the command again if the pick closes). */
export async function runCommandAndPick(page, command, placeholder, label) {
  await typeAndChoose(page, { open: () => runCommand(page, command), input: pickInput(page, placeholder), text: label, label, what: `the pick "${placeholder}"` });
}

/** The input box of a showInputBox with this title (waits for it). */
export async function inputBoxTitled(page, title) {
  await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: title }).waitFor({ state: 'visible' });
  const input = quickInput(page);
  await input.waitFor({ state: 'visible' });
  return input;
}

/**
 * The workbench is started with --enable-smoke-test-driver (it must be, to load the extension from source), and
 * that flag stops notification toasts from popping up: notifications still arrive, in the notification center.
 * A person opens it from the status bar bell; we open it with its command.
 */
export async function openNotificationCenter(page) {
  const center = page.locator('.notifications-center');
  // The command toggles nothing, but on a busy machine a keystroke can land while a notification (a progress
  // one, say) is being added and the center stays closed: try again, as a person would.
  for (let attempt = 1; ; attempt++) {
    await runCommand(page, 'Notifications: Show Notifications');
    try {
      await center.waitFor({ state: 'visible', timeout: 10_000 });
      return center;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/**
 * The notification holding `text`, in the notification center, once it has arrived. Its arrival is seen by the
 * screen reader's announcement, which must hold `text` too, so pass text that no earlier notification had: the
 * center is opened only then (one opened before a notification arrives may not list it).
 */
export async function notificationWith(page, text) {
  await page.locator('.monaco-alert', { hasText: text }).waitFor({ state: 'attached' });
  const center = await openNotificationCenter(page);
  const item = center.locator('.notification-list-item', { hasText: text });
  await item.waitFor({ state: 'visible' });
  return item;
}

export async function clearNotifications(page) {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator('.notifications-center .notification-list-item').first().waitFor({ state: 'detached' }).catch(() => {});
  if (await page.locator('.notifications-center').isVisible()) {
    await runCommand(page, 'Notifications: Hide Notifications');
  }
}

/** The chart webview's document: two frames down. */
export function webview(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** Reads the data table of the chart panel as text. */
export async function readTable(frame) {
  return frame.locator('#dataTable').evaluate((table) => {
    const cells = (row) => Array.from(row.children).map((cell) => cell.textContent.trim());
    return {
      caption: table.querySelector('caption').textContent.trim(),
      head: Array.from(table.querySelectorAll('#dataTableHead tr')).map(cells),
      body: Array.from(table.querySelectorAll('#dataTableBody tr')).map(cells),
      foot: Array.from(table.querySelectorAll('#dataTableFoot tr')).map(cells),
    };
  });
}

/** "12,345" → 12345; "–" (no data) → null. */
export function parseCell(text) {
  if (text === '\u2013') return null;
  const value = Number(text.replace(/,/g, ''));
  if (!Number.isFinite(value)) throw new Error(`not a number in the table: ${JSON.stringify(text)}`);
  return value;
}

/** Polls `fn` until it returns a truthy value. */
export async function waitUntil(description, fn, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Closes the active editor with the X on its tab, as a person would. */
export async function closeActiveTab(page) {
  const tab = page.locator('.tabs-container .tab.active');
  const title = (await tab.innerText()).trim();
  await tab.hover();
  await tab.getByRole('button', { name: /^Close/ }).click();
  await page.locator('.tabs-container .tab', { hasText: title }).waitFor({ state: 'detached' });
}
