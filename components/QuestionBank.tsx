import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { KIND_LABELS } from '../lib/conference-view';
import { PHASE_LABELS, bankQuestions, filterQuestions, followUpQuestion, type BankQuestion } from '../lib/question-bank';
import { LIMITS, QUESTION_PHASES, type AskedQuestion, type ConferenceKind, type Question, type QuestionPhase } from '../lib/notebook/model';
import { addQuestion, deleteQuestion, listQuestions, restoreQuestion, updateQuestion, updateSettings } from '../lib/notebook/notebook';
import { describeStorageError } from '../lib/notebook/storage-errors';
import { useBank } from './use-bank';
import { UndoBar } from './UndoBar';
import { useUndo } from './use-undo';
import { useFocusBack } from './use-focus-back';

export interface QuestionBankProps {
  kind: ConferenceKind;
  phase: QuestionPhase | 'all';
  onPhase(phase: QuestionPhase | 'all'): void;
  /** The last conference's teaching point, for the follow-up question. */
  lastFocus: string | null;
  asked: readonly AskedQuestion[];
  onAsked(text: string, asked: boolean): void;
}

function QuestionItem({
  question,
  asked,
  favourite,
  onAsked,
  onFavourite,
  onChanged,
  onDelete,
  onProblem,
}: {
  question: BankQuestion;
  asked: boolean;
  /** `null`: this question can't be a favourite (the follow-up changes every time). */
  favourite: boolean | null;
  onAsked(asked: boolean): void;
  onFavourite(): void;
  onChanged(): void;
  onDelete(): void;
  onProblem(message: string): void;
}) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(question.text);
  // The keyboard goes into the edit box when it opens, and back to Edit when it closes.
  const editButton = useFocusBack(editing);
  const editBox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (editing) editBox.current?.focus();
  }, [editing]);
  const save = (): void => {
    const clean = text.trim();
    if (clean === '') return onProblem('A question can’t be empty. Delete it instead.');
    updateQuestion(question.id, { text: clean }).then(
      () => {
        setEditing(false);
        onChanged();
      },
      (caught: unknown) => onProblem(`The question isn’t saved. ${describeStorageError(caught)}`),
    );
  };
  if (editing) {
    return (
      <li class="question question-editing">
        <input
          type="text"
          dir="auto"
          aria-label="Edit question"
          ref={editBox}
          value={text}
          maxLength={LIMITS.questionText}
          onInput={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            // While an input method composes a word, Enter and Escape are its own.
            if (event.isComposing) return;
            if (event.key === 'Enter') save();
            if (event.key === 'Escape') setEditing(false);
          }}
        />
        <button type="button" class="button-quiet" onClick={save}>
          Save
        </button>
        <button type="button" class="button-quiet" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </li>
    );
  }
  return (
    <li class={asked ? 'question question-asked' : 'question'}>
      {favourite !== null && (
        <button type="button" class="star" aria-pressed={favourite} aria-label={`Favourite: ${question.text}`} onClick={onFavourite}>
          {favourite ? '★' : '☆'}
        </button>
      )}
      <span class="question-text" dir="auto">
        {question.text}
      </span>
      {/* A toggle: its visible word stays "Asked" (the name must contain what is shown); the tick shows it is on. */}
      <button type="button" class="ask" aria-pressed={asked} aria-label={`Asked: ${question.text}`} onClick={() => onAsked(!asked)}>
        <span aria-hidden="true">{asked ? '✓ ' : ''}</span>Asked
      </button>
      {question.own && (
        <span class="own-actions">
          <button
            type="button"
            class="button-quiet"
            ref={editButton}
            aria-label={`Edit question: ${question.text}`}
            onClick={() => {
              // The question as it is now (changed in another tab, perhaps), not words cancelled before.
              setText(question.text);
              setEditing(true);
            }}
          >
            Edit
          </button>
          <button type="button" class="button-quiet" aria-label={`Delete question: ${question.text}`} onClick={onDelete}>
            Delete
          </button>
        </span>
      )}
    </li>
  );
}

/**
 * Questions for the conference: they follow the phase the teacher is in and the kind of conference
 * chosen; search looks through all of them. Marking one asked logs it in the conference.
 */
export function QuestionBank({ kind, phase, onPhase, lastFocus, asked, onAsked }: QuestionBankProps) {
  const bank = useBank(listQuestions);
  const favourites = useMemo(() => new Set<string>(bank.settings?.favouriteQuestions), [bank.settings]);
  const [search, setSearch] = useState('');
  const [newQuestion, setNewQuestion] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { deleted, setDeleted, heading, undo } = useUndo<Question>((question) => restoreQuestion(question), 'The question couldn’t be put back.', setProblem);
  const all = useMemo(() => bankQuestions(bank.own), [bank.own]);
  const shown = filterQuestions(all, { search, phase, kind, favourites });
  const askedTexts = new Set(asked.map((question) => question.text));
  const followUp = followUpQuestion(lastFocus);

  const toggleFavourite = (id: string): void => {
    updateSettings((settings) => ({
      favouriteQuestions: settings.favouriteQuestions.includes(id) ? settings.favouriteQuestions.filter((known) => known !== id) : [...settings.favouriteQuestions, id],
    })).then(bank.reload, (caught: unknown) => setProblem(`The favourite isn’t saved. ${describeStorageError(caught)}`));
  };

  const add = (): void => {
    const text = newQuestion.trim();
    if (text === '') return setProblem('Type the question first, then press Add question.');
    addQuestion({ text, phase: phase === 'all' ? 'opening' : phase, kinds: [] }).then(
      () => {
        setNewQuestion('');
        setProblem(null);
        bank.reload();
      },
      (caught: unknown) => setProblem(`The question isn’t saved. ${describeStorageError(caught)} It’s still in the box.`),
    );
  };

  const remove = (id: string): void => {
    setProblem(null);
    deleteQuestion(id).then(setDeleted, (caught: unknown) => setProblem(`The question wasn’t deleted. ${describeStorageError(caught)}`));
  };

  return (
    <section class="section" aria-labelledby="questions-heading">
      <h2 id="questions-heading" ref={heading} tabIndex={-1}>
        Questions
      </h2>
      <div class="question-filters">
        <input type="search" class="search" aria-label="Search questions" placeholder="Search questions" value={search} onInput={(event) => setSearch(event.currentTarget.value)} />
        <select aria-label="Conference phase" value={phase} disabled={search.trim() !== ''} onChange={(event) => onPhase(event.currentTarget.value as QuestionPhase | 'all')}>
          <option value="all">All phases</option>
          {QUESTION_PHASES.map((value) => (
            <option key={value} value={value}>
              {PHASE_LABELS[value]}
            </option>
          ))}
        </select>
      </div>
      <p class="hint">{search.trim() !== '' ? `${shown.length} found in every phase` : `For a ${KIND_LABELS[kind].name.toLowerCase()} conference`}</p>
      {bank.error !== null && (
        <p class="hint hint-error" role="alert">
          Your own questions can’t be shown. {bank.error}
        </p>
      )}
      {deleted !== null && <UndoBar key={deleted.id} message="Question deleted." undoName={`Undo: put back the question “${deleted.text}”`} onUndo={undo} />}
      {followUp !== null && search.trim() === '' && (
        <div class="follow-up-question">
          <span class="label">Follow-up</span>
          <ul class="questions">
            <QuestionItem
              question={{ id: 'follow-up', text: followUp, phase: 'opening', kinds: [], own: false }}
              asked={askedTexts.has(followUp)}
              favourite={null}
              onAsked={(value) => onAsked(followUp, value)}
              onFavourite={() => undefined}
              onChanged={bank.reload}
              onDelete={() => undefined}
              onProblem={setProblem}
            />
          </ul>
        </div>
      )}
      {shown.length === 0 ? (
        <p class="summary">{search.trim() !== '' ? 'No question has those words.' : 'No questions for this phase yet. Add your own below.'}</p>
      ) : (
        <ul class="questions" aria-label="Questions to ask">
          {shown.map((question) => (
            <QuestionItem
              key={question.id}
              question={question}
              asked={askedTexts.has(question.text)}
              favourite={favourites.has(question.id)}
              onAsked={(value) => onAsked(question.text, value)}
              onFavourite={() => toggleFavourite(question.id)}
              onChanged={bank.reload}
              onDelete={() => remove(question.id)}
              onProblem={setProblem}
            />
          ))}
        </ul>
      )}
      <div class="new-question">
        <input
          type="text"
          dir="auto"
          aria-label="New question"
          placeholder="Your own question"
          maxLength={LIMITS.questionText}
          value={newQuestion}
          onInput={(event) => setNewQuestion(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.isComposing) {
              event.preventDefault();
              add();
            }
          }}
        />
        <button type="button" class="button-tonal" onClick={add}>
          Add question
        </button>
      </div>
      {problem !== null && (
        <p class="hint hint-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
