import type { Codelab } from './codelab.type';
import type { Notice } from './notice.type';

/** ImportResult is `POST /api/admin/import`: the new codelab plus what the importer noticed. */
export interface ImportResult extends Codelab {
  import_format: string;
  images: number;
  /** warnings are what the importer noticed, in English; notices the same with codes (notice-util). */
  warnings: string[];
  notices?: Notice[];
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

export type ExportFormat = 'opencodelabs' | 'claat';

/** MissingImage is a relative image reference no uploaded file backs yet (docs/api.md). */
export interface MissingImage {
  ref: string;
  steps: number[];
  in_guide?: boolean;
}

/** FixedImage is the answer to uploading the file for one missing reference. */
export interface FixedImage {
  ref: string;
  url: string;
  steps: number[];
  in_guide: boolean;
  missing: MissingImage[];
}
