import { describe, expect, it } from 'vitest';
import { parseDocUrl, sameDocument } from './doc-ref';

const ID = '1aBcD_eFgHiJkLmNoPqRsTuVwXyZ0123456789-_abcd'; // 44 characters, like Google's
const OTHER = '1zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz';

describe('parseDocUrl: every shape of one document names the same docId', () => {
  const same: [string, { accountSlot: number | null; tab: string | null }][] = [
    [`https://docs.google.com/document/d/${ID}/edit`, { accountSlot: null, tab: null }],
    [`https://docs.google.com/document/d/${ID}`, { accountSlot: null, tab: null }],
    [`https://docs.google.com/document/d/${ID}/`, { accountSlot: null, tab: null }],
    [`https://docs.google.com/document/u/1/d/${ID}/edit`, { accountSlot: 1, tab: null }],
    [`https://docs.google.com/document/u/0/d/${ID}/edit`, { accountSlot: 0, tab: null }],
    [`https://docs.google.com/document/d/${ID}/edit?tab=t.0#heading=h.abc123`, { accountSlot: null, tab: 't.0' }],
    [`https://docs.google.com/document/d/${ID}/edit?tab=t.k3x9q2`, { accountSlot: null, tab: 't.k3x9q2' }],
    [`https://docs.google.com/document/d/${ID}/edit?authuser=2`, { accountSlot: 2, tab: null }],
    [`https://docs.google.com/document/u/3/d/${ID}/edit?authuser=1`, { accountSlot: 3, tab: null }],
    [`https://docs.google.com/document/d/${ID}/view`, { accountSlot: null, tab: null }],
    [`https://docs.google.com/document/d/${ID}/comment`, { accountSlot: null, tab: null }],
    [`https://docs.google.com/document/d/${ID}/preview`, { accountSlot: null, tab: null }],
    [`https://docs.google.com/document/d/${ID}/edit?usp=sharing`, { accountSlot: null, tab: null }],
    [`https://docs.google.com/document/d/${ID}/edit#`, { accountSlot: null, tab: null }],
    [`https://DOCS.GOOGLE.COM/document/d/${ID}/edit`, { accountSlot: null, tab: null }],
    [`https://docs.google.com/document/d/${ID}/edit?tab=not-a-tab`, { accountSlot: null, tab: null }],
    [`https://docs.google.com/document/d/${ID}/edit?authuser=abc`, { accountSlot: null, tab: null }],
  ];
  it.each(same)('%s', (url, rest) => {
    expect(parseDocUrl(url)).toEqual({ docId: ID, ...rest });
  });

  it('keeps short, older ids', () => {
    expect(parseDocUrl('https://docs.google.com/document/d/1abcDEF_ghi-jk/edit')?.docId).toBe('1abcDEF_ghi-jk');
  });

  it('tells different documents apart', () => {
    const a = parseDocUrl(`https://docs.google.com/document/d/${ID}/edit`);
    const b = parseDocUrl(`https://docs.google.com/document/u/1/d/${ID}/view?tab=t.2`);
    const c = parseDocUrl(`https://docs.google.com/document/d/${OTHER}/edit`);
    expect(sameDocument(a, b)).toBe(true);
    expect(sameDocument(a, c)).toBe(false);
    expect(sameDocument(a, null)).toBe(false);
  });
});

describe('parseDocUrl: not a document to confer on', () => {
  const notDocuments: unknown[] = [
    'https://docs.google.com/document/u/0/',
    'https://docs.google.com/document/',
    'https://docs.google.com/document/create',
    'https://docs.google.com/document/u/0/create?usp=docs_home',
    `https://docs.google.com/document/d/${ID}/copy`,
    `https://docs.google.com/document/d/${ID}/export?format=pdf`,
    `https://docs.google.com/document/d/${ID}/edit/extra`,
    `https://docs.google.com/spreadsheets/d/${ID}/edit`,
    `https://docs.google.com/presentation/d/${ID}/edit`,
    `https://docs.google.com/forms/d/${ID}/edit`,
    `https://drive.google.com/file/d/${ID}/view`,
    `http://docs.google.com/document/d/${ID}/edit`,
    `https://docs.google.com.evil.example/document/d/${ID}/edit`,
    `https://evil.example/?next=https://docs.google.com/document/d/${ID}/edit`,
    `https://docs.google.com:8443/document/d/${ID}/edit`,
    `https://user:pass@docs.google.com/document/d/${ID}/edit`,
    'https://docs.google.com/document/d/short/edit',
    'https://docs.google.com/document/d/has%20space%20in%20the%20id/edit',
    `https://docs.google.com/document/d/${ID}<script>/edit`,
    `https://docs.google.com/document/d/${'a'.repeat(200)}/edit`,
    `https://docs.google.com/document/u/abc/d/${ID}/edit`,
    `https://docs.google.com/document/u/123/d/${ID}/edit`,
    `javascript:alert(1)//docs.google.com/document/d/${ID}/edit`,
    `data:text/html,https://docs.google.com/document/d/${ID}/edit`,
    `chrome-extension://abc/panel.html`,
    `docs.google.com/document/d/${ID}/edit`,
    `https://docs.google.com/document/d/${ID}/edit?x=${'y'.repeat(9000)}`,
    'not a url',
    '',
    null,
    undefined,
    42,
    { href: `https://docs.google.com/document/d/${ID}/edit` },
  ];
  it.each(notDocuments.map((value) => [value]))('%s', (value) => {
    expect(parseDocUrl(value)).toBeNull();
  });
});
