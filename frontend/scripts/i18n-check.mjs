// The catalogue check run by `make test`. It fails on:
//  - a key missing in any language, or a key no language-neutral source uses;
//  - a message that does not parse as ICU, or whose placeholders differ from English;
//  - a translation identical to English (untranslated), except the allowed words;
//  - a server error code (server-codes.json) without a translated message;
//  - text in a component that bypasses the catalogue (template text, labelling
//    attributes, sentence-like string literals in scripts).
// Files listed in i18n-pending.json are reported but not failed: that list
// only shrinks, and must be empty before an issue that needs it is closed.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'svelte/compiler';
import { parse as parseICU, TYPE } from '@formatjs/icu-messageformat-parser';

const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'src');
const i18nDir = join(src, 'lib/i18n');
const msgDir = join(i18nDir, 'messages');
const LOCALES = ['en', 'ko', 'ja', 'zh-CN', 'zh-TW', 'es', 'fr', 'de', 'pt-BR', 'ar'];
const errors = [];
const fail = (m) => errors.push(m);

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

// 1. Load every locale's catalogue as {"ns.key": text}.
const cat = {};
for (const loc of LOCALES) {
  cat[loc] = {};
  const dir = join(msgDir, loc);
  if (!existsSync(dir)) { fail(`${loc}: no messages directory`); continue; }
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const ns = f.replace(/\.json$/, '');
    let data;
    try { data = JSON.parse(readFileSync(join(dir, f), 'utf8')); } catch (e) { fail(`${loc}/${f}: ${e.message}`); continue; }
    for (const [k, v] of Object.entries(data)) {
      if (typeof v !== 'string') fail(`${loc}/${f}: ${k} is not a string`);
      else cat[loc][`${ns}.${k}`] = v;
    }
  }
}
const en = cat.en;
const enKeys = Object.keys(en);

// 2. Parity, ICU syntax, placeholders, untranslated text.
const sameOK = new Set(JSON.parse(readFileSync(join(i18nDir, 'same-as-english.json'), 'utf8')));
function placeholders(msg, where) {
  const names = new Set();
  const visit = (els) => {
    for (const el of els) {
      if (el.type !== TYPE.literal && el.type !== TYPE.pound && el.value) names.add(el.value);
      if (el.options) for (const o of Object.values(el.options)) visit(o.value);
      if (el.children) visit(el.children);
    }
  };
  try { visit(parseICU(msg)); } catch (e) { fail(`${where}: not valid ICU (${e.message})`); }
  return [...names].sort().join(',');
}
for (const loc of LOCALES) {
  const keys = new Set(Object.keys(cat[loc]));
  for (const k of enKeys) if (!keys.has(k)) fail(`${loc}: missing ${k}`);
  for (const k of keys) if (!(k in en)) fail(`${loc}: ${k} is not in English`);
  for (const k of keys) {
    if (!(k in en)) continue;
    const p = placeholders(cat[loc][k], `${loc} ${k}`);
    if (loc !== 'en' && p !== placeholders(en[k], `en ${k}`)) fail(`${loc} ${k}: placeholders {${p}} differ from English {${placeholders(en[k], 'en')}}`);
    if (loc !== 'en' && cat[loc][k] === en[k] && /\p{L}{2}/u.test(en[k]) && !sameOK.has(k) && !sameOK.has(`${loc}:${k}`)) {
      fail(`${loc} ${k}: same as English (translate it, or list "${loc}:${k}" in same-as-english.json)`);
    }
  }
}

// 3. Every server error code has a message.
const codes = JSON.parse(readFileSync(join(i18nDir, 'server-codes.json'), 'utf8'));
for (const c of codes) if (!(`errors.${c}` in en)) fail(`server code ${c} has no errors.${c} message`);

// 4. Sources: keys used, and text that bypasses the catalogue.
const files = walk(src).filter((p) => /\.(svelte|ts)$/.test(p) && !/\.test\.ts$/.test(p) && !p.startsWith(i18nDir));
const pending = new Set(JSON.parse(readFileSync(join(i18nDir, 'i18n-pending.json'), 'utf8')));
const allSource = files.map((p) => readFileSync(p, 'utf8')).join('\n');
// Keys built at run time are declared where they are built: `// i18n-dynamic: ns.prefix.`
const dynamicPrefixes = ['errors.', ...[...allSource.matchAll(/i18n-dynamic: ([\w.-]+)/g)].map((m) => m[1])];
// Namespaces the Go server renders with: a Go file that calls Load(…, "ns")
// uses each key it passes to .T("key"…).
const goUsed = new Set();
for (const p of walk(join(root, '..', 'backend')).filter((p) => p.endsWith('.go') && !p.endsWith('_test.go'))) {
  const text = readFileSync(p, 'utf8');
  const nss = [...text.matchAll(/\bLoad\([^,]+, "(\w+)"\)/g)].map((m) => m[1]);
  for (const ns of nss) for (const m of text.matchAll(/\.T\("([\w.]+)"/g)) goUsed.add(`${ns}.${m[1]}`);
}
for (const k of enKeys) {
  if (goUsed.has(k)) continue;
  if (dynamicPrefixes.some((p) => k.startsWith(p))) continue;
  if (!allSource.includes(`'${k}'`) && !allSource.includes(`"${k}"`) && !allSource.includes(`\`${k}\``)) fail(`unused key ${k}`);
}
for (const k of enKeys.filter((k) => k.startsWith('errors.'))) {
  const code = k.slice('errors.'.length);
  if (!codes.includes(code) && !['network_error', 'timeout'].includes(code)) fail(`unused key ${k}: no server code ${code}`);
}

const LABEL_ATTRS = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'aria-placeholder', 'aria-roledescription', 'aria-valuetext', 'label']);
const neutral = JSON.parse(readFileSync(join(i18nDir, 'neutral-words.json'), 'utf8'));
const hasWords = (s) => {
  let rest = s;
  for (const w of neutral) rest = rest.split(w).join(' ');
  return /\p{L}{2}/u.test(rest);
};
const sentence = /^[A-Z][\p{L}’'-]*(\s+[\p{L}\p{N}’',.…:;!?()-]+)+[.!?…]?$/u;
let pendingHits = 0;
const report = (file, line, what) => {
  if (pending.has(file)) pendingHits++;
  else fail(`${file}:${line}: ${what} bypasses the catalogue`);
};
const lineOf = (text, idx) => text.slice(0, idx).split('\n').length;

function scanScript(file, text, offset = 0, whole = text) {
  const re = /(['"`])((?:\\.|(?!\1)[^\\\n])*)\1/g;
  for (const m of text.matchAll(re)) {
    const s = m[2];
    if (!sentence.test(s) || !hasWords(s)) continue;
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const lineEnd = text.indexOf('\n', m.index);
    const line = text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
    if (/console\.|i18n-ignore|^\s*(import|\/\/|\/?\*)/.test(line)) continue;
    report(file, lineOf(whole, offset + m.index), `"${s.slice(0, 40)}"`);
  }
}

for (const p of files) {
  const file = relative(root, p);
  const text = readFileSync(p, 'utf8');
  if (p.endsWith('.ts')) { scanScript(file, text); continue; }
  let ast;
  try { ast = parse(text, { modern: true }); } catch (e) { fail(`${file}: ${e.message}`); continue; }
  for (const s of [ast.instance, ast.module].filter(Boolean)) {
    scanScript(file, text.slice(s.content.start, s.content.end), s.content.start, text);
  }
  const visit = (node) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) { node.forEach(visit); return; }
    if (node.type === 'Text' && hasWords(node.data) && node.data.trim()) report(file, lineOf(text, node.start), `text "${node.data.trim().slice(0, 40)}"`);
    if (node.type === 'Attribute' && LABEL_ATTRS.has(node.name) && Array.isArray(node.value)) {
      for (const v of node.value) if (v.type === 'Text' && hasWords(v.data)) report(file, lineOf(text, v.start), `${node.name}="${v.data.slice(0, 40)}"`);
    }
    if (node.type === 'Attribute' || node.type === 'Text') return;
    for (const [k, v] of Object.entries(node)) if (k !== 'parent' && k !== 'metadata' && v && typeof v === 'object') visit(v);
  };
  visit(ast.fragment);
}

if (pending.size) console.log(`i18n-check: ${pending.size} file(s) still pending conversion, ${pendingHits} string(s) in them`);
for (const f of pending) if (!existsSync(join(root, f))) fail(`i18n-pending.json lists ${f}, which does not exist`);
if (errors.length) {
  console.error(errors.join('\n'));
  console.error(`i18n-check: ${errors.length} problem(s)`);
  process.exit(1);
}
console.log(`i18n-check: ${enKeys.length} keys × ${LOCALES.length} languages OK`);
