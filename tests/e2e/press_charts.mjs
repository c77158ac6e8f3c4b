// The chart images (--format charts), for the three examples with both
// layouts and a generated report of 42 measures:
//   - the folder holds ID.svg, ID.png and ID.txt for exactly the measures
//     whose chart is drawn (--facts: full_chart.drawn), and nothing else;
//   - each PNG is a PNG of 1200 x 675 pixels; each SVG is well-formed
//     (xmllint), 1200 x 675, names its measure, its status word and its
//     axis's unit, and draws the target where the chart has one;
//   - each ID.txt is the chart's text alternative, and so is the SVG's title;
//     it gives each period of the series that has a value, in order, with it;
//   - in Debian's Chromium (puppeteer-core, pinned by tests/web), the SVG
//     and the PNG show the same picture: compared in blocks of 10 by 10
//     pixels, and every word and mark the browser draws has ink in the PNG
//     where the browser puts it, none where it puts nothing;
//   - two runs give the same bytes.
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
let failed = 0;

function ok(cond, what, detail) {
  console.log(`${cond ? 'ok' : 'not ok'} - ${what}`);
  if (!cond) {
    failed = 1;
    if (detail !== undefined) console.log(`#   ${String(detail).slice(0, 400)}`);
  }
  return cond;
}

function run(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qreport-charts.'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

// The width and height a PNG's header gives, or null.
function pngSize(buf) {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (buf.length < 24 || !buf.subarray(0, 8).equals(sig) || buf.toString('latin1', 12, 16) !== 'IHDR')
    return null;
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

// Every chart of one data file with one layout: the files, checked; returns
// [dir, ids] for the browser's comparison.
function checkFiles(data, layout, tag) {
  const stem = path.basename(data, '.xml');
  const outs = [1, 2].map((k) => path.join(tmp, `${tag}-${k}`.replace(/\W+/g, '-')));
  for (const out of outs) {
    const r = run(QREPORT, ['--layout', layout, '--format', 'charts', '--out', out, data]);
    if (!ok(r.status === 0, `${tag}: runs`, r.stderr)) return null;
  }
  const dir = path.join(outs[0], `${stem}-charts`);
  ok(fs.readdirSync(outs[0]).join() === `${stem}-charts`, `${tag}: writes the charts' folder alone`);
  const facts = JSON.parse(run(QREPORT, ['--facts', '--layout', layout, data]).stdout);
  const drawn = facts.measures.filter((m) => m.full_chart.drawn);
  const want = drawn.flatMap((m) => ['png', 'svg', 'txt'].map((e) => `${m.id}.${e}`)).sort();
  const got = fs.readdirSync(dir).sort();
  ok(JSON.stringify(got) === JSON.stringify(want),
    `${tag}: ID.svg, ID.png and ID.txt for each of the ${drawn.length} measures with a chart, nothing else`,
    `${got.length} files, ${want.length} wanted`);
  const same = got.every((f) => fs.readFileSync(path.join(dir, f)).equals(
    fs.readFileSync(path.join(outs[1], `${stem}-charts`, f))));
  ok(same, `${tag}: two runs give the same bytes`);

  const bad = { size: [], xml: [], alt: [], series: [], title: [], words: [], target: [] };
  for (const m of drawn) {
    const png = fs.readFileSync(path.join(dir, `${m.id}.png`));
    const wh = pngSize(png);
    if (!wh || wh[0] !== 1200 || wh[1] !== 675) bad.size.push(`${m.id}: ${wh}`);
    const svgPath = path.join(dir, `${m.id}.svg`);
    if (run('xmllint', ['--noout', svgPath]).status !== 0) bad.xml.push(m.id);
    const svg = fs.readFileSync(svgPath, 'utf8');
    const txt = fs.readFileSync(path.join(dir, `${m.id}.txt`), 'utf8');
    if (txt !== `${m.full_chart.alt}\n`) bad.alt.push(m.id);
    // The alternative gives the series: each period with a value, in order.
    let from = 0;
    for (const p of m.full_chart.points.filter((p) => p.value_text)) {
      const said = `${p.label} ${p.value_text}`;
      const i = txt.indexOf(said, from);
      if (i < 0) { bad.series.push(`${m.id}: ${said}`); break; }
      from = i + said.length;
    }
    const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const title = svg.match(/<title id="alt">([^<]*)<\/title>/);
    if (!title || title[1] !== esc(m.full_chart.alt)) bad.title.push(m.id);
    if (!/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="1200" height="675"/.test(svg))
      bad.size.push(`${m.id}: svg`);
    // The name may be broken into lines: its words, in order, in the text.
    const words = svg.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    const name = esc(m.name).split(' ');
    let at = 0;
    for (const w of name) {
      const i = words.indexOf(w, at);
      if (i < 0) { bad.words.push(`${m.id}: name`); break; }
      at = i + w.length;
    }
    if (!words.includes(esc(m.status_word))) bad.words.push(`${m.id}: status`);
    if (m.full_chart.axis_unit && !words.includes(esc(m.full_chart.axis_unit)))
      bad.words.push(`${m.id}: unit ${m.full_chart.axis_unit}`);
    if (m.full_chart.segments.length && !svg.includes('class="target"')) bad.target.push(m.id);
  }
  ok(!bad.size.length, `${tag}: every picture is 1200 x 675, PNG and SVG alike`, bad.size);
  ok(!bad.xml.length, `${tag}: every SVG is well-formed (xmllint)`, bad.xml);
  ok(!bad.alt.length, `${tag}: every ID.txt is the chart's text alternative`, bad.alt);
  ok(!bad.series.length, `${tag}: every ID.txt gives the chart's series, each period with its value, in order`, bad.series);
  ok(!bad.title.length, `${tag}: every SVG is titled with the same alternative`, bad.title);
  ok(!bad.words.length, `${tag}: every picture names its measure, status and unit`, bad.words);
  ok(!bad.target.length, `${tag}: every chart with a target draws it`, bad.target);
  return [dir, drawn.map((m) => m.id)];
}

const sets = [];
for (const example of ['independence-fy2018-q1', 'riverbend-fy2025-q3', 'harmon-falls-fy2025-q2'])
  for (const layout of ['independence', 'plain']) {
    const r = checkFiles(`examples/${example}.xml`, layout, `${example} with ${layout}`);
    if (r) sets.push([`${example} with ${layout}`, ...r]);
  }
const gen = path.join(BUILD, 'gen-report');
if (ok(fs.existsSync(gen), `${gen} is built`)) {
  const data = path.join(tmp, 'gen-42.xml');
  fs.writeFileSync(data, run(gen, ['42']).stdout);
  const r = checkFiles(data, 'independence', '42 measures');
  if (r) sets.push(['42 measures', ...r]);
}

// ---- The browser: the SVG as Chromium draws it against the PNG ----
const webdir = path.join(top, 'tests/web');
if (!fs.existsSync(path.join(webdir, 'node_modules/puppeteer-core'))) {
  const r = run('npm', ['ci', '--prefix', webdir, '--no-audit', '--no-fund', '--loglevel=error']);
  if (r.status !== 0) {
    ok(false, `the browser test's packages install with npm ci --prefix tests/web`, r.stderr);
    process.exit(1);
  }
}
if (!fs.existsSync(CHROMIUM)) {
  console.log(`skip - the SVG in a real browser against the PNG (${CHROMIUM} is missing: apt-get install chromium)`);
  process.exit(failed);
}
const require = createRequire(path.join(webdir, 'package.json'));
const puppeteer = require('puppeteer-core');
const browser = await puppeteer.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'],
});
const page = await browser.newPage();
await page.setViewport({ width: 1200, height: 675 });
await page.goto('about:blank');

// In the page: both pictures drawn on canvases; their difference in blocks
// of 10 by 10 pixels (mean luminance, 0..255), and for each text and mark
// of the SVG as the browser lays it out, whether the PNG has ink inside
// its box; and how much of the PNG's ink lies outside every such box.
async function compare(svgText, pngBase64) {
  return page.evaluate(async (svgText, pngBase64) => {
    const W = 1200, H = 675;
    const load = (src) => new Promise((res, rej) => {
      const img = new Image();
      img.onload = () => res(img);
      img.onerror = () => rej(new Error('cannot load ' + src.slice(0, 40)));
      img.src = src;
    });
    const pixels = (img) => {
      const c = document.createElement('canvas');
      c.width = W; c.height = H;
      const g = c.getContext('2d');
      g.fillStyle = '#fff'; g.fillRect(0, 0, W, H);
      g.drawImage(img, 0, 0, W, H);
      return g.getImageData(0, 0, W, H).data;
    };
    const svgImg = await load('data:image/svg+xml;base64,' + btoa(unescape(encodeURIComponent(svgText))));
    const pngImg = await load('data:image/png;base64,' + pngBase64);
    const a = pixels(svgImg), b = pixels(pngImg);
    const lum = (d, i) => 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2];
    let worst = 0, total = 0, blocks = 0;
    for (let by = 0; by < H; by += 10)
      for (let bx = 0; bx < W; bx += 10) {
        let sa = 0, sb = 0, n = 0;
        for (let y = by; y < Math.min(by + 10, H); y++)
          for (let x = bx; x < bx + 10; x++) {
            const i = (y * W + x) * 4;
            sa += lum(a, i); sb += lum(b, i); n++;
          }
        const d = Math.abs(sa - sb) / n;
        worst = Math.max(worst, d); total += d; blocks++;
      }
    // The marks and words, where the browser lays them out inline, with
    // a margin for antialiasing.
    document.body.style.margin = '0';
    document.body.innerHTML = svgText;
    const svg = document.body.querySelector('svg');
    const boxes = [];
    for (const el of svg.querySelectorAll('text, rect, path, circle')) {
      const r = el.getBoundingClientRect();
      // Lines have boxes of no height; only the ground is left out.
      if ((r.width < 1 && r.height < 1) || (r.width >= W - 1 && r.height >= H - 1)) continue;
      // A stroke reaches half its width past the box (bars are thick strokes).
      const cs = getComputedStyle(el);
      const half = cs.stroke && cs.stroke !== 'none' ? (parseFloat(cs.strokeWidth) || 1) / 2 : 0;
      boxes.push({ what: el.tagName === 'text' ? el.textContent : el.tagName + '.' + (el.getAttribute('class') || ''),
        x0: Math.floor(r.left - half), y0: Math.floor(r.top - half),
        x1: Math.ceil(r.right + half), y1: Math.ceil(r.bottom + half) });
    }
    const inked = (x, y) => lum(b, (y * W + x) * 4) < 235;
    const empty = boxes.filter((bx) => {
      for (let y = Math.max(0, bx.y0 - 1); y < Math.min(H, bx.y1 + 1); y++)
        for (let x = Math.max(0, bx.x0 - 1); x < Math.min(W, bx.x1 + 1); x++)
          if (inked(x, y)) return false;
      return true;
    }).map((bx) => bx.what);
    const covered = new Uint8Array(W * H);
    for (const bx of boxes)
      for (let y = Math.max(0, bx.y0 - 3); y < Math.min(H, bx.y1 + 3); y++)
        covered.fill(1, y * W + Math.max(0, bx.x0 - 3), y * W + Math.min(W, bx.x1 + 3));
    let stray = 0, ink = 0;
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++)
        if (inked(x, y)) { ink++; if (!covered[y * W + x]) stray++; }
    return { worst, mean: total / blocks, empty, stray, ink, nboxes: boxes.length };
  }, svgText, pngBase64);
}

for (const [tag, dir, ids] of sets) {
  const far = [], blank = [], strays = [];
  let worstSeen = 0, meanSeen = 0;
  for (const id of ids) {
    const svg = fs.readFileSync(path.join(dir, `${id}.svg`), 'utf8');
    const png = fs.readFileSync(path.join(dir, `${id}.png`)).toString('base64');
    let r;
    try {
      r = await compare(svg, png);
    } catch (e) {
      far.push(`${id}: ${e.message}`);
      continue;
    }
    worstSeen = Math.max(worstSeen, r.worst);
    meanSeen = Math.max(meanSeen, r.mean);
    if (r.worst > 48 || r.mean > 1.5) far.push(`${id}: worst block ${r.worst.toFixed(1)}, mean ${r.mean.toFixed(2)}`);
    if (r.empty.length) blank.push(`${id}: ${r.empty.slice(0, 4).join(' | ')}`);
    if (r.stray > r.ink * 0.01) strays.push(`${id}: ${r.stray} of ${r.ink} inked pixels`);
  }
  if (!ids.length) continue;
  ok(!far.length, `${tag}: Chromium's drawing of each SVG and the PNG agree, block by block (worst block ${worstSeen.toFixed(1)} of 255, worst mean ${meanSeen.toFixed(2)})`, far.slice(0, 3).join('; '));
  ok(!blank.length, `${tag}: every word and mark Chromium draws has ink in the PNG`, blank.slice(0, 3).join('; '));
  ok(!strays.length, `${tag}: the PNG has no ink where Chromium draws nothing`, strays.slice(0, 3).join('; '));
}
await browser.close();
process.exit(failed);
