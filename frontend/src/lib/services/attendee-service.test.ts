import { describe, expect, it } from 'vitest';
import { forgetAttendee, loadAttendee, normaliseContinueCode, saveAttendee, tokenKey } from './attendee-service';
import type { StorageLike } from '../utils/storage';
import type { Registration } from '../types/live.type';

class MemStorage implements StorageLike {
  m = new Map<string, string>();
  getItem = (k: string) => this.m.get(k) ?? null;
  setItem = (k: string, v: string) => void this.m.set(k, v);
  removeItem = (k: string) => void this.m.delete(k);
}

const reg = (token: string): Registration => ({
  token,
  continue_code: 'ABC234',
  attendee: {
    id: 'a1',
    codelab_id: 'lab',
    name: 'Ann',
    current_step: 2,
    completed_steps: [1],
    step_started_at: '',
    created_at: '',
    online: false,
  },
});

describe('attendee session storage', () => {
  it('keeps one token per codelab', () => {
    const s = new MemStorage();
    saveAttendee('one', reg('t1'), s);
    saveAttendee('two', reg('t2'), s);
    expect(loadAttendee('one', s)?.token).toBe('t1');
    expect(loadAttendee('two', s)).toEqual({ token: 't2', id: 'a1', name: 'Ann', continue_code: 'ABC234' });
    forgetAttendee('one', s);
    expect(loadAttendee('one', s)).toBeNull();
    expect(loadAttendee('two', s)?.token).toBe('t2');
  });

  it('treats garbage in storage as no session', () => {
    const s = new MemStorage();
    s.setItem(tokenKey('x'), '{not json');
    expect(loadAttendee('x', s)).toBeNull();
    s.setItem(tokenKey('x'), '{"token":""}');
    expect(loadAttendee('x', s)).toBeNull();
  });
});

describe('normaliseContinueCode', () => {
  it('accepts lower case, spaces and dashes', () => {
    expect(normaliseContinueCode(' ab-c 2-34 ')).toBe('ABC234');
  });
});
