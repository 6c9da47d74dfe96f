/**
 * Notice is a server warning for a person (join screen, import): a stable
 * code with params, shown through the catalogue (notice-util), and the
 * English message for a code this app does not know.
 */
export interface Notice {
  code: string;
  params?: Record<string, string>;
  message: string;
}
