import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosaver, saveLabel } from './autosave.svelte';
import { ApiError } from '../services/api-client';
import { catalogue, useCatalogue } from '../testing/catalogue';

useCatalogue('en'); // assertions read the English catalogue

// Fake timers drive the debounce deterministically; saves are real async functions.
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function harness(results: Array<Error | null>) {
  let dirty = true;
  const calls: number[] = [];
  const saver = new Autosaver({
    delayMs: 800,
    isDirty: () => dirty,
    save: async () => {
      calls.push(Date.now());
      const r = results.shift() ?? null;
      if (r) throw r;
      dirty = false;
    },
  });
  return { saver, calls, edit: () => ((dirty = true), saver.schedule()) };
}

describe('Autosaver', () => {
  it('debounces a burst of edits into one save', async () => {
    const h = harness([]);
    h.edit();
    await vi.advanceTimersByTimeAsync(500);
    h.edit();
    await vi.advanceTimersByTimeAsync(500);
    h.edit();
    expect(h.saver.state).toBe('pending');
    expect(h.calls.length).toBe(0);
    await vi.advanceTimersByTimeAsync(800);
    expect(h.calls.length).toBe(1);
    expect(h.saver.state).toBe('saved');
  });

  it('retries network failures with backoff until saved', async () => {
    const h = harness([new ApiError(0, 'network_error', 'down'), new ApiError(503, 'http_503', 'busy')]);
    h.edit();
    await vi.advanceTimersByTimeAsync(800);
    expect(h.saver.state).toBe('error');
    expect(h.saver.message).toBe('Save failed — retrying');
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.calls.length).toBe(2);
    expect(h.saver.state).toBe('error');
    await vi.advanceTimersByTimeAsync(1999);
    expect(h.calls.length).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.calls.length).toBe(3);
    expect(h.saver.state).toBe('saved');
    expect(h.saver.message).toBe('');
  });

  it('says the disk is full while it keeps retrying', async () => {
    const h = harness([new ApiError(507, 'disk_full', 'The disk of the computer running the server is full.')]);
    h.edit();
    await vi.advanceTimersByTimeAsync(800);
    expect(h.saver.state).toBe('error');
    expect(h.saver.message).toBe(`Save failed: ${catalogue('en')['errors.disk_full']} Retrying.`);
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.saver.state).toBe('saved');
  });

  it('does not resend an edit the server rejected', async () => {
    const h = harness([new ApiError(400, 'invalid_field', 'steps[0].title must not be empty')]);
    h.edit();
    await vi.advanceTimersByTimeAsync(800);
    expect(h.saver.message).toBe('Save failed: steps[0].title must not be empty');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.calls.length).toBe(1);
    h.edit();
    await vi.advanceTimersByTimeAsync(800);
    expect(h.calls.length).toBe(2);
    expect(h.saver.state).toBe('saved');
  });

  it('saves again when edits arrive during a save', async () => {
    let release: () => void = () => {};
    let dirty = true;
    let saves = 0;
    const saver = new Autosaver({
      delayMs: 800,
      isDirty: () => dirty,
      save: () => {
        saves++;
        dirty = false;
        return new Promise<void>((r) => (release = r));
      },
    });
    saver.schedule();
    await vi.advanceTimersByTimeAsync(800);
    expect(saver.state).toBe('saving');
    dirty = true; // typed while the request was in flight
    saver.schedule();
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.state).toBe('pending');
    await vi.advanceTimersByTimeAsync(800);
    expect(saves).toBe(2);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.state).toBe('saved');
  });

  it('flush saves at once', async () => {
    const h = harness([]);
    h.edit();
    await h.saver.flush();
    expect(h.calls.length).toBe(1);
    expect(h.saver.state).toBe('saved');
  });
});

describe('saveLabel and block', () => {
  it('never reports blocked edits as saved', async () => {
    const h = harness([]);
    expect(saveLabel(h.saver)).toBe('All changes saved');
    h.saver.block('Step 2 needs a title');
    h.edit();
    await vi.advanceTimersByTimeAsync(2000);
    expect(h.calls.length).toBe(0);
    expect(saveLabel(h.saver)).toBe('Step 2 needs a title — not saved');
    h.saver.block('');
    h.edit();
    await vi.advanceTimersByTimeAsync(800);
    expect(h.calls.length).toBe(1);
    expect(saveLabel(h.saver)).toBe('Saved');
  });
});
