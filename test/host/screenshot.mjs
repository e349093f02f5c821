// `npm run screenshot`: the demo setup, headless, and a picture of the SageMaker views with the
// demo data for the README (docs/images/explorer.png).
//
//   npm run screenshot [-- --out docs/images/explorer.png] [--width 1280] [--height 800]
import console from 'node:console';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { setTimeout } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { launchBrowser } from './browser.mjs';
import { startDemo } from './demoSetup.mjs';
import { cleanupAll, installCleanupHandlers } from './processes.mjs';
import { uiOperations } from './uiOperations.mjs';
import { repoRoot } from './versions.mjs';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    out: { type: 'string', default: path.join('docs', 'images', 'explorer.png') },
    width: { type: 'string', default: '1280' },
    height: { type: 'string', default: '800' },
  },
});
const out = path.resolve(repoRoot, values.out);
const LOAD_TIMEOUT_MS = 60_000;
const log = (line) => console.log(`[screenshot] ${line}`);

const CHILD_TIMEOUT_MS = 15_000;

/** Expands a row and waits for its children to render. */
async function expand(page, view, label, level) {
  const before = await uiOperations.treeRows(page, { view, minRows: 1, timeout: LOAD_TIMEOUT_MS });
  await uiOperations.treeItemAction(page, { view, label, level, action: 'expand', timeout: LOAD_TIMEOUT_MS });
  await uiOperations.treeRows(page, { view, minRows: before.length + 1, timeout: CHILD_TIMEOUT_MS }).catch(() => {});
}

/** Expands the first collapsed row at each level, a few levels deep, so the picture shows a hierarchy. */
async function expandFirstBranch(page, view, depth) {
  for (let level = 1; level <= depth; level++) {
    const rows = await uiOperations.treeRows(page, { view, minRows: 1, timeout: LOAD_TIMEOUT_MS });
    const next = rows.find((row) => row.level === level && row.expanded === false);
    if (!next) return;
    await expand(page, view, next.label, level);
  }
}

/** Drags the sash between the side bar and the editor so that labels and descriptions fit. */
async function widenSideBar(page, width) {
  const sideBar = await page.locator('.part.sidebar').boundingBox();
  if (!sideBar) return;
  const edge = sideBar.x + sideBar.width;
  const sashes = page.locator('.monaco-sash.vertical');
  for (let index = 0; index < (await sashes.count()); index++) {
    const box = await sashes.nth(index).boundingBox();
    if (!box || Math.abs(box.x + box.width / 2 - edge) > 8 || box.height < sideBar.height / 2) continue;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(width, y, { steps: 10 });
    await page.mouse.up();
    return;
  }
  log('found no sash to widen the side bar');
}

installCleanupHandlers();
let exitCode = 0;
try {
  const demo = await startDemo({ needChromium: true, log });
  const { page } = await launchBrowser({ executablePath: demo.host.chromium, viewport: { width: Number(values.width), height: Number(values.height) } });
  await page.goto(demo.url);
  const container = await uiOperations.openViewContainer(page, { title: 'SageMaker', timeout: LOAD_TIMEOUT_MS });
  log(`views: ${container.views.map((view) => view.title).join(', ')}`);
  const settleStart = Date.now();
  // Wait until every view shows rows or its welcome text, then open up the Studio hierarchy.
  for (const view of container.views) {
    await uiOperations.treeRows(page, { view: view.title, minRows: 1, timeout: LOAD_TIMEOUT_MS }).catch(() => log(`view ${view.title} shows no rows`));
  }
  await widenSideBar(page, Math.round(Number(values.width) * 0.45));
  if (container.views.some((view) => view.title === 'Studio')) await expandFirstBranch(page, 'Studio', 3);
  for (const [view, label] of [['Training', 'Training jobs'], ['Inference', 'Endpoints']]) {
    if (container.views.some((v) => v.title === view)) await expand(page, view, label, 1).catch(() => log(`could not expand ${label} in ${view}`));
  }
  // Leave no row focused or hovered: click the empty editor area.
  await page.locator('.part.editor').click({ position: { x: 200, y: 200 } }).catch(() => {});
  await setTimeout(1000); // let the last renders and the status bar settle
  log(`views loaded and arranged in ${((Date.now() - settleStart) / 1000).toFixed(1)} s`);
  await mkdir(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  log(`saved ${path.relative(repoRoot, out)}`);
} catch (error) {
  console.error(`[screenshot] ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await cleanupAll();
}
process.exit(exitCode);
