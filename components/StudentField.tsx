import { useEffect, useRef, useState } from 'preact/hooks';
import { guessStudentName } from '../lib/student-name';
import type { DocRef } from '../lib/doc-ref';
import { LIMITS } from '../lib/notebook/model';
import { createDraftSaver, type DraftSaver } from '../lib/notebook/draft-saver';
import { listStudents, setDocumentStudent } from '../lib/notebook/notebook';
import { forgetUnsavedWords, keepUnsavedName, trackKeptEntries, unsavedNamesFor, withKeptWords } from '../lib/notebook/unsaved-words';
import { whenPageHidden } from '../lib/page-hidden';

/** A name is saved at most this long after it was typed, so not on every keystroke. */
const SAVE_DELAY_MS = 300;

/** `linked`: the name was a student the notebook already knew, whose history this document now shares. */
type SaveState = { kind: 'idle' } | { kind: 'saved'; linked: boolean } | { kind: 'failed'; message: string };

/**
 * Who wrote this document. Suggested from Google Classroom's "<Student Name> - <Assignment>"
 * title until the teacher confirms or corrects it; what they type is kept in the notebook.
 */
export function StudentField({
  doc,
  title,
  savedName,
  onSuggestionShown,
}: {
  doc: DocRef;
  /** `undefined` until Docs' page says it. */
  title: string | null | undefined;
  savedName: string | null | undefined;
  /** The name suggested from the title while the teacher has neither confirmed nor changed it; else `null`. */
  onSuggestionShown(name: string | null): void;
}) {
  const [name, setName] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  // Known once the notebook is read; for a document with no student yet, once the title (which
  // may suggest one) is known too.
  const loaded = savedName !== undefined && (savedName !== null || title !== undefined);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const saver = useRef<DraftSaver<string> | null>(null);

  // The suggestion follows the title only until the teacher has said who it is.
  const suggestion = guessStudentName(title ?? null);

  // Known students, offered as the teacher types: picking one links this document to their history.
  const [knownNames, setKnownNames] = useState<string[]>([]);
  useEffect(() => {
    listStudents().then(
      (students) => setKnownNames(students.map(({ student }) => student.name)),
      () => setKnownNames([]),
    );
  }, [doc.docId]);

  /** Once the teacher has typed here, the field is theirs: a re-read never rewrites it under the cursor. */
  const typed = useRef(false);
  /** The name last typed (or taken in), for keeping as the page is hidden. */
  const typedName = useRef('');
  /** Names this panel's entry among those kept as pages close (unsaved-words.ts). */
  const [panelId] = useState(() => crypto.randomUUID());
  /** Takes in the newest name a closed panel kept for this document, given the stored one; once. */
  const takeInClosedPanelsName = useRef<(stored: string | null) => string | null>(() => null);

  // The name is kept as the conference's words are (draft-saver.ts): written shortly after it is
  // typed, at once when the field is left or the page hidden, and after a failure, kept and
  // written again with growing pauses, even once the panel has moved to another document. As the
  // page is hidden, a name not yet written is also kept where a closing page can still put it
  // (unsaved-words.ts), for the next panel on the document to take in.
  useEffect(() => {
    let live = true;
    /** Counts this field's writes: one that started after a name was kept has put it in the notebook. */
    let writes = 0;
    const keptNames = trackKeptEntries();
    const nameSaver = createDraftSaver<string>({
      delayMs: SAVE_DELAY_MS,
      write: async (value) => {
        writes += 1;
        const writeNumber = writes;
        const { known } = await setDocumentStudent(doc, value);
        keptNames.written(writeNumber);
        if (live) setSave({ kind: 'saved', linked: known });
      },
      onStatus: (status) => {
        if (live && status.state === 'failed') setSave({ kind: 'failed', message: `The name isn’t saved yet. ${status.message}` });
      },
    });
    saver.current = nameSaver;
    // Read now, while the notebook's name is on its way (a page's first localStorage use can wait).
    const closedPanelsNames = withKeptWords(() => unsavedNamesFor(doc.docId), []);
    takeInClosedPanelsName.current = (stored) => {
      takeInClosedPanelsName.current = () => null;
      const newest = closedPanelsNames.at(-1);
      if (newest === undefined) return null;
      const keys = closedPanelsNames.map(({ key }) => key);
      // Already written (the closing page's write got through after all): nothing to take in.
      if (newest.kept.name === (stored ?? '')) {
        withKeptWords(() => forgetUnsavedWords(keys), undefined);
        return null;
      }
      keptNames.add(keys, writes);
      nameSaver.change(newest.kept.name);
      return newest.kept.name;
    };
    const stopWatchingVisibility = whenPageHidden(() => {
      if (nameSaver.hasUnsaved()) {
        const kept = { docId: doc.docId, name: typedName.current, at: Date.now() };
        const key = withKeptWords(() => keepUnsavedName(panelId, kept), null);
        if (key !== null) keptNames.add([key], writes);
      }
      void nameSaver.flush();
    });
    return () => {
      live = false;
      stopWatchingVisibility();
      void nameSaver.flush().finally(() => {
        if (!nameSaver.hasUnsaved()) nameSaver.dispose();
      });
    };
  }, [doc.docId]);

  // The notebook's name arrives once the document's history is read (and again if another tab
  // changes it). A name a closed panel could not write is taken in first, as if typed here.
  useEffect(() => {
    if (savedName === undefined || typed.current) return;
    const closedPanelsName = takeInClosedPanelsName.current(savedName);
    if (closedPanelsName !== null) {
      typed.current = true;
      typedName.current = closedPanelsName;
      setConfirmed(true);
      setName(closedPanelsName);
      return;
    }
    setConfirmed(savedName !== null);
    setName(savedName ?? '');
  }, [savedName]);

  const shown = confirmed ? name : name || suggestion || '';
  const unconfirmedSuggestion = loaded && !confirmed && name === '' && suggestion !== null ? suggestion : null;
  useEffect(() => onSuggestionShown(unconfirmedSuggestion), [unconfirmedSuggestion]);

  return (
    <div class="field">
      <label for="student-name">Student</label>
      <input
        id="student-name"
        type="text"
        dir="auto"
        autocomplete="off"
        spellcheck={false}
        maxLength={LIMITS.name}
        disabled={!loaded}
        value={shown}
        placeholder="Who wrote this?"
        aria-describedby="student-name-hint"
        list="known-students"
        onInput={(event) => {
          const value = event.currentTarget.value;
          typed.current = true;
          typedName.current = value;
          setName(value);
          setConfirmed(true);
          if (save.kind === 'saved') setSave({ kind: 'idle' });
          saver.current?.change(value);
        }}
        onBlur={() => void saver.current?.flush()}
      />
      <datalist id="known-students">
        {knownNames.map((known) => (
          <option key={known} value={known} />
        ))}
      </datalist>
      <p id="student-name-hint" class={save.kind === 'failed' ? 'hint hint-error' : 'hint'} role={save.kind === 'failed' ? 'alert' : undefined}>
        {save.kind === 'failed'
          ? save.message
          : save.kind === 'saved'
            ? save.linked
              ? 'Linked: this student’s conferences on other documents are in History.'
              : 'Saved for this document.'
            : !confirmed && suggestion !== null
            ? 'Suggested from the document’s title. Correct it if needed.'
            : !confirmed
              ? 'Type the student’s name to keep their conferences together.'
              : ''}
      </p>
    </div>
  );
}
