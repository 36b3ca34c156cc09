import { useEffect, useRef, useState } from 'preact/hooks';
import { conferencesNewestFirst, shortDate, summariseHistory } from '../lib/conference-view';
import type { Conference } from '../lib/notebook/model';
import { deleteConference, restoreConference, type DeletedConference } from '../lib/notebook/notebook';
import { describeStorageError } from '../lib/notebook/storage-errors';
import { HistoryEntry } from './HistoryEntry';
import { Notice } from './Notice';
import { UndoBar } from './UndoBar';
import { useUndo } from './use-undo';
import type { HistoryState } from './use-document-history';

/** A known student the document's title names, whose conferences on other documents wait for the teacher to confirm them. */
export interface StudentToConfirm {
  name: string;
  /** How many conferences they have on other documents. */
  elsewhere: number;
  /** Links the document to them. */
  confirm(): Promise<unknown>;
}

/**
 * The student's conferences at a glance: when the last one was, how many this month, what to
 * follow up on, and each conference (on this document and their others), newest first.
 */
export function HistoryList({
  state,
  now,
  onFollowUp,
  toConfirm = null,
}: {
  state: HistoryState;
  now: number;
  onFollowUp(conference: Conference): void;
  toConfirm?: StudentToConfirm | null;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const { deleted, setDeleted, heading, undo } = useUndo<DeletedConference>((gone) => restoreConference(gone), 'The conference couldn’t be put back.', setProblem);

  /**
   * The conference being deleted. Deleting a student's latest one reads every conference to find
   * the next latest (about 1 s in a notebook of 30,000), so the button says so meanwhile, and a
   * second click does nothing rather than report the conference "already deleted".
   */
  const [deleting, setDeleting] = useState<string | null>(null);
  const remove = (conference: Conference): void => {
    if (deleting !== null) return;
    setProblem(null);
    setDeleting(conference.id);
    deleteConference(conference.docId, conference.id)
      .then(
        (gone) => setDeleted(gone),
        (error: unknown) => setProblem(`The conference wasn’t deleted. ${describeStorageError(error)}`),
      )
      .finally(() => setDeleting(null));
  };

  const deletedOn = deleted === null ? '' : shortDate(deleted.conference.startedAt, now);

  return (
    <section class="section" aria-labelledby="history-heading">
      <h2 id="history-heading" ref={heading} tabIndex={-1}>
        History
      </h2>
      {state.status === 'loading' && <p class="hint">Opening the notebook…</p>}
      {state.status === 'failed' && (
        <Notice tone="warning" title="Confer can’t open this document’s history">
          {state.message}
          <div class="notice-actions">
            {/* The notice goes while History is read again: the keyboard waits at its heading. */}
            <button
              type="button"
              class="button-tonal"
              onClick={() => {
                heading.current?.focus();
                state.retry();
              }}
            >
              Try again
            </button>
          </div>
        </Notice>
      )}
      {deleted !== null && (
        <UndoBar key={deleted.conference.id} message={`Conference from ${deletedOn} deleted.`} undoName={`Undo: put back the conference from ${deletedOn}`} onUndo={undo} />
      )}
      {problem !== null && (
        <p class="hint hint-error" role="alert">
          {problem}
        </p>
      )}
      {state.status === 'ready' && toConfirm !== null && (
        <div class="confirm-student">
          <p dir="auto">
            The title names {toConfirm.name}, who has {toConfirm.elsewhere} {toConfirm.elsewhere === 1 ? 'conference' : 'conferences'} on other documents. They show here once you confirm
            this is their document: anyone who can edit a document can change its title.
          </p>
          <button
            type="button"
            class="button-tonal"
            onClick={(event) => {
              setProblem(null);
              // The button goes once the name is confirmed: the keyboard goes to History's heading
              // (unless the teacher has moved on meanwhile).
              const button = event.currentTarget;
              toConfirm.confirm().then(
                () => (document.activeElement === button || document.activeElement === document.body) && heading.current?.focus(),
                (error: unknown) => setProblem(`The student isn’t saved yet. ${describeStorageError(error)}`),
              );
            }}
          >
            Confirm: {toConfirm.name}
          </button>
        </div>
      )}
      {state.status === 'ready' && <HistoryBody state={state} now={now} deleting={deleting} onFollowUp={onFollowUp} onDelete={remove} />}
    </section>
  );
}

/**
 * How many conferences the timeline lists at first, newest first; a button lists the rest. A
 * student seen every week has 30 or 40 in a year, and drawing each one costs the panel time as
 * it opens (npm run bench: 200 past conferences).
 */
export const CONFERENCES_LISTED_AT_FIRST = 20;

function HistoryBody({
  state,
  now,
  deleting,
  onFollowUp,
  onDelete,
}: {
  state: Extract<HistoryState, { status: 'ready' }>;
  now: number;
  /** The id of the conference being deleted, if one is. */
  deleting: string | null;
  onFollowUp(conference: Conference): void;
  onDelete(conference: Conference): void;
}) {
  const { others } = state.history;
  const titles = new Map(others.documents.map((document) => [document.docId, document.title ?? 'Untitled document']));
  const all = conferencesNewestFirst(state.history);
  const summary = summariseHistory(all, now);
  const { followUp } = summary;
  // Until the teacher lists them all, 0; then how many were listed before (where the rest begin).
  const [listedAll, setListedAll] = useState(0);
  // The first 20, and any listed before: a conference saved meanwhile goes on top without pushing
  // the oldest listed one off the list (the teacher may be editing it).
  const [listedBefore] = useState(() => new Set<string>());
  const listed = listedAll ? all : all.filter((conference, index) => index < CONFERENCES_LISTED_AT_FIRST || listedBefore.has(conference.id));
  for (const conference of listed) listedBefore.add(conference.id);
  const older = all.length - listed.length;
  // Once the rest are listed, the button is gone: the keyboard goes on to the first of them.
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (listedAll) list.current?.querySelectorAll('summary')[listedAll]?.focus();
  }, [listedAll]);

  if (all.length === 0) return <p class="summary">No conferences yet. Start one below.</p>;
  return (
    <>
      <p class="summary">
        {summary.lastConference} · {summary.thisMonth} this month
      </p>
      {followUp !== null && (
        <div class="last-time">
          <p dir="auto">
            {/* With no teaching point, the next step is what there is to follow up. */}
            <span class="label">
              {followUp.latest ? 'Last time' : `On ${shortDate(followUp.conference.startedAt, now)}`}
              {followUp.focus === null ? ', next step:' : ':'}
            </span>{' '}
            {/* Each text in its own direction (a teaching point in Arabic, say), between English labels. */}
            <bdi>{followUp.focus ?? followUp.nextStep}</bdi>
            {followUp.focus !== null && followUp.nextStep !== null && (
              <>
                {' '}
                <span aria-hidden="true">→</span>
                <span class="visually-hidden">, </span> <span class="label">next:</span> <bdi>{followUp.nextStep}</bdi>
              </>
            )}
          </p>
          <button type="button" class="button-tonal" onClick={() => onFollowUp(followUp.conference)}>
            Follow up
          </button>
        </div>
      )}
      <ol class="history" aria-label="Past conferences, newest first" ref={list}>
        {listed.map((conference) => (
          <HistoryEntry
            key={conference.id}
            conference={conference}
            now={now}
            documentTitle={titles.get(conference.docId) ?? null}
            deleting={deleting === conference.id}
            onDelete={onDelete}
          />
        ))}
      </ol>
      {older > 0 && (
        <button type="button" class="button-quiet history-more" onClick={() => setListedAll(listed.length)}>
          Show {older} older {older === 1 ? 'conference' : 'conferences'}
        </button>
      )}
    </>
  );
}
