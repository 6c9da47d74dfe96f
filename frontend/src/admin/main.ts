import { mount } from 'svelte';
import '../styles/index';
import App from './App.svelte';
import { api } from '../lib/services/api-client';
import { desktopSetMenuLanguage, desktopUIReady, isDesktop } from '../lib/services/desktop-bridge';
import { adminService } from '../lib/services/admin-service';
import { errorMessage } from '../lib/utils/error-util';
import { resolveAdminSession } from './admin-session';
import { initI18n, onLocaleChange } from '../lib/i18n/i18n.svelte';
import { initTheme } from '../lib/stores/theme.svelte';
import type { AdminSession } from '../lib/types/api.type';

async function start() {
  initTheme();
  if (isDesktop()) {
    // The native menu follows the app's language: the picker, else the negotiated one.
    onLocaleChange((l) => {
      desktopSetMenuLanguage(l).catch((e: unknown) => console.error('desktop bridge: SetMenuLanguage:', errorMessage(e)));
    });
  }
  await initI18n({ admin: true });
  let session: AdminSession | null = null;
  let problem = '';
  try {
    session = await resolveAdminSession();
  } catch (e) {
    problem = errorMessage(e);
  }
  if (session) api.configure({ base: session.apiBase, token: session.token });
  mount(App, { target: document.getElementById('app')!, props: { session, problem } });
  if (session?.desktop) {
    // Tell the shell the UI is up and whether it reached the API, so the
    // desktop smoke test sees the whole path work, not just a page load.
    let apiState = 'ok';
    try {
      await adminService.checkSession();
    } catch (e) {
      apiState = 'error: ' + errorMessage(e);
    }
    // Two animation frames: the first screen has been painted when the
    // shell hears "ready" (the smoke test screenshots right after).
    await new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
    desktopUIReady(`${window.location.href} api=${apiState}`).catch((e: unknown) => {
      console.error('desktop bridge: UIReady:', errorMessage(e));
    });
  }
}

start();
