import { useEffect, useState } from 'preact/hooks';

/**
 * Text kept for this browser tab's session under `key` (the panel's own sessionStorage, in the
 * extension's origin): it survives the panel reloading and Docs moving to another document and
 * back, and goes when the tab closes. For words on their way somewhere else (a comment not yet
 * posted), not for records: those belong in the notebook.
 */
export function useSessionText(key: string): [string, (text: string) => void] {
  const [text, setText] = useState(() => readSession(key));
  useEffect(() => setText(readSession(key)), [key]);
  const update = (next: string): void => {
    setText(next);
    try {
      if (next === '') sessionStorage.removeItem(key);
      else sessionStorage.setItem(key, next);
    } catch (error) {
      // Storage full or blocked: the words are still on screen.
      console.warn('Confer: could not keep the comment for this tab.', error);
    }
  };
  return [text, update];
}

function readSession(key: string): string {
  try {
    return sessionStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}
