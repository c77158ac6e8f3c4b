// Reads a tagged PDF the way Firefox's reader does (pdf.js: getStructTree
// and getTextContent with marked content) and checks what a screen reader
// relies on:
//   - every piece of text is inside marked content, either an artifact or
//     content a structure element owns (no MCID missing from the parent
//     tree, none used twice on a page, none in the tree but not the page);
//   - the structure tree's text, in its order, is the page's non-artifact
//     text, and all the page's text is what pdftotext extracts, in the same
//     order;
//   - every Figure has a text alternative; every Table has header cells
//     (a table continued from the page before counts with its start);
//     headings start at H1 and never skip a level; rows, cells and list
//     items sit where they belong; a table cell that shows only a dash
//     has words to read instead (/ActualText);
//   - every link annotation has a description and belongs to a Link element.
//
// Usage: node check-structure.mjs [--no-links] FILE.pdf LABEL [READING-ORDER-OUT [LANG-OUT]]
// (--no-links: a document that links nowhere, such as the one-page
// scorecard; it must then have no link annotation at all.)
// Prints "ok - LABEL: ..." or "not ok - LABEL: ..." per check and exits 1
// if any failed. READING-ORDER-OUT, when given, receives one line per
// element with content, in reading order: "ROLE<TAB>text or alternative".
// LANG-OUT receives one line per element that gives its language (/Lang):
// "LANG<TAB>ROLE<TAB>its text".

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";

const args = process.argv.slice(2);
const noLinks = args[0] === "--no-links";
const [file, label = file, orderOut, langOut] = noLinks ? args.slice(1) : args;
let failures = 0;

function check(cond, what, detail) {
  console.log(`${cond ? "ok" : "not ok"} - ${label}: ${what}`);
  if (!cond) {
    failures++;
    if (detail) console.log(`#   ${detail}`);
  }
  return cond;
}

const squeeze = (s) => s.replace(/\s+/g, "");
const HEADING = /^H([1-6])$/;
const LINK = 2; // pdf.js AnnotationType.LINK

// Where each element may sit: role -> roles its parent may have.
const PARENTS = {
  TR: ["Table", "THead", "TBody", "TFoot"],
  TH: ["TR"],
  TD: ["TR"],
  LI: ["L"],
  Lbl: ["LI"],
  LBody: ["LI"],
  TOCI: ["TOC"],
};

const data = new Uint8Array(readFileSync(file));
const doc = await pdfjs.getDocument({ data, verbosity: 0, isEvalSupported: false }).promise;

const problems = {
  untagged: [], // text outside any marked content
  unowned: [], // MCIDs on the page that no element claims
  twice: [], // MCIDs opened twice on one page
  phantom: [], // MCIDs in the tree that the page does not have
  order: [], // pages whose tree order differs from the content order
  extract: [], // pages where pdftotext reads other text
  alt: [], // figures without alternative
  headings: [], // skipped heading levels
  nesting: [], // elements under the wrong parent
  links: [], // link annotations outside a Link element
  contents: [], // link annotations without a description
  dashes: [], // table cells showing only a dash, with nothing to read instead
};
let ndashes = 0;
const tables = []; // {page, th, first, last} per table fragment, in order
const reading = []; // "ROLE\ttext" lines
const langs = []; // "LANG\tROLE\ttext" lines
const badLangs = []; // /Lang values that are no language tag
let lastHeading = 0;
let nfigures = 0;
let nlinks = 0;
let ncontent = 0;

// pdftotext in content-stream order for one page, without white space.
function pdftotext(n) {
  const out = execFileSync("pdftotext", ["-raw", "-f", `${n}`, "-l", `${n}`, file, "-"], {
    encoding: "utf8",
  });
  return squeeze(out);
}

for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const tc = await page.getTextContent({ includeMarkedContent: true });

  // Content order: the text of each MCID, and all text with artifacts.
  const mcText = new Map();
  const mcWords = new Map(); // the same with its spaces, for the reading-order list
  const stack = [];
  let allText = "";
  let taggedText = "";
  for (const item of tc.items) {
    if (item.type === "beginMarkedContent" || item.type === "beginMarkedContentProps") {
      stack.push(item);
      if (item.id) {
        if (mcText.has(item.id)) problems.twice.push(`page ${n} ${item.id}`);
        mcText.set(item.id, "");
        mcWords.set(item.id, "");
      }
      continue;
    }
    if (item.type === "endMarkedContent") {
      stack.pop();
      continue;
    }
    const s = squeeze(item.str);
    const owner = [...stack].reverse().find((m) => m.id || m.tag === "Artifact");
    if (owner?.id) mcWords.set(owner.id, mcWords.get(owner.id) + item.str + (item.hasEOL ? " " : ""));
    if (!s) continue;
    allText += s;
    // The innermost marked content with an MCID owns the text, else an artifact.
    if (!owner) {
      problems.untagged.push(`page ${n}: "${item.str}"`);
    } else if (owner.id) {
      mcText.set(owner.id, mcText.get(owner.id) + s);
      taggedText += s;
    }
  }

  // The page's part of the structure tree, in reading order.
  const tree = await page.getStructTree();
  const seen = new Set();
  let treeText = "";
  let treeWords = "";
  let table = null; // the table fragment being walked
  let firstFrag; // the fragment holding the page's first content (null: none)
  let lastFrag = null; // ... and its last
  const fragments = [];
  const annots = new Map(); // annotation id -> role of the element holding it

  function walk(node, parentRole) {
    if (node.type === "content") {
      if (!mcText.has(node.id)) problems.phantom.push(`page ${n} ${node.id}`);
      seen.add(node.id);
      treeText += mcText.get(node.id) || "";
      treeWords += mcWords.get(node.id) || "";
      ncontent++;
      if (firstFrag === undefined) firstFrag = table;
      lastFrag = table;
      return;
    }
    if (node.type === "object" || node.type === "annotation") {
      annots.set(node.id.replace(/^pdfjs_internal_id_/, ""), parentRole);
      return;
    }
    const role = node.role;
    const allowed = PARENTS[role];
    if (allowed && !allowed.includes(parentRole))
      problems.nesting.push(`page ${n}: ${role} in ${parentRole}`);
    const h = HEADING.exec(role || "");
    if (h) {
      const level = Number(h[1]);
      if (level > lastHeading + 1) problems.headings.push(`page ${n}: H${level} after H${lastHeading}`);
      lastHeading = level;
    }
    if (role === "Figure") {
      nfigures++;
      if (!node.alt || !node.alt.trim()) problems.alt.push(`page ${n}`);
    }
    if (role === "TH" && table) table.th = true;
    const outer = table;
    if (role === "Table") {
      table = { page: n, th: false, first: false, last: false };
      fragments.push(table);
    }
    // Listed before its children, with the text of its whole subtree.
    const slot = reading.length;
    reading.push(null);
    const start = treeWords.length;
    const own = (node.children || []).some((k) => k.type === "content");
    for (const kid of node.children || []) walk(kid, role);
    if (role === "TD" || role === "TH") {
      const shown = treeWords.slice(start).trim();
      if (/^[\u2014\u2013-]$/.test(shown)) {
        ndashes++;
        if (!node.alt || !node.alt.trim()) problems.dashes.push(`page ${n}: ${role} "${shown}"`);
      }
    }
    if (node.lang !== undefined) {
      const said = treeWords.slice(start).replace(/\s+/g, " ").trim();
      langs.push(`${node.lang}\t${role}\t${said}`);
      if (!/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(node.lang)) badLangs.push(`page ${n}: ${node.lang}`);
    }
    if (role === "Figure") reading[slot] = `Figure\t${node.alt || ""}`;
    else if (own) reading[slot] = `${role}\t${treeWords.slice(start).replace(/\s+/g, " ").trim()}`;
    table = outer;
  }
  for (const kid of tree?.children || []) walk(kid, "Root");
  for (const f of fragments) {
    f.first = f === firstFrag;
    f.last = f === lastFrag;
  }
  tables.push(...fragments);

  for (const id of mcText.keys()) if (!seen.has(id)) problems.unowned.push(`page ${n} ${id}`);
  if (treeText !== taggedText) problems.order.push(`page ${n}`);
  if (pdftotext(n) !== allText) problems.extract.push(`page ${n}`);

  for (const a of await page.getAnnotations()) {
    if (a.annotationType !== LINK) continue;
    nlinks++;
    if (annots.get(a.id) !== "Link") problems.links.push(`page ${n} annotation ${a.id}`);
    if (!a.contentsObj?.str?.trim()) problems.contents.push(`page ${n} annotation ${a.id}`);
  }
}

// A table fragment without header cells passes only when it continues,
// at the top of its page, a table that ran to the end of the page before.
const missingTH = [];
let whole = null;
for (let i = 0; i < tables.length; i++) {
  const f = tables[i];
  const prev = tables[i - 1];
  if (whole && f.first && prev.last && prev.page === f.page - 1) {
    whole.th ||= f.th;
    continue;
  }
  if (whole && !whole.th) missingTH.push(`table starting on page ${whole.page}`);
  whole = { page: f.page, th: f.th };
}
if (whole && !whole.th) missingTH.push(`table starting on page ${whole.page}`);

const show = (list) => list.slice(0, 5).join("; ") + (list.length > 5 ? ` (and ${list.length - 5} more)` : "");
check(ncontent > 0, "the structure tree reaches marked content on the pages");
check(problems.untagged.length === 0, "all text is in marked content (structure or artifact)", show(problems.untagged));
check(problems.twice.length === 0, "no MCID is used twice on a page", show(problems.twice));
check(problems.unowned.length === 0, "every MCID on a page is in the parent tree", show(problems.unowned));
check(problems.phantom.length === 0, "every MCID the tree names is on its page", show(problems.phantom));
check(problems.order.length === 0, "the structure tree reads the text in the order the pages show it", show(problems.order));
check(problems.extract.length === 0, "pdf.js and pdftotext read the same text in the same order", show(problems.extract));
check(problems.alt.length === 0, `every Figure has an alternative (${nfigures} figures)`, show(problems.alt));
check(tables.length > 0 && missingTH.length === 0, `every Table has header cells (${tables.length} table parts)`, show(missingTH));
check(problems.headings.length === 0, "headings start at H1 and skip no level", show(problems.headings));
check(problems.nesting.length === 0, "rows, cells, list items and contents entries sit in their containers", show(problems.nesting));
if (noLinks)
  check(nlinks === 0, "a document that links nowhere has no link annotation", `${nlinks} links`);
else
  check(nlinks > 0 && problems.links.length === 0, `every link annotation belongs to a Link element (${nlinks} links)`, show(problems.links));
check(problems.contents.length === 0, "every link annotation has a description", show(problems.contents));
check(problems.dashes.length === 0, `every table cell showing a dash is read as words (${ndashes} cells)`, show(problems.dashes));

check(badLangs.length === 0, `every element's /Lang is a language tag (${langs.length} elements give one)`, show(badLangs));

if (orderOut) writeFileSync(orderOut, reading.filter((l) => l !== null).join("\n") + "\n");
if (langOut) writeFileSync(langOut, langs.join("\n") + (langs.length ? "\n" : ""));
process.exit(failures ? 1 : 0);
