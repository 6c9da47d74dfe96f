import { describe, expect, it } from 'vitest';
import { fold, matches } from './search';

describe('search', () => {
  it('finds Chinese, Japanese and Korean words inside unspaced text', () => {
    expect(matches('容器', '用 Go 构建容器化应用')).toBe(true);
    expect(matches('コンテナ', 'Goでコンテナを作る')).toBe(true);
    expect(matches('쿠버네티스', '쿠버네티스에 배포하기')).toBe(true);
    expect(matches('배포 쿠버', '쿠버네티스에 배포하기')).toBe(true);
    expect(matches('파이썬', '쿠버네티스에 배포하기')).toBe(false);
  });
  it('folds width, case and accents', () => {
    expect(matches('ＧＯ', 'Learn go')).toBe(true);
    expect(matches('ｺﾝﾃﾅ', 'コンテナ入門')).toBe(true);
    expect(matches('creme', 'Crème brûlée')).toBe(true);
  });
  it('folds Arabic vowel marks and letter variants', () => {
    expect(fold('مُبَرْمِج')).toBe('مبرمج');
    expect(matches('الاختبار', 'الإختبار القصير')).toBe(true);
    expect(matches('مكتبه', 'مكتبة جو')).toBe(true);
  });
  it('matches everything for an empty query and looks in every text', () => {
    expect(matches('  ', 'x')).toBe(true);
    expect(matches('docker', 'Title', 'about Docker')).toBe(true);
  });
});
