import { useEffect, useRef, useState } from 'preact/hooks';
import { isBlankConference } from '../lib/conference-view';
import { createDraftSaver, type DraftSaveStatus, type DraftSaver } from '../lib/notebook/draft-saver';
import { emptyConferenceContent, type Conference, type ConferenceContent } from '../lib/notebook/model';
import { getDraft, saveConference, saveDraft } from '../lib/notebook/notebook';
import { describeStorageError } from '../lib/notebook/storage-errors';

interface Written {
  content: ConferenceContent;
  /** When the teacher started this conference (first keystroke); `null` until then. */
  startedAt: number | null;
}

export type SaveOutcome = { ok: true; conference: Conference } | { ok: false; message: string };

export interface ConferenceDraft {
  loaded: boolean;
  /** Why the saved draft could not be read (the form still works). */
  loadError: string | null;
  content: ConferenceContent;
  startedAt: number | null;
  status: DraftSaveStatus;
  /** Applies a change (or a change worked out from the latest content, for toggles). */
  change(change: Partial<ConferenceContent> | ((content: ConferenceContent) => Partial<ConferenceContent>)): void;
  save(): Promise<SaveOutcome>;
}

/**
 * The conference being written beside one document. Every change is kept as the document's draft
 * within 300 ms; the draft comes back when the document is opened again; the page being hidden or
 * closed writes at once. Saving the conference clears the draft in the same transaction.
 */
export function useConferenceDraft(docId: string, beforeSave?: () => Promise<void>): ConferenceDraft {
  const [written, setWritten] = useState<Written>({ content: emptyConferenceContent(), startedAt: null });
  const [loaded, setLoaded] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [status, setStatus] = useState<DraftSaveStatus>({ state: 'idle' });
  const latest = useRef(written);
  const saver = useRef<DraftSaver<Written> | null>(null);

  useEffect(() => {
    let live = true;
    const draftSaver = createDraftSaver<Written>({
      write: (value) => saveDraft(docId, value.content, value.startedAt ?? Date.now()),
      onStatus: (next) => live && setStatus(next),
    });
    saver.current = draftSaver;
    setLoaded(false);
    setLoadError(null);
    getDraft(docId).then(
      (draft) => {
        if (!live) return;
        const restored: Written = draft === null ? { content: emptyConferenceContent(), startedAt: null } : { content: draft.content, startedAt: draft.startedAt };
        latest.current = restored;
        setWritten(restored);
        setLoaded(true);
      },
      (error: unknown) => {
        if (!live) return;
        setLoadError(describeStorageError(error));
        setLoaded(true);
      },
    );
    // Hidden (tab switched, window closing): write now rather than after the typing pause.
    const flushNow = (): void => void draftSaver.flush();
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') flushNow();
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', flushNow);
    return () => {
      live = false;
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', flushNow);
      // Moving to another document: what was typed here is still written.
      void draftSaver.flush().finally(() => draftSaver.dispose());
    };
  }, [docId]);

  const change: ConferenceDraft['change'] = (changeOrPatch) => {
    const patch = typeof changeOrPatch === 'function' ? changeOrPatch(latest.current.content) : changeOrPatch;
    const next: Written = { content: { ...latest.current.content, ...patch }, startedAt: latest.current.startedAt ?? Date.now() };
    latest.current = next;
    setWritten(next);
    saver.current?.change(next);
  };

  const save = async (): Promise<SaveOutcome> => {
    const { content, startedAt } = latest.current;
    if (isBlankConference(content)) return { ok: false, message: 'Write at least a teaching point or a note before saving.' };
    const draftSaver = saver.current;
    try {
      await draftSaver?.flush();
      await beforeSave?.();
      const conference = await saveConference(docId, content, { startedAt: startedAt ?? Date.now() });
      draftSaver?.cancel();
      // Only clear what was saved: anything typed while saving stays.
      if (latest.current.content === content) {
        latest.current = { content: emptyConferenceContent(), startedAt: null };
        setWritten(latest.current);
      }
      setStatus({ state: 'idle' });
      return { ok: true, conference };
    } catch (error) {
      return { ok: false, message: `The conference isn’t saved yet. ${describeStorageError(error)} Your words are still here.` };
    }
  };

  return { loaded, loadError, content: written.content, startedAt: written.startedAt, status, change, save };
}
