// The pseudo-locale makes untranslated or clipped text easy to spot in
// screenshots: every letter is accented and each string grows by about 40 %.
const accents: Record<string, string> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'đ', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'í', j: 'ĵ', k: 'ķ', l: 'ĺ', m: 'ɱ',
  n: 'ñ', o: 'ö', p: 'þ', q: 'ʠ', r: 'ŕ', s: 'š', t: 'ţ', u: 'ü', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Á', B: 'Ɓ', C: 'Ç', D: 'Đ', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Í', J: 'Ĵ', K: 'Ķ', L: 'Ĺ', M: 'Ṁ',
  N: 'Ñ', O: 'Ö', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Ü', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

/** pseudo accents a formatted string and pads it to about 140 % of its length. */
export function pseudo(s: string): string {
  if (!s) return s;
  const accented = Array.from(s, (ch) => accents[ch] ?? ch).join('');
  const pad = Math.ceil(s.length * 0.4);
  return `[${accented}${' ~'.repeat(Math.ceil(pad / 2)).slice(0, pad)}]`;
}
