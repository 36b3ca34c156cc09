/**
 * Asking the browser to keep Confer's notebook even when disk space runs low, so the browser never
 * evicts a term of notes. Asked once from an extension page; the answer is remembered in settings.
 * After a "no", Confer only checks quietly whether the browser has since decided to keep the data
 * (Firefox asks the user on `persist()`, so Confer must not ask on every panel load).
 * https://developer.mozilla.org/en-US/docs/Web/API/StorageManager/persist
 */
import { getSettings, noteStorageAnswer } from './notebook';
import type { Settings } from './model';

export async function requestPersistentStorage(storage: StorageManager | undefined = globalThis.navigator?.storage): Promise<Settings['persistence']> {
  const settings = await getSettings();
  let answer: Settings['persistence'];
  if (storage === undefined || typeof storage.persist !== 'function') answer = 'unsupported';
  // Asking the browser whether it already keeps the data never prompts anyone, so a remembered
  // "granted" (perhaps restored from a backup made on another computer) is checked, not trusted.
  else if (await storage.persisted()) answer = 'granted';
  else answer = settings.persistence === 'denied' ? 'denied' : (await storage.persist()) ? 'granted' : 'denied';
  if (answer !== settings.persistence) await noteStorageAnswer(answer);
  return answer;
}
