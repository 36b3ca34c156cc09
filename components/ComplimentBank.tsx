import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { CRAFT_LABELS, RECENT_COMPLIMENTS, bankCompliments, favouriteCompliments, fillName, noteUsed, orderCompliments, putBack, type BankCompliment } from '../lib/compliment-bank';
import { LIMITS, type Compliment, type Craft } from '../lib/notebook/model';
import { addCompliment, deleteCompliment, restoreCompliment, updateCompliment, updateSettings, type NewCompliment } from '../lib/notebook/notebook';
import { describeStorageError } from '../lib/notebook/storage-errors';
import { ComplimentEditor, CraftOptions } from './ComplimentEditor';
import { ComplimentItem } from './ComplimentItem';
import { UndoBar } from './UndoBar';
import { useDrawnWhenOpened } from './use-drawn-when-opened';
import { useUndo } from './use-undo';
import { useComplimentBank } from './use-compliment-bank';

export interface ComplimentBankProps {
  /** The student's name as the panel knows it (null when unknown): fills {name}. */
  studentName: string | null;
  /**
   * True while a comment is being posted: every post button says it is unavailable (aria-disabled,
   * so the focus stays on the button pressed) and does nothing, so one click posts at most one comment.
   */
  busy: boolean;
  /** Posts the (name-filled) text as a margin comment; resolves true when it was posted. */
  onPost(text: string): Promise<boolean>;
}

/** A compliment deleted, and where it was among the favourites and recently used (-1: not there). */
interface DeletedCompliment {
  compliment: Compliment;
  favouriteAt: number;
  recentAt: number;
}

/**
 * Compliments to post as margin comments: the teacher's favourites one click away, then the whole
 * bank by craft (recently used ones first), and the teacher's own compliments to add, edit and
 * delete. `{name}` is filled with the student's first name before anything is shown or posted.
 */
export function ComplimentBank({ studentName, busy, onPost }: ComplimentBankProps) {
  const bank = useComplimentBank();
  const [craft, setCraft] = useState<Craft | 'all'>('all');
  // Hundreds of elements, drawn when All compliments is opened.
  const bankBody = useDrawnWhenOpened();
  const [posting, setPosting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const live = useRef(true);
  const { deleted, setDeleted, heading, undo } = useUndo<DeletedCompliment>(
    ({ compliment }) => restoreCompliment(compliment),
    'The compliment couldn’t be put back.',
    (message) => live.current && setProblem(message),
    (restored) => void putBackInLists(restored),
  );
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );

  const all = useMemo(() => bankCompliments(bank.own), [bank.own]);
  const favourites = favouriteCompliments(all, bank.favourites);
  const favouriteIds = new Set(bank.favourites);
  const shown = orderCompliments(all, { favourites: bank.favourites, recent: bank.recent, craft });
  const fill = (compliment: BankCompliment): string => fillName(compliment.text, studentName);
  // One click posts at most one comment: nothing can be posted while a post is on its way.
  const postDisabled = busy || posting;

  const post = async (compliment: BankCompliment): Promise<void> => {
    if (postDisabled) return;
    setPosting(true);
    setProblem(null);
    try {
      if (!(await onPost(fill(compliment)))) return;
      try {
        bank.showSettings(await updateSettings((settings) => ({ recentCompliments: noteUsed(settings.recentCompliments, compliment.id) })));
      } catch (caught) {
        if (live.current) setProblem(`The compliment was posted, but Confer couldn’t note that you used it. ${describeStorageError(caught, 'none')}`);
      }
    } catch {
      if (live.current) setProblem('The compliment wasn’t posted. Try again.');
    } finally {
      if (live.current) setPosting(false);
    }
  };

  const toggleFavourite = (id: string): void => {
    setProblem(null);
    updateSettings((settings) => ({
      favouriteCompliments: settings.favouriteCompliments.includes(id) ? settings.favouriteCompliments.filter((known) => known !== id) : [...settings.favouriteCompliments, id],
    })).then(bank.showSettings, (caught: unknown) => live.current && setProblem(`The favourite isn’t saved. ${describeStorageError(caught)}`));
  };

  const edit = async (id: string, fields: NewCompliment): Promise<void> => {
    await updateCompliment(id, fields);
    bank.reload();
  };

  const remove = async (id: string): Promise<void> => {
    setProblem(null);
    const place = { favouriteAt: bank.favourites.indexOf(id), recentAt: bank.recent.indexOf(id) };
    try {
      const gone = await deleteCompliment(id);
      if (live.current && gone !== null) setDeleted({ compliment: gone, ...place });
    } catch (caught) {
      if (live.current) setProblem(`The compliment wasn’t deleted. ${describeStorageError(caught)}`);
      return;
    }
    try {
      const without = (ids: readonly string[]): string[] => ids.filter((known) => known !== id);
      if (bank.favourites.includes(id) || bank.recent.includes(id)) {
        bank.showSettings(await updateSettings((settings) => ({ favouriteCompliments: without(settings.favouriteCompliments), recentCompliments: without(settings.recentCompliments) })));
      }
    } catch {
      // The compliment is gone; an id left among the favourites is skipped wherever it is read.
    }
    bank.reload();
  };

  /** After Undo: the compliment goes back to its place among the favourites and recently used. */
  const putBackInLists = async ({ compliment, favouriteAt, recentAt }: DeletedCompliment): Promise<void> => {
    if (!live.current || (favouriteAt < 0 && recentAt < 0)) return;
    try {
      bank.showSettings(
        await updateSettings((settings) => ({
          favouriteCompliments: putBack(settings.favouriteCompliments, compliment.id, favouriteAt, LIMITS.favourites),
          recentCompliments: putBack(settings.recentCompliments, compliment.id, recentAt, RECENT_COMPLIMENTS),
        })),
      );
    } catch (caught) {
      if (live.current) setProblem(`The compliment is back, but not in its place among your favourites. ${describeStorageError(caught, 'none')}`);
    }
  };

  const add = async (fields: NewCompliment): Promise<string> => {
    await addCompliment(fields);
    bank.reload();
    return `Added under ${CRAFT_LABELS[fields.craft]}, in All compliments above.`;
  };

  return (
    <section class="section compliments" aria-labelledby="compliments-heading">
      <h2 id="compliments-heading" ref={heading} tabIndex={-1}>
        Compliments
      </h2>
      {bank.error !== null && (
        <p class="hint hint-error" role="alert">
          Your own compliments and favourites can’t be shown. {bank.error}
        </p>
      )}

      {favourites.length > 0 ? (
        <ul class="compliment-favourites" aria-label="Favourite compliments">
          {favourites.map((compliment) => (
            <li key={compliment.id}>
              <button type="button" class="compliment-favourite" dir="auto" aria-disabled={postDisabled || undefined} onClick={() => void post(compliment)}>
                {fill(compliment)}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        bank.loaded && <p class="hint">No favourites yet. Open All compliments below and star (☆) the ones you use most: they wait here, one click away.</p>
      )}
      {problem !== null && (
        <p class="hint hint-error" role="alert">
          {problem}
        </p>
      )}
      {deleted !== null && (
        <UndoBar key={deleted.compliment.id} message="Compliment deleted." undoName={`Undo: put back the compliment “${fillName(deleted.compliment.text, studentName)}”`} onUndo={undo} />
      )}

      <details class="compliment-bank" onToggle={bankBody.onToggle}>
        <summary>All compliments ({all.length})</summary>
        {bankBody.drawn && (
          <div class="compliment-bank-body">
            <div class="compliment-filter">
              <label for="compliments-craft">Craft</label>
              <select id="compliments-craft" value={craft} onChange={(event) => setCraft(event.currentTarget.value as Craft | 'all')}>
                <option value="all">All crafts</option>
                <CraftOptions />
              </select>
            </div>
            {shown.length === 0 ? (
              <p class="summary">No compliments for this craft yet. Add your own below.</p>
            ) : (
              <ul class="compliments-list" aria-label={craft === 'all' ? 'All compliments' : `${CRAFT_LABELS[craft]} compliments`}>
                {shown.map((compliment) => (
                  <ComplimentItem
                    key={compliment.id}
                    compliment={compliment}
                    filled={fill(compliment)}
                    favourite={favouriteIds.has(compliment.id)}
                    postDisabled={postDisabled}
                    onPost={() => void post(compliment)}
                    onFavourite={() => toggleFavourite(compliment.id)}
                    onEdit={(fields) => edit(compliment.id, fields)}
                    onDelete={() => void remove(compliment.id)}
                  />
                ))}
              </ul>
            )}
          </div>
        )}
      </details>

      <details class="compliment-add">
        <summary>Add your own compliment</summary>
        <ComplimentEditor
          label="Your compliment"
          saveLabel="Add compliment"
          blankMessage="Type the compliment first, then press Add compliment."
          clearOnSave
          onSave={add}
        />
      </details>

    </section>
  );
}
