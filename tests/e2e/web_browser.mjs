// The web page in a real browser: Debian's Chromium, driven by
// puppeteer-core, with axe-core and html-validate, all pinned by
// tests/web/package-lock.json. For both examples with both layouts, the
// measures of every kind (tests/data/kinds.xml), the data file full of
// markup (tests/data/web-escaping.xml) and a generated 500-measure report:
//   - nothing is requested but the page itself, and the browser reports no
//     error (the content security policy blocks nothing the page needs);
//   - axe-core finds no violation of WCAG 2.0 and 2.1, levels A and AA, at
//     1280 and at 320 CSS pixels;
//   - reflow: at 320 px nothing scrolls sideways; at 1280 px the goal tiles
//     sit side by side;
//   - contrast, computed from the colours the browser draws: every text at
//     least 4.5:1 on its background, every chart mark and status icon at
//     least 3:1, the focus ring at least 3:1;
//   - keyboard: the skip link comes first and shows, a focus ring shows,
//     no positive tabindex;
//   - html-validate finds no error;
//   - each measure's card shows its sentence (the words are held to the
//     facts in tests/e2e/web_truth.py);
//   - printing hides the navigation and keeps the page within its width.
// Screenshots at 1280 and 375 px (and 320) of both examples go to
// BUILD/web-shots/, for people to look at.
//
// Prints "ok - what" / "not ok - what" / "skip - what (why)".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const top = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
process.chdir(top);
const QREPORT = process.env.QREPORT || 'build/qreport';
const BUILD = process.env.QREPORT_BUILD || path.dirname(QREPORT);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
let failed = 0;

function ok(cond, what) {
  console.log(`${cond ? 'ok' : 'not ok'} - ${what}`);
  if (!cond) failed = 1;
  return cond;
}

// The pinned packages, installed by tools/setup.sh (npm ci in tests/web).
const webdir = path.join(top, 'tests/web');
if (!fs.existsSync(path.join(webdir, 'node_modules/puppeteer-core'))) {
  const r = spawnSync('npm', ['ci', '--prefix', webdir, '--no-audit', '--no-fund', '--loglevel=error'],
    { encoding: 'utf8' });
  if (r.status !== 0) {
    console.log(`not ok - the browser test's packages install with npm ci --prefix tests/web (${(r.stderr || r.error || '').toString().trim().split('\n').pop()})`);
    process.exit(1);
  }
}
if (!fs.existsSync(CHROMIUM)) {
  console.log(`skip - the page in a real browser (${CHROMIUM} is missing: apt-get install chromium)`);
  process.exit(0);
}
const require = createRequire(path.join(webdir, 'package.json'));
const puppeteer = require('puppeteer-core');
const { HtmlValidate } = require('html-validate');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qreport-web-'));
const shots = path.join(BUILD, 'web-shots');
fs.mkdirSync(shots, { recursive: true });

function qreport(...args) {
  const r = spawnSync(QREPORT, args, { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, SOURCE_DATE_EPOCH: '1510531200' } });
  return r;
}

// [tag, data file, layout, screenshot name or null, every check or the lighter set]
const gen = path.join(tmp, 'generated-500.xml');
fs.writeFileSync(gen, spawnSync(path.join(BUILD, 'gen-report'), ['500'], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout);
const CASES = [
  ['independence (independence)', 'examples/independence-fy2018-q1.xml', 'independence', 'independence'],
  ['independence (plain)', 'examples/independence-fy2018-q1.xml', 'plain', null],
  ['riverbend (plain)', 'examples/riverbend-fy2025-q3.xml', 'plain', 'riverbend'],
  ['riverbend (independence)', 'examples/riverbend-fy2025-q3.xml', 'independence', null],
  ['kinds of measure (plain)', 'tests/data/kinds.xml', 'plain', null],
  ['escaping (independence)', 'tests/data/web-escaping.xml', 'independence', null],
  ['generated 500 (independence)', gen, 'independence', null],
];

// The page's title is the report's whole title (whose report, which
// quarter), the PDF's title too: WCAG 2.4.2 asks that it say what the page
// is, and a city's name and report title may take more than 70 characters.
const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'long-title': 'off' } });

// ---- checks that run inside the page ----

// Contrast of every text and mark the browser draws, against the colour
// behind it (the nearest ancestor with a background).
function contrastInPage() {
  const parse = (s) => {
    const m = s.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/);
    return m ? { r: +m[1], g: +m[2], b: +m[3], a: m[4] === undefined ? 1 : +m[4] } : null;
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const behind = (el) => {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const low = [];
  let texts = 0, marks = 0;
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg')) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !visible(el) || el.closest('.vh')) continue;
    texts++;
    const r = ratio(parse(getComputedStyle(el).color), behind(el));
    if (r < 4.5) low.push(`text "${el.textContent.trim().slice(0, 30)}" ${r.toFixed(2)}`);
  }
  // Chart labels: the chart's own, and those of the pieces charts share.
  for (const el of document.querySelectorAll('svg.qc text')) {
    texts++;
    const r = ratio(parse(getComputedStyle(el).fill), behind(el.closest('svg')));
    if (r < 4.5) low.push(`chart text "${el.textContent.slice(0, 20)}" ${r.toFixed(2)}`);
  }
  for (const el of document.querySelectorAll('svg.qc .bars, svg.qc .line, svg.qc .dots circle, svg.qc .target, svg.qc .benchmark, svg.qc .key')) {
    marks++;
    const cs = getComputedStyle(el);
    const c = parse(el.matches('.key, .dots circle') ? cs.fill : cs.stroke);
    const r = ratio(c, behind(el.closest('svg')));
    if (r < 3) low.push(`chart mark ${el.getAttribute('class')} ${r.toFixed(2)}`);
  }
  // Status icons, drawn before each status's word: the shape's colour
  // against what the word sits on.
  for (const el of document.querySelectorAll('.st')) {
    if (!visible(el)) continue;
    const img = getComputedStyle(el, '::before').backgroundImage;
    const svg = decodeURIComponent((img.match(/data:image\/svg\+xml,(.*)"\)$/) || [])[1] || '');
    const first = svg.match(/<(circle|path|rect)[^>]*>/);
    if (!first) { low.push(`icon missing before "${el.textContent.slice(0, 20)}"`); continue; }
    marks++;
    const fill = (first[0].match(/fill='(#[0-9a-f]{3,6})'/) || [])[1];
    const stroke = (first[0].match(/stroke='(#[0-9a-f]{6})'/) || [])[1];
    const paint = fill === '#fff' ? stroke : fill;
    const hex = paint.match(/^#(..)(..)(..)$/);
    const c = { r: parseInt(hex[1], 16), g: parseInt(hex[2], 16), b: parseInt(hex[3], 16) };
    const r = ratio(c, behind(el));
    if (r < 3) low.push(`icon before "${el.textContent.slice(0, 20)}" ${r.toFixed(2)}`);
  }
  return { low, texts, marks };
}

// ---- one page ----

async function checkPage(browser, tag, file, data, layout, shotName, heavy) {
  const url = 'file://' + path.resolve(file);
  const html = fs.readFileSync(file, 'utf8');
  const page = await browser.newPage();

  // Everything the page asks for, with its security policy off, so a
  // reference to anything outside would show as a request.
  await page.setBypassCSP(true);
  await page.setRequestInterception(true);
  const asked = [];
  page.on('request', (req) => {
    if (req.url() !== url && !req.url().startsWith('data:')) asked.push(req.url());
    req.continue();
  });
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(url, { waitUntil: 'load' });
  ok(asked.length === 0, `${tag}: the page asks for nothing but itself` + (asked.length ? ` (${asked.slice(0, 3)})` : ''));
  await page.close();

  const view = await browser.newPage();
  const problems = [];
  view.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  view.on('pageerror', (e) => problems.push(String(e)));
  await view.setViewport({ width: 1280, height: 900 });
  await view.goto(url, { waitUntil: 'load' });
  ok(problems.length === 0, `${tag}: the browser reports no error or blocked content` + (problems.length ? ` (${problems.slice(0, 2)})` : ''));

  await view.evaluate(axeSource);
  const axeRun = () => view.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0].target.join(' ')} ${v.nodes[0].failureSummary.split('\n')[1] || ''}`);
  }, TAGS);
  let v = await axeRun();
  ok(v.length === 0, `${tag}: axe-core finds no WCAG 2.1 A or AA violation at 1280 px` + (v.length ? ` (${v.slice(0, 3).join('; ')})` : ''));

  const tiles = await view.evaluate(() => [...document.querySelectorAll('.tiles > li')].slice(0, 2)
    .map((li) => { const r = li.getBoundingClientRect(); return [r.left, r.top]; }));
  ok(tiles.length < 2 || (tiles[0][1] === tiles[1][1] && tiles[1][0] > tiles[0][0]),
    `${tag}: at 1280 px the goal tiles sit side by side (${JSON.stringify(tiles)})`);

  const c = await view.evaluate(contrastInPage);
  ok(c.low.length === 0 && c.texts > 0, `${tag}: every text at least 4.5:1 and every chart mark and icon at least 3:1 on its background (${c.texts} texts, ${c.marks} marks)` + (c.low.length ? ` (${c.low.slice(0, 3)})` : ''));

  // The words on the cards are the ones the browser shows.
  const facts = JSON.parse(qreport('--facts', '--layout', layout, data).stdout);
  const shown = await view.evaluate((ms) => ms.filter((m) => {
    const card = document.getElementById('m-' + m.id);
    return !card || !card.innerText.replace(/\s+/g, ' ').includes(m.sentence.replace(/\s+/g, ' '));
  }).map((m) => m.id), facts.measures.map((m) => ({ id: m.id, sentence: m.sentence })));
  ok(shown.length === 0, `${tag}: every card shows its sentence as presented` + (shown.length ? ` (not: ${shown.slice(0, 3)})` : ''));

  // Keyboard: the skip link first, shown when focused, then into the report.
  await view.keyboard.press('Tab');
  const skip = await view.evaluate(() => {
    const a = document.activeElement;
    const r = a.getBoundingClientRect();
    const cs = getComputedStyle(a);
    return { cls: a.className, href: a.getAttribute('href'), top: r.top, bottom: r.bottom, outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth) };
  });
  ok(skip.cls === 'skip' && skip.href === '#main' && skip.top >= 0 && skip.bottom <= 900 && skip.outline !== 'none' && skip.width >= 2,
    `${tag}: the first Tab reaches the skip link, in sight, with a focus ring (${JSON.stringify(skip)})`);
  await view.keyboard.press('Enter');
  await view.keyboard.press('Tab');
  const next = await view.evaluate(() => {
    const a = document.activeElement;
    const cs = getComputedStyle(a);
    const main = document.getElementById('main');
    return { inMain: main.contains(a), outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth), color: cs.outlineColor,
      positive: document.querySelectorAll('[tabindex]:not([tabindex="-1"]):not([tabindex="0"])').length };
  });
  ok(next.inMain && next.outline !== 'none' && next.width >= 2 && next.positive === 0,
    `${tag}: after the skip link, Tab goes on inside the report, with a visible focus ring; no positive tabindex (${JSON.stringify(next)})`);

  if (shotName) {
    await view.screenshot({ path: path.join(shots, `${shotName}-1280.png`), fullPage: true });
  }

  // Reflow: a phone's width, then the smallest WCAG asks for.
  for (const width of [375, 320]) {
    await view.setViewport({ width, height: 800 });
    const w = await view.evaluate(() => [document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]);
    ok(w[0] <= w[2] && w[1] <= w[2], `${tag}: at ${width} px nothing scrolls sideways (scrollWidth ${w[0]}, viewport ${w[2]})`);
    if (shotName) await view.screenshot({ path: path.join(shots, `${shotName}-${width}.png`), fullPage: true });
  }
  if (heavy) {
    const stacked = await view.evaluate(() => {
      const td = document.querySelector('table.every tbody td');
      return td ? [getComputedStyle(td).display, getComputedStyle(td, '::before').content] : null;
    });
    ok(stacked && stacked[0] === 'block' && stacked[1] !== 'none' && stacked[1] !== 'normal',
      `${tag}: at 320 px the table of every measure is a stack of labelled cells (${stacked})`);
    v = await axeRun();
    ok(v.length === 0, `${tag}: axe-core finds no WCAG 2.1 A or AA violation at 320 px` + (v.length ? ` (${v.slice(0, 3).join('; ')})` : ''));
    const c320 = await view.evaluate(contrastInPage);
    ok(c320.low.length === 0, `${tag}: contrast holds at 320 px too` + (c320.low.length ? ` (${c320.low.slice(0, 3)})` : ''));
  }

  // Print: no navigation, nothing wider than the paper.
  await view.emulateMediaType('print');
  await view.setViewport({ width: 700, height: 900 });
  const pr = await view.evaluate(() => [getComputedStyle(document.querySelector('.toc') || document.body).display,
    document.documentElement.scrollWidth, window.innerWidth, getComputedStyle(document.querySelector('.mast')).backgroundColor]);
  ok((pr[0] === 'none' || !html.includes('class="toc"')) && pr[1] <= pr[2] && pr[3] === 'rgba(0, 0, 0, 0)',
    `${tag}: printed, the page has no navigation or dark fill and keeps within the paper (${pr})`);
  await view.close();

  const report = await validator.validateString(html);
  const errors = report.results.flatMap((r) => r.messages).filter((m) => m.severity === 2);
  ok(errors.length === 0, `${tag}: html-validate finds no error` + (errors.length ? ` (${errors.slice(0, 3).map((e) => `${e.ruleId}: ${e.message} at ${e.line}:${e.column}`).join('; ')})` : ''));
}

const browser = await puppeteer.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    `--user-data-dir=${path.join(tmp, 'profile')}`],
});
try {
  for (const [tag, data, layout, shot] of CASES) {
    const out = path.join(tmp, tag.replace(/\W+/g, '-'));
    const r = qreport('--layout', layout, '--out', out, '--format', 'html,csv', data);
    if (!ok(r.status === 0, `${tag}: the page is written`)) continue;
    const file = path.join(out, path.basename(data).replace(/\.xml$/, '.html'));
    const t0 = Date.now();
    await checkPage(browser, tag, file, data, layout, shot, !tag.startsWith('generated'));
    console.log(`# ${tag}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
} finally {
  await browser.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`# screenshots in ${shots}`);
process.exit(failed);
