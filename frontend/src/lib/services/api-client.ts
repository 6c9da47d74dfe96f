import type { ErrorBody } from '../types/api.type';

/**
 * ApiError is what every failed API call throws, so that screens can branch on
 * `code` (docs/api.md) instead of parsing messages. Status 0 means the request
 * never got an HTTP answer.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** details holds the error object's other fields, e.g. `missing` of requirements_not_met. */
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** isApiError narrows unknown errors caught from service calls. */
export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

export interface ApiClientOptions {
  base?: string;
  token?: string;
  fetch?: typeof fetch;
  /** xhr makes the request object of uploads with progress (tests inject a fake). */
  xhr?: () => XMLHttpRequest;
}

/** UploadProgress reports the bytes of a request body sent so far. */
export type UploadProgress = (sent: number, total: number) => void;

/**
 * ApiClient is the one place that speaks HTTP to the server: it prefixes the
 * API base (empty in a browser, `http://127.0.0.1:PORT` in the desktop window),
 * sets the bearer token and turns every failure into an ApiError.
 */
export class ApiClient {
  base: string;
  token: string;
  private readonly fetchFn: typeof fetch;
  private readonly xhrFn: () => XMLHttpRequest;

  constructor(opts: ApiClientOptions = {}) {
    this.base = trimSlash(opts.base ?? '');
    this.token = opts.token ?? '';
    this.fetchFn = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.xhrFn = opts.xhr ?? (() => new XMLHttpRequest());
  }

  /** configure changes base and token, e.g. once the admin session is known. */
  configure(opts: { base?: string; token?: string }): void {
    if (opts.base !== undefined) this.base = trimSlash(opts.base);
    if (opts.token !== undefined) this.token = opts.token;
  }

  /** url is the absolute or same-origin URL of an API path. */
  url(path: string): string {
    return this.base + path;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  patch<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  delete<T = void>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  /**
   * upload posts a multipart form and parses the JSON answer. It uses
   * XMLHttpRequest because fetch cannot report how much of the body was sent.
   */
  upload<T>(path: string, form: FormData, onProgress?: UploadProgress): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const xhr = this.xhrFn();
      xhr.open('POST', this.url(path));
      xhr.setRequestHeader('Accept', 'application/json');
      if (this.token) xhr.setRequestHeader('Authorization', `Bearer ${this.token}`);
      if (onProgress) xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : 0);
      xhr.onerror = () => reject(new ApiError(0, 'network_error', 'Cannot reach the server (upload failed).')); // i18n-ignore: log text; errorMessage shows the catalogue
      xhr.onload = () => {
        const text = typeof xhr.responseText === 'string' ? xhr.responseText : '';
        if (xhr.status < 200 || xhr.status >= 300) {
          reject(errorFrom(xhr.status, text));
          return;
        }
        try {
          resolve((text === '' ? undefined : JSON.parse(text)) as T);
        } catch {
          reject(new ApiError(xhr.status, 'bad_response', 'The server sent a response that is not JSON.')); // i18n-ignore: log text; errorMessage shows the catalogue
        }
      };
      xhr.send(form);
    });
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }

    let res: Response;
    try {
      res = await this.fetchFn(this.url(path), init);
    } catch (e) {
      throw new ApiError(0, 'network_error', `Cannot reach the server (${describe(e)}).`); // i18n-ignore: log text; errorMessage shows the catalogue
    }

    if (res.status === 204) return undefined as T;
    const text = await res.text().catch(() => '');
    if (!res.ok) throw errorFrom(res.status, text);
    if (text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(res.status, 'bad_response', 'The server sent a response that is not JSON.'); // i18n-ignore: log text; errorMessage shows the catalogue
    }
  }
}

/** errorFrom parses the `{"error":{code,message}}` body, tolerating anything else. */
function errorFrom(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as Partial<ErrorBody>;
    if (body.error && typeof body.error.code === 'string') {
      const { code, message, ...details } = body.error as ErrorBody['error'] & Record<string, unknown>;
      return new ApiError(status, code, message ?? code, details);
    }
  } catch {
    // not JSON: fall through to a generic error
  }
  return new ApiError(status, `http_${status}`, `The server answered with status ${status}.`); // i18n-ignore: log text; errorMessage shows the catalogue
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function trimSlash(s: string): string {
  return s.replace(/\/+$/, '');
}

/** api is the shared client both apps use; the admin app configures it on start. */
export const api = new ApiClient();
