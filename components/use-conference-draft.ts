import { useEffect, useRef, useState } from 'preact/hooks';
import { createDraftSaver, type DraftSaveStatus, type DraftSaver } from '../lib/notebook/draft-saver';
import { onNotebookChange, touches } from '../lib/notebook/changes';
import { keptAfterSaved, mergeDraftContent, sameContent } from '../lib/notebook/draft-merge';
import { emptyConferenceContent, isBlankConference, pausedSince, type Conference, type ConferenceContent, type Draft } from '../lib/notebook/model';
import { AlreadySavedError, getDraft, hasConferenceStartedAt, saveConference, saveDraft } from '../lib/notebook/notebook';
import { describeStorageError } from '../lib/notebook/storage-errors';
import { keepUnsavedWords, trackKeptEntries, unsavedWordsFor, withKeptWords, type KeptWords } from '../lib/notebook/unsaved-words';
import { whenPageHidden } from '../lib/page-hidden';

interface Written {
  content: ConferenceContent;
  /** When the teacher started this conference (first keystroke); `null` until then. */
  startedAt: number | null;
  /** When it last changed (here, or in the draft as stored); `null`: never. See CONFERENCE_PAUSE_MS. */
  changedAt: number | null;
}

/**
 * How the draft is being kept; or: another tab saved this conference (or cleared it), which emptied
 * the form here except for anything typed here since (`keptTyping`), now kept as a new draft.
 */
export type DraftStatus = DraftSaveStatus | { state: 'ended-in-another-tab'; keptTyping: boolean };

export type SaveOutcome = { ok: true; conference: Conference } | { ok: false; message: string };

export interface ConferenceDraft {
  loaded: boolean;
  /** Why the saved draft could not be read (the form still works). */
  loadError: string | null;
  content: ConferenceContent;
  /** When this conference started; `null` before its first words. */
  startedAt: number | null;
  /** When it last changed; a conference paused longer than CONFERENCE_PAUSE_MS starts again with the next words. */
  changedAt: number | null;
  status: DraftStatus;
  /** Applies a change (or a change worked out from the latest content, for toggles). */
  change(change: Partial<ConferenceContent> | ((content: ConferenceContent) => Partial<ConferenceContent>)): void;
  save(): Promise<SaveOutcome>;
}

/**
 * The conference being written beside one document. Every change is kept as the document's draft
 * after a pause in typing (DRAFT_SAVE_DELAY_MS); the draft comes back when the document is opened
 * again; the page being hidden or closed writes at once, and keeps what is not written yet where a
 * closing page can still put it (unsaved-words.ts), for the next panel on the document to take in.
 * Saving the conference clears the draft in the same transaction.
 *
 * `opened`: the draft as the background read it ahead (opening-views.ts; `null`: there was none),
 * shown as soon as it is here if the draft has not been read here yet; it is read here all the
 * same, and taken in like another tab's change.
 *
 * Two tabs on one document share its draft: each writes only the fields typed in it, and takes in
 * what the other wrote (announced on the notebook's change channel) without touching what is
 * being typed here, so neither tab's words are lost (see draft-merge.ts).
 */
export function useConferenceDraft(docId: string, beforeSave?: () => Promise<void>, opened?: Draft | null): ConferenceDraft {
  // A blank draft started nothing (as in takeIn).
  const [written, setWritten] = useState<Written>(() => ({
    content: opened?.content ?? emptyConferenceContent(),
    startedAt: opened == null || isBlankConference(opened.content) ? null : opened.startedAt,
    changedAt: opened?.updatedAt ?? null,
  }));
  const [loaded, setLoaded] = useState(opened !== undefined);
  /** The document the opening draft was for, until its effect has taken it as its starting point. */
  const openedFor = useRef(opened === undefined ? null : docId);
  /** Shows the opening draft if it comes before the draft is read here (set up per document). */
  const takeInOpening = useRef<(opened: Draft | null) => void>(() => undefined);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [status, setStatus] = useState<DraftStatus>({ state: 'idle' });
  const latest = useRef(written);
  /** The draft as stored when this panel last read or wrote it: "typed here" means changed since. */
  const base = useRef(opened?.content ?? emptyConferenceContent());
  const saver = useRef<DraftSaver<Written> | null>(null);
  /** The conference's save, while it is on its way: draft writes wait for it (`done`). */
  const saving = useRef<{ done: Promise<void>; content: ConferenceContent; startedAt: number } | null>(null);
  /** Names this panel's entry among the words kept as pages close (unsaved-words.ts). */
  const [panelId] = useState(() => crypto.randomUUID());
  /**
   * Notes which kept words there are now, and returns what forgets them (set up per document): a
   * save forgets those it put in the notebook, not those kept while it was on its way.
   */
  const forgetKeptSoFar = useRef<() => () => void>(() => () => undefined);
  const show = (next: Written): void => {
    latest.current = next;
    setWritten(next);
  };
  /**
   * Takes in the draft as stored (`null`: there is none, e.g. the other tab saved the conference),
   * keeping every field changed here since `typedSince`.
   */
  const takeIn = (stored: Draft | null, typedSince: ConferenceContent): void => {
    const storedContent = stored?.content ?? emptyConferenceContent();
    // No draft: the conference was saved (`typedSince` is what it held); only words added since stay.
    const content = stored === null ? keptAfterSaved(typedSince, latest.current.content) : mergeDraftContent(typedSince, latest.current.content, storedContent);
    base.current = storedContent;
    if (sameContent(content, latest.current.content)) return;
    show({
      content,
      startedAt: isBlankConference(content) ? null : (stored?.startedAt ?? latest.current.startedAt),
      changedAt: Math.max(stored?.updatedAt ?? 0, latest.current.changedAt ?? 0) || null,
    });
  };

  useEffect(() => {
    let live = true;
    /** Counts this panel's writes: a read that started before one of them is older than it. */
    let writes = 0;
    /** A write found the draft gone (saved or cleared in another tab): say so once it is written. */
    let endedElsewhere = false;
    /** Kept words (this panel's, as its page was hidden, and those it took in from closed panels) still to forget. */
    const keptWords = trackKeptEntries();
    forgetKeptSoFar.current = () => keptWords.forgetThoseSoFar();
    const draftSaver = createDraftSaver<Written>({
      // What is in the form now (the saver's copy may predate a change taken in from another tab).
      write: async () => {
        // Words typed while the conference is being saved are written once it is: written now,
        // the saved words with them would look to the save like another tab's, and go into it.
        while (saving.current !== null) await saving.current.done;
        writes += 1;
        const writeNumber = writes;
        const sent = latest.current;
        const draft = await saveDraft(docId, sent.content, sent.startedAt ?? Date.now(), base.current);
        keptWords.written(writeNumber);
        if (!live) return;
        // A first revision although this panel had seen a draft: the draft it saw is gone.
        if (draft.rev === 1 && !isBlankConference(base.current)) endedElsewhere = true;
        takeIn(draft, sent.content);
      },
      onStatus: (next) => {
        if (!live) return;
        if (next.state === 'saved' && endedElsewhere) {
          endedElsewhere = false;
          setStatus({ state: 'ended-in-another-tab', keptTyping: true });
        } else setStatus(next);
      },
    });
    saver.current = draftSaver;
    // Shown already from the background's read: the form stays usable while it is read again.
    /** Which read the form showed first: the background's (opening), or its own. */
    let firstRead: 'none' | 'opening' | 'own' = openedFor.current === docId ? 'opening' : 'none';
    openedFor.current = null;
    if (firstRead === 'none') setLoaded(false);
    setLoadError(null);
    takeInOpening.current = (opened) => {
      if (!live || firstRead !== 'none') return;
      firstRead = 'opening';
      takeIn(opened, emptyConferenceContent());
      setLoaded(true);
    };
    /**
     * Words a panel on this document kept as its page closed: merged in as if typed here.
     * `saved[i]`: whether the conference that `kept[i]`'s page was saving as it closed is in the notebook.
     */
    const takeInClosedPanelsWords = (kept: KeptWords[], saved: readonly boolean[]): void => {
      if (kept.length === 0) return;
      kept.forEach(({ words }, index) => {
        // Saved as the page closed: the saved words are in History, and only those typed after
        // them are this conference's (started as they were typed, while it was being saved).
        const after = words.saving !== undefined && saved[index] === true ? words.saving : null;
        const [base, typed] = after === null ? [words.base, words.content] : [emptyConferenceContent(), keptAfterSaved(after.content, words.content)];
        const content = mergeDraftContent(base, typed, latest.current.content);
        const starts = [latest.current.startedAt, after === null ? words.startedAt : words.at].filter((time): time is number => time !== null);
        show({ content, startedAt: isBlankConference(content) || starts.length === 0 ? null : Math.min(...starts), changedAt: Math.max(words.at, latest.current.changedAt ?? 0) });
      });
      keptWords.add(kept.map(({ key }) => key), writes);
    };
    // Read while the draft is on its way: a page's first use of localStorage waits for the browser
    // to hand it over (0.5–10 ms here while Docs loads).
    const closedPanelsWords = withKeptWords(() => unsavedWordsFor(docId), []);
    // Rare: a page closed while its conference was being saved. Whether that save went through
    // decides which of its words are new; if that can't be read, all of them are kept.
    const savedAsClosed = Promise.all(
      closedPanelsWords.map(({ words }) => (words.saving === undefined ? false : hasConferenceStartedAt(docId, words.saving.startedAt).catch(() => false))),
    );
    Promise.all([getDraft(docId), savedAsClosed]).then(
      ([draft, saved]) => {
        if (!live) return;
        // Anything changed before the draft arrived (a comment posted, a question ticked, or since
        // the opening draft was shown) is kept, and written into the draft.
        const typedSince = firstRead === 'opening' ? base.current : emptyConferenceContent();
        firstRead = 'own';
        takeIn(draft, typedSince);
        takeInClosedPanelsWords(closedPanelsWords, saved);
        if (!sameContent(latest.current.content, base.current)) draftSaver.change(latest.current);
        else keptWords.forgetAll();
        setLoaded(true);
      },
      (error: unknown) => {
        if (!live) return;
        setLoadError(describeStorageError(error, 'reload'));
        setLoaded(true);
      },
    );
    // Another tab wrote this document's draft or saved its conference. While a change of ours is
    // waiting, there is nothing to read: our write merges with what is stored and takes it in.
    const stopListening = onNotebookChange((change) => {
      if (!(touches(change, docId) || change.drafts?.includes(docId) === true) || draftSaver.hasUnsaved()) return;
      const writesBefore = writes;
      getDraft(docId).then(
        (draft) => {
          if (!live || writes !== writesBefore || draftSaver.hasUnsaved()) return;
          const hadWords = !isBlankConference(latest.current.content);
          takeIn(draft, base.current);
          // Say why the words went: the teacher may not have seen the other tab.
          if (draft === null && hadWords && isBlankConference(latest.current.content)) setStatus({ state: 'ended-in-another-tab', keptTyping: false });
        },
        // Nothing changes here: the next write merges with the stored draft all the same.
        () => undefined,
      );
    });
    // Hidden (tab switched, window closing): write now rather than after the typing pause. A
    // closing page cannot finish that write, so what it holds is also kept where it can.
    const stopWatchingVisibility = whenPageHidden(() => {
      const { content, startedAt } = latest.current;
      if (!sameContent(content, base.current)) {
        const beingSaved = saving.current === null ? {} : { saving: { content: saving.current.content, startedAt: saving.current.startedAt } };
        const words = { docId, content, base: base.current, startedAt, at: Date.now(), ...beingSaved };
        const key = withKeptWords(() => keepUnsavedWords(panelId, words), null);
        if (key !== null) keptWords.add([key], writes);
      }
      void draftSaver.flush();
    });
    return () => {
      live = false;
      stopListening();
      stopWatchingVisibility();
      // Moving to another document: what was typed here is still written, and if that fails, the
      // saver keeps retrying it (with the last words typed here) rather than dropping it. The saver
      // stays usable: a margin comment Docs confirms after the panel has moved on is still
      // recorded, through `change`, in this document's draft.
      void draftSaver.flush();
    };
  }, [docId]);

  useEffect(() => {
    if (opened !== undefined) takeInOpening.current(opened);
  }, [opened]);

  const change: ConferenceDraft['change'] = (changeOrPatch) => {
    const patch = typeof changeOrPatch === 'function' ? changeOrPatch(latest.current.content) : changeOrPatch;
    // A conference starts with its first words: after an erase back to blank, or a pause longer
    // than a conference lasts, with the next ones.
    const before = latest.current;
    const now = Date.now();
    const startedAt = before.startedAt === null || isBlankConference(before.content) || pausedSince(before.changedAt, now) ? now : before.startedAt;
    const next: Written = { content: { ...before.content, ...patch }, startedAt, changedAt: now };
    show(next);
    saver.current?.change(next);
  };

  const save = async (): Promise<SaveOutcome> => {
    if (isBlankConference(latest.current.content)) return { ok: false, message: 'Write at least a teaching point or a note before saving.' };
    const draftSaver = saver.current;
    /** Lets draft writes waiting for this save go on. */
    let endSave = (): void => undefined;
    try {
      await draftSaver?.flush();
      await beforeSave?.();
      // What the form holds now, with the draft as this panel last saw it: the flush may have taken
      // in another tab's words. Anything that tab wrote since is merged in by saveConference too.
      const { content } = latest.current;
      const startedAt = latest.current.startedAt ?? Date.now();
      const forgetSaved = forgetKeptSoFar.current();
      // Draft writes wait until the form has taken the saved words out (or the save has failed).
      const done = new Promise<void>((resolve) => {
        endSave = () => {
          saving.current = null;
          resolve();
        };
      });
      saving.current = { done, content, startedAt };
      const conference = await saveConference(docId, content, { startedAt, draftBase: base.current });
      draftSaver?.cancel();
      forgetSaved();
      // The draft is gone. Whatever was typed while saving stays, and is kept as the next draft.
      takeIn(null, conference);
      if (!isBlankConference(latest.current.content)) draftSaver?.change(latest.current);
      else setStatus({ state: 'idle' });
      return { ok: true, conference };
    } catch (error) {
      if (error instanceof AlreadySavedError) {
        // As the change announced by that tab would have done a moment later.
        takeIn(null, base.current);
        return { ok: false, message: error.message };
      }
      return { ok: false, message: `The conference isn’t saved yet. ${describeStorageError(error)} Your words are still here.` };
    } finally {
      endSave();
    }
  };

  return { loaded, loadError, content: written.content, startedAt: written.startedAt, changedAt: written.changedAt, status, change, save };
}
