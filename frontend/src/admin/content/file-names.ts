/**
 * safeName makes a file name (without extension) from a codelab title for a
 * download the server has not named yet (the desktop Save dialog's default).
 */
export function safeName(title: string, fallback = 'codelab'): string {
  const s = title
    .normalize('NFKC')
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 80)
    .trim();
  return s || fallback;
}

/** IMAGE_TYPES are the image formats the server accepts (docs/api.md, uploads). */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
