import { describe, expect, it } from 'vitest';
import { isolate } from './bidi';

describe('isolate', () => {
  it('wraps text in a first-strong isolate', () => {
    expect(isolate('علي')).toBe('\u2068علي\u2069');
    expect(`${isolate('\u202eyrrab')} asks for help`).toBe('\u2068\u202eyrrab\u2069 asks for help');
  });
});
