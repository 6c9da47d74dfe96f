// search matches what a person types against codelab titles, descriptions
// and tags in any script. Word-splitting does not work for Chinese or
// Japanese (no spaces) nor for Korean particles, so every query word is
// matched as a substring after folding: Unicode NFKC (full-width Latin and
// half-width kana become ordinary), case, Latin accents, Arabic vowel marks
// and tatweel, and the alef/ya/ta-marbuta variants Arabic readers treat as one.

/** fold turns text into the form queries and texts are compared in. */
export function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase('und')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '') // Latin combining accents
    .replace(/[\u064b-\u065f\u0670\u0640]/g, '') // Arabic harakat, dagger alef, tatweel
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627') // آ أ إ ٱ → ا
    .replace(/\u0649/g, '\u064a') // ى → ي
    .replace(/\u0629/g, '\u0647') // ة → ه
    .normalize('NFC');
}

/** matches tells whether every word of query occurs in one of the texts. */
export function matches(query: string, ...texts: (string | undefined | null)[]): boolean {
  const words = fold(query).split(/\s+/u).filter(Boolean);
  if (words.length === 0) return true;
  const hay = fold(texts.filter(Boolean).join('\n'));
  return words.every((w) => hay.includes(w));
}
