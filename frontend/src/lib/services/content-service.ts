import { api, ApiClient, ApiError, errorFromBody } from './api-client';
import { desktopSaveDownload, desktopUploadFile, isDesktop } from './desktop-bridge';
import type { Downloaded } from '../types/api.type';
import type { ExportFormat, ImportResult, Material, RestoreResult, UploadedImage } from '../types/content.type';
import { formatNumber } from '../i18n/format';

// The wire types live in lib/types; re-exported for the components that import them from here.
export type { ExportFormat, ImportResult, Material, RestoreResult, UploadedImage } from '../types/content.type';

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

/** formWith builds the multipart body every upload endpoint takes: a `file` part plus text fields. */
export function formWith(file: Blob, filename: string, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', file, filename);
  return form;
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
 * import/export, image uploads, materials and backup/restore. Every call goes
 * through the ApiClient (JSON, multipart forms and file downloads alike).
 */
export class ContentService {
  constructor(private readonly client: ApiClient) {}

  /** postForm sends a multipart form and parses the JSON answer. */
  postForm<T>(path: string, form: FormData): Promise<T> {
    return this.client.postForm<T>(path, form);
  }

  /** download fetches a file; its name comes from Content-Disposition, else fallbackName. */
  download(path: string, fallbackName: string): Promise<Downloaded> {
    return this.client.download(path, fallbackName);
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
