// The negative (warning) callout must look like claat's and Google Codelabs'
// yellow-orange box, with AA text contrast in the light and the dark scheme.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The tokens live in app.css: the light set first, then [data-theme='dark'].
const css = readFileSync(resolve(import.meta.dirname, 'app.css'), 'utf8');
const darkStart = css.indexOf("[data-theme='dark'] {");
const blocks = { light: css.slice(0, darkStart), dark: css.slice(darkStart) };

function prop(block: string, name: string): string {
  const m = block.match(new RegExp(`${name}:\\s*(#[0-9a-fA-F]{6})`));
  if (!m) throw new Error(`${name} not set to a #rrggbb colour`);
  return m[1];
}

function rgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

function hue(hex: string): number {
  const [r, g, b] = rgb(hex).map((v) => v / 255);
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return 0;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

describe('negative callout colours', () => {
  for (const [scheme, block] of Object.entries(blocks)) {
    it(`is yellow-orange with AA contrast in ${scheme} mode`, () => {
      const bg = prop(block, '--sc-negative-bg');
      const fg = prop(block, '--sc-negative-fg');
      const border = prop(block, '--sc-negative-border');
      for (const c of [bg, border]) {
        const h = hue(c);
        expect(h, `hue of ${c}: got ${h.toFixed(0)}°, want 38–55° (yellow-orange, not peach)`).toBeGreaterThanOrEqual(38);
        expect(h).toBeLessThanOrEqual(55);
      }
      const ratio = contrast(fg, bg);
      expect(ratio, `text ${fg} on ${bg}: got ${ratio.toFixed(2)}, want ≥ 4.5`).toBeGreaterThanOrEqual(4.5);
    });
  }
});
