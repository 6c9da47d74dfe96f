// loadAdminEnglish installs the facilitator app's English messages for unit
// tests (vitest runs without Vite's lazy bundles), so tests assert the text
// a facilitator reads.
import { loadForTest } from '../lib/i18n/i18n.svelte';
import admin from '../lib/i18n/messages/en/admin.json';
import adminEditor from '../lib/i18n/messages/en/adminEditor.json';
import adminContent from '../lib/i18n/messages/en/adminContent.json';

export function loadAdminEnglish(): void {
  const out: Record<string, string> = {};
  for (const [ns, msgs] of Object.entries({ admin, adminEditor, adminContent })) {
    for (const [k, v] of Object.entries(msgs)) out[`${ns}.${k}`] = v;
  }
  loadForTest('en', out);
}
