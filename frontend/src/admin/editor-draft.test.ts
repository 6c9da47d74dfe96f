import { describe, expect, it } from 'vitest';
import { metaToInput, parseTags, stepsFromCodelab, stepsToInput } from './editor-draft';
import type { Codelab } from '../lib/types/codelab.type';

describe('editor drafts', () => {
  it('parseTags trims, drops empties and duplicates', () => {
    expect(parseTags(' go, beginner ,, go ,')).toEqual(['go', 'beginner']);
    expect(parseTags('')).toEqual([]);
  });

  it('metaToInput normalises numbers and text', () => {
    const got = metaToInput({
      title: '  Intro ',
      description: 'd',
      author: ' Ada ',
      duration_minutes: null,
      tags: 'a,b',
      is_public: true,
      access_code: ' 1234 ',
      max_attendees: 30.4,
    });
    expect(got).toEqual({
      title: 'Intro',
      description: 'd',
      author: 'Ada',
      duration_minutes: 0,
      tags: ['a', 'b'],
      is_public: true,
      access_code: '1234',
      max_attendees: 30,
    });
  });

  it('metaToInput turns an empty or impossible attendee cap into the default and caps huge ones', () => {
    const base = { title: 'T', description: '', author: '', duration_minutes: 0, tags: '', is_public: false, access_code: '' };
    expect(metaToInput({ ...base, max_attendees: null }).max_attendees).toBe(2000);
    expect(metaToInput({ ...base, max_attendees: 0 }).max_attendees).toBe(2000);
    expect(metaToInput({ ...base, max_attendees: 1e9 }).max_attendees).toBe(100000);
  });

  it('stepsToInput keeps order and drops the local keys', () => {
    const got = stepsToInput([
      { key: 7, title: ' A ', markdown: 'x', duration_minutes: 4.6 },
      { key: 3, title: 'B', markdown: '', duration_minutes: -2 },
    ]);
    expect(got).toEqual([
      { title: 'A', markdown: 'x', duration_minutes: 5 },
      { title: 'B', markdown: '', duration_minutes: 0 },
    ]);
  });
});

describe('hidden steps in the editor draft', () => {
  it('keeps hidden and environments through a save, and adds nothing to plain steps', () => {
    const c = {
      steps: [
        { number: 1, title: 'A', duration_minutes: 1, html: '', markdown: 'a' },
        { number: 2, title: 'K', duration_minutes: 2, html: '', markdown: 'k', hidden: true, environments: ['kiosk'] },
      ],
    } as unknown as Codelab;
    expect(stepsToInput(stepsFromCodelab(c))).toEqual([
      { title: 'A', markdown: 'a', duration_minutes: 1 },
      { title: 'K', markdown: 'k', duration_minutes: 2, hidden: true, environments: ['kiosk'] },
    ]);
  });
});
