import { useState } from 'preact/hooks';
import { DELETE_EVERYTHING_PHRASE, NotebookError, deleteEverything } from '../lib/notebook/notebook';
import { describeStorageError } from '../lib/notebook/storage-errors';
import { Notice } from './Notice';

type DeleteState = { status: 'idle' } | { status: 'working' } | { status: 'done' } | { status: 'failed'; message: string; wrongPhrase: boolean };

/**
 * Delete every note: for a teacher leaving a shared or school computer. It can't be undone, so the
 * teacher types a phrase rather than clicking once, and is pointed to a backup first.
 */
export function DeleteEverythingSection() {
  const [typed, setTyped] = useState('');
  const [state, setState] = useState<DeleteState>({ status: 'idle' });
  const working = state.status === 'working';

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (working) return;
    setState({ status: 'working' });
    try {
      await deleteEverything(typed);
      setTyped('');
      setState({ status: 'done' });
    } catch (error) {
      // A phrase typed wrong is a NotebookError, whose words are the teacher's already.
      const wrongPhrase = error instanceof NotebookError;
      if (!wrongPhrase) console.error('Confer: the notes could not be deleted.', error);
      setState({ status: 'failed', message: describeStorageError(error), wrongPhrase });
    }
  };

  return (
    <section class="section" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete every note</h2>
      <p class="summary">
        Removes every student, document, conference and unsaved conference, and your own questions and compliments, from this
        browser profile: for leaving a shared or school computer. It can’t be undone. Download a backup first if you may want them
        again, and close your Google Docs tabs: words still being typed in a panel there would be saved again.
      </p>
      <form class="delete-everything" onSubmit={submit}>
        <div class="field">
          <label for="delete-phrase">Type “{DELETE_EVERYTHING_PHRASE}” to confirm</label>
          <input id="delete-phrase" type="text" autocomplete="off" spellcheck={false} value={typed} onInput={(event) => setTyped(event.currentTarget.value)} />
        </div>
        <div class="form-actions">
          <button type="submit" class="button-danger" aria-disabled={working || undefined}>
            Delete every note
          </button>
        </div>
      </form>
      {state.status === 'done' && <Notice tone="info">Every note is deleted from this browser profile.</Notice>}
      {state.status === 'failed' && (
        // A phrase typed wrong says "Nothing was deleted" itself. A storage failure may come after
        // some notes went (the old database, the words kept for a closing panel): trying again
        // deletes whatever is left.
        <Notice tone="warning" title={state.wrongPhrase ? undefined : 'Delete every note didn’t finish'}>
          {state.message}
        </Notice>
      )}
    </section>
  );
}
