/**
 * desktop-bridge is the one module that calls Wails bindings. Go errors reach
 * JavaScript as a rejected promise carrying a string (older Wails v2) or an
 * Error (newer): both are normalised here into an Error.
 */

/** AppBindings are the methods Go binds as `window.go.app.App`. */
export interface AppBindings {
  AdminSession(): Promise<{ token: string; api_base: string; name: string }>;
  UIReady(href: string): Promise<void>;
  /** SaveDownload GETs apiPath with the admin token into a file the user picks; '' if cancelled. */
  SaveDownload(apiPath: string, suggestedName: string): Promise<string>;
  /** UploadFile lets the user pick a file (patterns like "*.zip;*.md") and POSTs it as multipart `file`; the response body, or '' if cancelled. */
  UploadFile(apiPath: string, title: string, patterns: string): Promise<string>;
  /** SetMenuLanguage rebuilds the native menu in the app's language (a BCP 47 tag). */
  SetMenuLanguage(locale: string): Promise<void>;
}

declare global {
  interface Window {
    go?: { app?: { App?: AppBindings } };
  }
}

function bindings(): AppBindings | undefined {
  return typeof window === 'undefined' ? undefined : window.go?.app?.App;
}

/** isDesktop tells whether the page runs inside the Wails window. */
export function isDesktop(): boolean {
  return bindings() !== undefined;
}

/** normaliseBridgeError turns whatever a binding rejected with into an Error. */
export function normaliseBridgeError(e: unknown): Error {
  if (e instanceof Error) return e;
  if (typeof e === 'string') return new Error(e);
  if (e && typeof e === 'object' && 'message' in e) return new Error(String(e.message));
  return new Error(`desktop bridge: ${String(e)}`);
}

async function call<T>(fn: (b: AppBindings) => Promise<T>): Promise<T> {
  const b = bindings();
  if (!b) throw new Error('desktop bridge: not running in the desktop window');
  try {
    return await fn(b);
  } catch (e) {
    throw normaliseBridgeError(e);
  }
}

/** desktopAdminSession asks Go for the admin token and the API base URL. */
export async function desktopAdminSession(): Promise<{ token: string; apiBase: string }> {
  const s = await call((b) => b.AdminSession());
  return { token: s.token, apiBase: s.api_base ?? '' };
}

/** desktopUIReady tells Go the admin UI is mounted (the desktop smoke test waits for it). */
export function desktopUIReady(href: string): Promise<void> {
  return call((b) => b.UIReady(href));
}

/** desktopSaveDownload saves an admin download through a native Save dialog: the saved path, or '' if cancelled. */
export async function desktopSaveDownload(apiPath: string, suggestedName: string): Promise<string> {
  return (await call((b) => b.SaveDownload(apiPath, suggestedName))) ?? '';
}

/** desktopUploadFile uploads a file chosen in a native Open dialog: the server's response body, or '' if cancelled. */
export async function desktopUploadFile(apiPath: string, title: string, patterns: string): Promise<string> {
  return (await call((b) => b.UploadFile(apiPath, title, patterns))) ?? '';
}

/** desktopSetMenuLanguage puts the native menu in the language the app shows. */
export function desktopSetMenuLanguage(locale: string): Promise<void> {
  return call((b) => b.SetMenuLanguage(locale));
}
