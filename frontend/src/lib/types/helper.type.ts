/** Helper mirrors the helper object of docs/api.md ("Helpers"). */
export interface Helper {
  id: string;
  codelab_id: string;
  name: string;
  can_announce: boolean;
  created_at: string;
  online: boolean;
}

/** NewHelper is the answer of creating a helper: the token and link are shown once. */
export interface NewHelper extends Helper {
  token: string;
  url: string;
}

/** HelperMe is GET /api/helper/me. */
export interface HelperMe {
  helper: Helper;
  codelab: { id: string; title: string; steps: { number: number; title: string; duration_minutes: number }[] };
}
