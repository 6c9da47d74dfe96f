/** ErrorBody is the JSON every failing API call returns. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** ServerInfo is `GET /api/info`: the workshop name shown on the landing page. */
export interface ServerInfo {
  name: string;
  version: string;
}

/** AdminSession is what the admin app needs to talk to the API. */
export interface AdminSession {
  token: string;
  /** apiBase prefixes every API path: '' in a browser (same origin), `http://127.0.0.1:PORT` in the window. */
  apiBase: string;
  desktop: boolean;
}

/** Downloaded is a file fetched into memory with the name the server suggested. */
export interface Downloaded {
  blob: Blob;
  filename: string;
}
