import { mount } from 'svelte';
import '../styles/index';
import App from './App.svelte';
import { initI18n } from '../lib/i18n/i18n.svelte';
import { initTheme } from '../lib/stores/theme.svelte';
import { applyVerifyPath } from '../lib/services/verify-path';
import { preloadRoute } from './routes';

initTheme();
applyVerifyPath(); // `/verify#token=…` (the QR code) is `#/verify/…`: before anything reads the hash
const deepLink = preloadRoute(location.hash); // a deep link's page chunk loads beside the messages
// Messages first: the first paint is already in the reader's language.
await initI18n({ workshop: deepLink });
const app = mount(App, { target: document.getElementById('app')! });

export default app;
