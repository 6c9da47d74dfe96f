import { describe, expect, it } from 'vitest';
import { draftKey, draftProblem, dropDraft, keepDraft, readDraft } from './draft-keeper';
import { newStepDraft, type MetaDraft } from './editor-draft';
import type { StorageLike } from '../lib/utils/storage';
import { loadAdminEnglish } from './test-english';

function memory(): StorageLike & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

const meta: MetaDraft = {
  title: 'Go', description: '', author: '', duration_minutes: 0, tags: '', is_public: false, access_code: '', max_attendees: 100, language: '',
};
loadAdminEnglish();

describe('draftProblem', () => {
  it('names the step that has no title', () => {
    const steps = [newStepDraft(1), { ...newStepDraft(2), title: '  ' }];
    expect(draftProblem(meta, steps)).toBe('Step 2 needs a title');
  });
  it('names a missing codelab title first', () => {
    expect(draftProblem({ title: '' }, [{ ...newStepDraft(1), title: '' }])).toBe('The codelab needs a title');
  });
  it('names a step over the server limit', () => {
    expect(draftProblem(meta, [{ ...newStepDraft(1), markdown: 'é'.repeat(110 << 10) }])).toBe('Step 1 is over 200 KB');
  });
  it('is empty for a valid draft', () => {
    expect(draftProblem(meta, [newStepDraft(1)])).toBe('');
  });
});

describe('kept drafts', () => {
  it('keeps, reads back and drops a draft per codelab', () => {
    const s = memory();
    const steps = [{ ...newStepDraft(1), title: '', markdown: 'typed' }];
    expect(keepDraft('c1', meta, steps, s, new Date('2026-01-02T03:04:05Z'))).toBe(true);
    expect(s.map.has(draftKey('c1'))).toBe(true);
    expect(readDraft('c2', s)).toBeNull();
    const d = readDraft('c1', s);
    expect(d?.kept_at).toBe('2026-01-02T03:04:05.000Z');
    expect(d?.steps).toEqual([{ title: '', markdown: 'typed', duration_minutes: 5 }]);
    expect(d?.meta.title).toBe('Go');
    dropDraft('c1', s);
    expect(readDraft('c1', s)).toBeNull();
  });
  it('ignores unreadable data and survives blocked storage', () => {
    const s = memory();
    s.setItem(draftKey('x'), '{"meta":1}');
    expect(readDraft('x', s)).toBeNull();
    s.setItem(draftKey('x'), 'not json');
    expect(readDraft('x', s)).toBeNull();
    const full: StorageLike = { getItem: () => null, setItem: () => { throw new Error('quota'); }, removeItem: () => {} };
    expect(keepDraft('x', meta, [], full)).toBe(false);
    expect(keepDraft('x', meta, [], null)).toBe(false);
  });
});

describe('draftProblem in another language', () => {
  it('names the problem in the facilitator’s language, and new steps get a title in it', async () => {
    const ko = (await import('../lib/i18n/messages/ko/adminEditor.json')).default as Record<string, string>;
    const { loadForTest } = await import('../lib/i18n/i18n.svelte');
    loadForTest('ko', Object.fromEntries(Object.entries(ko).map(([k, v]) => [`adminEditor.${k}`, v])));
    try {
      expect(newStepDraft(3).title).toBe('3단계');
      expect(draftProblem(meta, [newStepDraft(1), { ...newStepDraft(2), title: '' }])).toBe('2단계에 제목이 필요해요');
      expect(draftProblem({ title: ' ' }, [])).toBe('코드랩 제목이 필요해요');
    } finally {
      loadAdminEnglish();
    }
  });
});
