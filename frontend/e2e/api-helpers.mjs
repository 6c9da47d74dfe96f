// api-helpers.mjs: admin and attendee API calls for e2e tests that set up
// their codelabs directly (the authoring test covers doing it in the UI).

/**
 * adminCall sends one admin request and returns the parsed JSON (null for an
 * empty body, e.g. 204); any other status than 2xx fails the test with the body.
 */
export async function adminCall(server, method, path, body) {
  const base = new URL(server.adminURL).origin;
  const res = await fetch(base + path, {
    method,
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: got status ${res.status}: ${text}, want 2xx`);
  return text ? JSON.parse(text) : null;
}

/** makeCodelab creates a codelab with the given fields and steps; it returns its id. */
export async function makeCodelab(server, fields, steps) {
  const c = await adminCall(server, 'POST', '/api/admin/codelabs', fields);
  if (steps) await adminCall(server, 'PUT', `/api/admin/codelabs/${c.id}/steps`, { steps });
  return c.id;
}
