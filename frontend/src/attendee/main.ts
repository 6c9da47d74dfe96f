import { mount } from 'svelte';
import '../styles/index';
import App from './App.svelte';
import { initI18n } from '../lib/i18n/i18n.svelte';
import { initTheme } from '../lib/stores/theme.svelte';

initTheme();
// Messages first: the first paint is already in the reader's language.
await initI18n();
const app = mount(App, { target: document.getElementById('app')! });

export default app;
