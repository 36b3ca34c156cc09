// The no-HTML-sinks rule is a security control: prove it rejects every sink, in TS and TSX.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function errorsIn(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId ?? 'parse');
}

describe('lint forbids innerHTML-style sinks', () => {
  it.each([
    ['innerHTML', 'export function f(el: HTMLElement, s: string) { el.innerHTML = s; }'],
    ['innerHTML (computed)', "export function f(el: HTMLElement, s: string) { el['innerHTML'] = s; }"],
    ['outerHTML', 'export function f(el: HTMLElement, s: string) { el.outerHTML = s; }'],
    ['insertAdjacentHTML', "export function f(el: HTMLElement, s: string) { el.insertAdjacentHTML('beforeend', s); }"],
    ['document.write', 'export function f(s: string) { document.write(s); }'],
    ['createContextualFragment', 'export function f(r: Range, s: string) { return r.createContextualFragment(s); }'],
    ['eval', 'export function f(s: string) { return eval(s); }'],
  ])('%s', async (_name, code) => {
    expect(await errorsIn(code, 'lib/sink.ts')).not.toEqual([]);
  });

  it('dangerouslySetInnerHTML in a component', async () => {
    const code = 'export const C = ({ s }: { s: string }) => <div dangerouslySetInnerHTML={{ __html: s }} />;';
    expect(await errorsIn(code, 'components/Sink.tsx')).toContain('no-restricted-syntax');
  });

  it('allows text', async () => {
    expect(await errorsIn('export function f(el: HTMLElement, s: string) { el.textContent = s; }', 'lib/ok.ts')).toEqual([]);
  });
});
