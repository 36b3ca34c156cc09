import { useEffect, useRef, useState } from 'preact/hooks';
import { guessStudentName } from '../lib/student-name';
import { MAX_STUDENT_NAME_LENGTH, getDocument, setDocumentStudent } from '../lib/store/documents';

/** Saving waits for a pause in typing, so the notebook is not written on every keystroke. */
const SAVE_DELAY_MS = 300;

type SaveState = { kind: 'idle' } | { kind: 'saved' } | { kind: 'failed'; message: string };

/**
 * Who wrote this document. Suggested from Google Classroom's "<Student Name> - <Assignment>"
 * title until the teacher confirms or corrects it; what they type is kept in the notebook.
 */
export function StudentField({ docId, title }: { docId: string; title: string | null }) {
  const [name, setName] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const timer = useRef<number | undefined>(undefined);
  const pending = useRef<string | null>(null);

  // The suggestion follows the title only until the teacher has said who it is.
  const suggestion = guessStudentName(title);

  useEffect(() => {
    let live = true;
    setLoaded(false);
    getDocument(docId).then(
      (record) => {
        if (!live) return;
        setConfirmed(record?.studentName != null);
        setName(record?.studentName ?? '');
        setLoaded(true);
      },
      (error: unknown) => {
        if (!live) return;
        setLoaded(true);
        setSave({ kind: 'failed', message: `Confer couldn’t open its notebook (${String(error)}).` });
      },
    );
    return () => {
      live = false;
    };
  }, [docId]);

  const flush = (): void => {
    window.clearTimeout(timer.current);
    const value = pending.current;
    if (value === null) return;
    pending.current = null;
    setDocumentStudent(docId, value).then(
      () => setSave({ kind: 'saved' }),
      (error: unknown) => {
        // Keep what was typed and try again with the next change or when the field is left.
        pending.current = value;
        setSave({ kind: 'failed', message: `The name isn’t saved yet: ${error instanceof Error ? error.message : String(error)}` });
      },
    );
  };

  useEffect(() => flush, [docId]);

  const shown = confirmed ? name : name || suggestion || '';

  return (
    <div class="field">
      <label for="student-name">Student</label>
      <input
        id="student-name"
        type="text"
        dir="auto"
        autocomplete="off"
        spellcheck={false}
        maxLength={MAX_STUDENT_NAME_LENGTH}
        disabled={!loaded}
        value={shown}
        placeholder="Who wrote this?"
        aria-describedby="student-name-hint"
        onInput={(event) => {
          const value = event.currentTarget.value;
          setName(value);
          setConfirmed(true);
          if (save.kind === 'saved') setSave({ kind: 'idle' });
          pending.current = value;
          window.clearTimeout(timer.current);
          timer.current = window.setTimeout(flush, SAVE_DELAY_MS);
        }}
        onBlur={flush}
      />
      <p id="student-name-hint" class={save.kind === 'failed' ? 'hint hint-error' : 'hint'} role={save.kind === 'failed' ? 'alert' : undefined}>
        {save.kind === 'failed'
          ? save.message
          : save.kind === 'saved'
            ? 'Saved for this document.'
            : !confirmed && suggestion !== null
            ? 'Suggested from the document’s title. Correct it if needed.'
            : !confirmed
              ? 'Type the student’s name to keep their conferences together.'
              : ''}
      </p>
    </div>
  );
}
