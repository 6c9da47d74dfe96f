import { api, ApiClient, ApiError } from './api-client';
import { desktopSaveDownload, desktopUploadFile, isDesktop } from './desktop-bridge';
import type { Codelab } from '../types/codelab.type';
import { formatNumber } from '../i18n/format';

/** ImportResult is `POST /api/admin/import`: the new codelab plus what the importer noticed. */
export interface ImportResult extends Codelab {
  import_format: string;
  images: number;
  warnings: string[];
}

/** UploadedImage is `POST /api/admin/uploads`; `markdown` is ready to insert into a step. */
export interface UploadedImage {
  url: string;
  markdown: string;
  name: string;
  width: number;
  height: number;
}

/** Material is a link or a file attached to a codelab (docs/api.md). */
export interface Material {
  id: string;
  codelab_id: string;
  kind: 'link' | 'file';
  title: string;
  url?: string;
  file_name?: string;
  content_type?: string;
  size?: number;
  position: number;
  created_at: string;
  /** download_url is relative to the server root (`api/codelabs/…/download`), files only. */
  download_url?: string;
}

/** RestoreResult is `POST /api/admin/restore`. */
export interface RestoreResult {
  restored: boolean;
  created_at: string;
  files: number;
  pre_restore_backup: string;
  /** damaged_copy is where a damaged database was moved (restores in the damaged state only). */
  damaged_copy?: string;
}

/** Downloaded is a file fetched into memory with the name the server suggested. */
export interface Downloaded {
  blob: Blob;
  filename: string;
}

export type ExportFormat = 'opencodelabs' | 'claat';

const enc = encodeURIComponent;
const adminLab = (id: string) => `/api/admin/codelabs/${enc(id)}`;

/** contentPaths are the API paths of content portability, shared by browser and desktop code. */
export const contentPaths = {
  import: '/api/admin/import',
  uploads: '/api/admin/uploads',
  backup: '/api/admin/backup',
  restore: '/api/admin/restore',
  export: (id: string, format: ExportFormat) => `${adminLab(id)}/export?format=${format}`,
  materials: (id: string) => `${adminLab(id)}/materials`,
  material: (id: string, mid: string) => `${adminLab(id)}/materials/${enc(mid)}`,
  publicMaterials: (id: string) => `/api/codelabs/${enc(id)}/materials`,
};

/**
 * filenameFromDisposition reads the file name from a Content-Disposition
 * header, preferring the RFC 5987 `filename*=UTF-8''…` form, and strips any
 * directory part. It returns '' when there is none.
 */
export function filenameFromDisposition(header: string | null | undefined): string {
  if (!header) return '';
  let name = '';
  const star = /filename\*\s*=\s*([^;]+)/i.exec(header);
  if (star) {
    const v = star[1].trim().replace(/^"(.*)"$/, '$1');
    const m = /^([\w-]+)'[^']*'(.*)$/.exec(v);
    try {
      name = decodeURIComponent(m ? m[2] : v);
    } catch {
      name = '';
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*("((?:\\.|[^"\\])*)"|[^;]+)/i.exec(header);
    if (plain) name = plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1].trim();
  }
  return name.split(/[/\\]/).pop()?.trim() ?? '';
}

/** formWith builds the multipart body every upload endpoint takes: a `file` part plus text fields. */
export function formWith(file: Blob, filename: string, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', file, filename);
  return form;
}

/** errorFromBody turns an error response body into an ApiError, tolerating non-JSON. */
export function errorFromBody(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (body.error && typeof body.error.code === 'string') {
      const message = typeof body.error.message === 'string' ? body.error.message : body.error.code;
      return new ApiError(status, body.error.code, message);
    }
  } catch {
    // not JSON
  }
  if (status === 413) return new ApiError(413, 'body_too_large', 'That file is too large.'); // i18n-ignore: log text; errorMessage shows the catalogue
  return new ApiError(status, `http_${status}`, `The server answered with status ${status}.`); // i18n-ignore: log text; errorMessage shows the catalogue
}

/**
 * parseDesktopUpload reads what the desktop UploadFile binding returned: ''
 * (the dialog was cancelled) becomes null, an error body becomes an ApiError.
 */
export function parseDesktopUpload<T>(body: string): T | null {
  if (body.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new ApiError(0, 'bad_response', 'The server sent a response that is not JSON.'); // i18n-ignore: log text; errorMessage shows the catalogue
  }
  if (parsed && typeof parsed === 'object' && 'error' in parsed) throw errorFromBody(400, body);
  return parsed as T;
}

/**
 * ContentService moves files between the facilitator and the server:
 * import/export, image uploads, materials and backup/restore. JSON calls go
 * through the ApiClient; multipart uploads and binary downloads use fetch
 * with the same base and bearer token and the same ApiError mapping.
 */
export class ContentService {
  constructor(private readonly client: ApiClient) {}

  private headers(): Record<string, string> {
    const h: Record<string, string> = { Accept: 'application/json' };
    if (this.client.token) h.Authorization = `Bearer ${this.client.token}`;
    return h;
  }

  private async send(method: string, path: string, body?: FormData): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(this.client.url(path), { method, headers: this.headers(), body });
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new ApiError(0, 'network_error', `Cannot reach the server (${why}).`); // i18n-ignore: log text; errorMessage shows the catalogue
    }
    if (!res.ok) throw errorFromBody(res.status, await res.text().catch(() => ''));
    return res;
  }

  /** postForm sends a multipart form and parses the JSON answer. */
  async postForm<T>(path: string, form: FormData): Promise<T> {
    const res = await this.send('POST', path, form);
    const text = await res.text();
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(res.status, 'bad_response', 'The server sent a response that is not JSON.'); // i18n-ignore: log text; errorMessage shows the catalogue
    }
  }

  /** download fetches a file; its name comes from Content-Disposition, else fallbackName. */
  async download(path: string, fallbackName: string): Promise<Downloaded> {
    const res = await this.send('GET', path);
    const blob = await res.blob();
    return { blob, filename: filenameFromDisposition(res.headers.get('Content-Disposition')) || fallbackName };
  }

  importCodelab = (file: File) =>
    this.postForm<ImportResult>(contentPaths.import, formWith(file, file.name));

  uploadImage = (file: Blob, filename: string, codelabId: string) =>
    this.postForm<UploadedImage>(contentPaths.uploads, formWith(file, filename, { codelab_id: codelabId }));

  restore = (file: File) => this.postForm<RestoreResult>(contentPaths.restore, formWith(file, file.name));

  listMaterials = (id: string) => this.client.get<Material[]>(contentPaths.materials(id));

  addLink = (id: string, title: string, url: string) =>
    this.client.post<Material>(contentPaths.materials(id), { title, url });

  addFile = (id: string, file: File, title = '') =>
    this.postForm<Material>(contentPaths.materials(id), formWith(file, file.name, { title }));

  renameMaterial = (id: string, mid: string, title: string) =>
    this.client.patch<Material>(contentPaths.material(id, mid), { title });

  removeMaterial = (id: string, mid: string) => this.client.delete(contentPaths.material(id, mid));

  publicMaterials = (id: string) => this.client.get<Material[]>(contentPaths.publicMaterials(id));

  /** materialHref is the absolute URL of a material file's download. */
  materialHref = (m: Material) => (m.download_url ? this.client.url('/' + m.download_url.replace(/^\/+/, '')) : '');
}

/** contentService is the shared instance on the app's API client. */
export const contentService = new ContentService(api);

/** saveBlob hands a blob to the browser as a download named filename. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The click has started the download; give the browser a moment before revoking.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/**
 * downloadToDisk saves an admin download: a native Save dialog in the
 * desktop window, else a fetch with the token and an object URL. It returns
 * the file name or saved path, or '' if the user cancelled.
 */
export async function downloadToDisk(path: string, suggestedName: string): Promise<string> {
  if (isDesktop()) return desktopSaveDownload(path, suggestedName);
  const d = await contentService.download(path, suggestedName);
  saveBlob(d.blob, d.filename);
  return d.filename;
}

/**
 * desktopPickAndUpload lets Go show a native Open dialog and post the chosen
 * file to path; null means cancelled. Only call it when isDesktop().
 */
export async function desktopPickAndUpload<T>(path: string, title: string, patterns: string): Promise<T | null> {
  return parseDesktopUpload<T>(await desktopUploadFile(path, title, patterns));
}

/** humanSize prints a material file's size. */
export function humanSize(bytes: number | undefined): string {
  if (!bytes) return '';
  if (bytes < 1024) return formatNumber(bytes, { style: 'unit', unit: 'byte', unitDisplay: 'short' });
  if (bytes < 1024 * 1024) return formatNumber(Math.round(bytes / 1024), { style: 'unit', unit: 'kilobyte', unitDisplay: 'short' });
  return formatNumber(bytes / 1024 / 1024, { style: 'unit', unit: 'megabyte', unitDisplay: 'short', maximumFractionDigits: 1, minimumFractionDigits: 1 });
}

/** fileDetail is a file material's second line (slides.pdf · 2 KB), shared by the editor and attendee lists. */
export function fileDetail(m: Pick<Material, 'file_name' | 'size'>): string {
  return `${m.file_name ?? ''}${m.size ? ` · ${humanSize(m.size)}` : ''}`;
}
