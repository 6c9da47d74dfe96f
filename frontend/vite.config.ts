/// <reference types="vitest/config" />
import { defineConfig, type Plugin, type Rollup } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { resolve } from 'node:path';

/**
 * precompileMessages parses every ICU message at build time, so browsers get
 * the parsed form and the ICU parser (the biggest part of intl-messageformat,
 * with its skeleton parsers and time data) is not shipped: a message without
 * arguments becomes its plain text, any other its AST (i18n.svelte.ts formats
 * both). The parser is given the file's locale, as intl-messageformat would.
 * Unit tests (vitest) keep the JSON as written and the real parser.
 */
function precompileMessages(): Plugin {
  return {
    name: 'ocl-precompile-messages',
    enforce: 'pre',
    transform(code, id) {
      const m = /\/src\/lib\/i18n\/messages\/([^/]+)\/[^/]+\.json$/.exec(id);
      if (!m) return null;
      const locale = new Intl.Locale(m[1]);
      const out: Record<string, string | MessageFormatElement[]> = {};
      for (const [key, text] of Object.entries(JSON.parse(code) as Record<string, string>)) {
        const ast = parse(text, { locale });
        out[key] = ast.length === 0 ? '' : ast.length === 1 && ast[0].type === TYPE.literal ? ast[0].value : ast;
      }
      return { code: JSON.stringify(out), map: null };
    },
  };
}

const root = import.meta.dirname;
const attendeeMain = resolve(root, 'src/attendee/main.ts');
const codelabPage = resolve(root, 'src/attendee/components/CodelabPage.svelte');

/** staticClosure is every module `from` imports without import(), itself included. */
function staticClosure(from: string, meta: Rollup.ManualChunkMeta): Set<string> {
  const seen = new Set<string>();
  const todo = [from];
  while (todo.length) {
    const id = todo.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    todo.push(...(meta.getModuleInfo(id)?.importedIds ?? []));
  }
  return seen;
}

/**
 * chunkGroups keeps the attendee's first page to two scripts. Left alone,
 * Rollup splits modules by the set of entries that share them, which with
 * two apps and lazy pages is a dozen small chunks, each a request (and
 * named after whichever component it happened to hold). Instead: "core" is
 * everything the landing page needs outside src/attendee (Svelte, i18n, the
 * API client, shared components); "workshop" is what the codelab page adds
 * outside src/attendee (chat, polls, comments, the live socket), shared with
 * the facilitator app and the helper view. The rest splits as Rollup likes.
 */
function chunkGroups() {
  let core: Set<string> | null = null;
  let workshop: Set<string> | null = null;
  return (id: string, meta: Rollup.ManualChunkMeta): string | undefined => {
    core ??= staticClosure(attendeeMain, meta);
    workshop ??= staticClosure(codelabPage, meta);
    if (id.includes('vite/modulepreload-polyfill')) return 'core'; // both pages' HTML import it
    if (id.includes('/node_modules/uqr/')) return 'qr'; // certificate page and join screen only
    const own = id.startsWith(resolve(root, 'src/attendee') + '/');
    if (core.has(id) && !own) return 'core';
    if (workshop.has(id) && id !== codelabPage) return 'workshop';
    return undefined;
  };
}

// Two entries, one build: the attendee app at `/` and the facilitator app at `/admin/`.
export default defineConfig(({ command }) => ({
  base: '/',
  plugins: [svelte(), ...(process.env.VITEST ? [] : [precompileMessages()])],
  resolve: {
    // Messages arrive parsed (above): the build links intl-messageformat to the
    // parser package's parse-less entry (types and helpers only).
    alias:
      command === 'build' && !process.env.VITEST
        ? [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: '@formatjs/icu-messageformat-parser/lib/no-parser.js' }]
        : [],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        attendee: resolve(import.meta.dirname, 'index.html'),
        admin: resolve(import.meta.dirname, 'admin/index.html'),
      },
      output: { manualChunks: chunkGroups() },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
}));
