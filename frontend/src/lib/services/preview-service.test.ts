// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { previewHref, takePreviewToken } from './preview-service';

afterEach(() => {
  sessionStorage.clear();
  localStorage.clear();
  window.history.replaceState(null, '', '#/');
});

describe('preview token', () => {
  it('takes a token handed over in the hash, keeps it for the tab and wipes it from the address bar', () => {
    window.history.replaceState(null, '', '#/preview/lab/2?token=secret');
    expect(takePreviewToken(window)).toBe('secret');
    expect(window.location.hash).toBe('#/preview/lab/2');
    expect(sessionStorage.getItem('ocl.adminToken')).toBe('secret');
    expect(takePreviewToken(window)).toBe('secret');
  });
  it("falls back to the facilitator app's stored token, else none", () => {
    window.history.replaceState(null, '', '#/preview/lab');
    expect(takePreviewToken(window)).toBe('');
    localStorage.setItem('ocl.adminToken', 'stored');
    expect(takePreviewToken(window)).toBe('stored');
  });
  it('links same-origin without the token and hands it over to another origin', () => {
    expect(previewHref('', 'a b')).toBe('/#/preview/a%20b');
    expect(previewHref('http://127.0.0.1:8080', 'x', 't')).toBe('http://127.0.0.1:8080/#/preview/x?token=t');
  });
});
