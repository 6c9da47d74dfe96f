import { describe, expect, it } from 'vitest';
import { chatLines } from './chat-lines';
import { fileDetail } from '../services/content-service';
import type { ChatEvent, DmEvent } from '../types/live.type';
import { useCatalogue } from '../testing/catalogue';

useCatalogue('en'); // assertions read the English catalogue

describe('chatLines', () => {
  const room: ChatEvent = { type: 'chat', seq: 4, text: 'hi all', from: { id: 'a1', name: 'Ada' }, at: '2025-01-01T10:00:00Z' };
  const mine: DmEvent = {
    type: 'dm', seq: 5, text: 'on step 2?', from: { id: 'admin', name: 'Facilitator' }, to: { id: 'a1', name: 'Ada' }, at: '2025-01-01T10:01:00Z',
  };

  it('names own events "You" and keeps others by name, in order', () => {
    const got = chatLines([room, mine], [], 'admin');
    expect(got.map((l) => [l.key, l.name, l.mine, l.pending])).toEqual([
      ['s4', 'Ada', false, false],
      ['s5', 'You', true, false],
    ]);
  });

  it('appends unacked messages after the events, greyed as pending', () => {
    const got = chatLines([room], [{ type: 'chat', text: 'sending…', cid: 'c9' }], 'a1');
    expect(got).toEqual([
      { key: 's4', name: 'You', text: 'hi all', at: room.at, mine: true, pending: false },
      { key: 'cc9', name: 'You', text: 'sending…', at: '', mine: true, pending: true },
    ]);
  });

  it('gives a text-less pending frame an empty text', () => {
    const got = chatLines([], [{ type: 'help', cid: 'h1' }], 'a1');
    expect(got[0].text).toBe('');
  });
});

describe('fileDetail', () => {
  it('adds the size only when known', () => {
    expect(fileDetail({ file_name: 'slides.pdf', size: 2048 })).toBe('slides.pdf · 2 kB');
    expect(fileDetail({ file_name: 'empty.txt', size: 0 })).toBe('empty.txt');
    expect(fileDetail({})).toBe('');
  });
});
