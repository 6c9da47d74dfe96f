// chunk-report prints what each JS chunk of the frontend build holds: the
// modules by rendered size (after tree-shaking, before minifying), biggest
// first, and which chunks each imports. It builds in memory (dist/ is left
// alone); the other languages' message chunks are skipped.
//
//	node scripts/chunk-report.mjs [modules per chunk, default 25]
import { build } from 'vite';

const top = Number(process.argv[2] ?? 25);
const report = {
  name: 'chunk-report',
  generateBundle(_, bundle) {
    for (const c of Object.values(bundle)) {
      if (c.type !== 'chunk') continue;
      if (/\/(?!en\.)[\w-]+\.(admin|shared|workshop)-/.test('/' + c.fileName.replace(/^assets\//, ''))) continue;
      const mods = Object.entries(c.modules)
        .map(([id, m]) => [m.renderedLength, id.replace(/^.*?\/frontend\//, '')])
        .sort((a, b) => b[0] - a[0]);
      const total = mods.reduce((s, [n]) => s + n, 0);
      console.log(`\n== ${c.fileName}: ${total} B rendered; imports ${c.imports.join(', ') || '—'}`);
      for (const [n, id] of mods.slice(0, top)) console.log(String(n).padStart(8), id);
    }
  },
};
await build({ plugins: [report], build: { write: false }, logLevel: 'warn' });
