import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PanelBrowser } from './panel-browser';
import { conferencesNewestFirst, followUpSeed, summariseHistory } from '../lib/conference-view';
import type { DocRef } from '../lib/doc-ref';
import { LIMITS, type Conference, type QuestionPhase } from '../lib/notebook/model';
import { noteDocumentOpened, setDocumentStudent, type OpeningView } from '../lib/notebook/notebook';
import { requestPersistentStorage } from '../lib/notebook/persistence';
import { CommentStatus } from './CommentStatus';
import { ComplimentBank } from './ComplimentBank';
import { ConferenceForm } from './ConferenceForm';
import { MarginComments } from './MarginComments';
import { HistoryList } from './HistoryList';
import { QuestionBank } from './QuestionBank';
import { StudentField } from './StudentField';
import { useConferenceDraft } from './use-conference-draft';
import { useDocumentHistory, type HistoryState } from './use-document-history';
import { useMarginComment } from './use-margin-comment';
import { guessStudentName } from '../lib/student-name';

// For the panel, which opens the notebook as soon as this half of it has loaded (Panel.tsx).
export { openNotebookEarly } from '../lib/notebook/notebook';

const openFailed = (error: unknown): void => console.error('Confer: the notebook page (back up, restore) did not open.', error);

/** Asked once per panel page: that the browser never evicts the notebook when disk space runs low. */
let persistenceAsked = false;

/**
 * The student, their history, the conference being held, margin comments and the question bank,
 * for one document. `title`: `undefined` until Docs' page says it (the notebook opens meanwhile).
 * `opening`: History and the draft as the background read them ahead, shown until the panel's own
 * reads arrive (opening-views.ts).
 */
export function DocumentNotebook({
  browser,
  doc,
  title,
  opening,
}: {
  browser: PanelBrowser;
  doc: DocRef;
  title: string | null | undefined;
  opening?: OpeningView | null;
}) {
  const suggestedName = guessStudentName(title ?? null);
  const history = useDocumentHistory(doc.docId, suggestedName, opening ?? null);

  // A conference saved while the Student field still shows the title's suggestion is the
  // suggested student's: accepting it by saving is what a teacher means.
  const suggestion = useRef<string | null>(null);
  // The teacher cleared or replaced the suggested name: it no longer stands for the student (no
  // history of theirs, no compliment in their name) until a name is saved or suggested again.
  const [suggestionDismissed, setSuggestionDismissed] = useState(false);
  const onSuggestionShown = (name: string | null): void => {
    if (name !== null) setSuggestionDismissed(false);
    else if (suggestion.current !== null) setSuggestionDismissed(true);
    suggestion.current = name;
  };
  const draft = useConferenceDraft(
    doc.docId,
    async () => {
      if (suggestion.current !== null) await setDocumentStudent(doc, suggestion.current);
    },
    opening?.docId === doc.docId ? opening.draft : undefined,
  );
  const [phase, setPhase] = useState<QuestionPhase | 'all'>('opening');

  // Every comment posted is part of the conference being held. A posted compliment is also its
  // compliment, unless the teacher has already written one (or it is longer than that field holds).
  const marginComment = useMarginComment(browser, doc.docId, (comment, kind) =>
    draft.change((content) => ({
      comments: [...content.comments, comment],
      ...(kind === 'compliment' && content.compliment.trim() === '' && comment.text.length <= LIMITS.shortText ? { compliment: comment.text } : {}),
    })),
  );
  const posting = marginComment.state.status === 'posting';

  // Keep the notebook's record of the document: its latest title, when it was last opened.
  useEffect(() => {
    if (title === undefined) return;
    noteDocumentOpened(doc, title).catch((error: unknown) => console.warn('Confer: could not note that this document was opened.', error));
  }, [doc.docId, title]);

  useEffect(() => {
    if (persistenceAsked) return;
    persistenceAsked = true;
    requestPersistentStorage().catch((error: unknown) => console.warn('Confer: could not ask for persistent storage.', error));
  }, []);

  // "N days ago" and "this month" are counted from when the history was read (in the same render,
  // so a conference just saved is never "in the future").
  const now = history.status === 'ready' ? history.history.readAt : Date.now();
  // Not known until the history is read; if it can't be read, still not known: the Student field
  // waits rather than offering the title's guess, which saving would link the document to.
  const savedName = history.status === 'ready' ? (history.history.students[0]?.name ?? null) : undefined;
  // The name compliments are written to: the student's, or the suggestion while it is shown; none
  // when who the document belongs to isn't known (a wrong name would be posted into the document).
  const complimentName = savedName === undefined ? null : (savedName ?? (suggestionDismissed ? null : suggestedName));
  // A student only the title names: their conferences on other documents stay out of History
  // until the teacher confirms the name. Whoever can edit a document can retitle it with another
  // student's name, and that student's records must not be shown to them on its strength.
  const shownHistory: HistoryState = useMemo(
    () =>
      history.status === 'ready' && history.history.suggested !== null
        ? { status: 'ready', history: { ...history.history, suggested: suggestionDismissed ? null : history.history.suggested, others: { conferences: [], documents: [] } } }
        : history,
    [history, suggestionDismissed],
  );
  const unconfirmed = shownHistory.status === 'ready' ? shownHistory.history.suggested : null;
  const unconfirmedElsewhere = unconfirmed !== null && history.status === 'ready' ? history.history.others.conferences.length : 0;
  const lastFocus = useMemo(
    () => (shownHistory.status === 'ready' ? (summariseHistory(conferencesNewestFirst(shownHistory.history), now).followUp?.focus ?? null) : null),
    [shownHistory, now],
  );

  // Every keystroke draws this component again. History (which may hold hundreds of conferences),
  // the compliments and the questions are drawn again only when what they show changes: each is
  // kept as the same element while its inputs are unchanged, which Preact skips
  // (https://github.com/preactjs/preact/blob/10.x/src/diff/index.js, `_original`). Their
  // handlers read the draft and the comment poster of the latest render from here.
  const latest = useRef({ draft, post: marginComment.post });
  latest.current = { draft, post: marginComment.post };

  const followUp = (last: Conference): void => {
    const { draft } = latest.current;
    const seed = followUpSeed(last);
    // What the teacher already typed stays, after the follow-up line.
    draft.change((content) => ({ ...seed, research: `${seed.research ?? ''}${content.research}` }));
    setPhase('opening');
    // Once the seeded text is rendered: the caret goes to the end of it, ready to type.
    requestAnimationFrame(() => {
      const field = document.getElementById('conference-research') as HTMLTextAreaElement | null;
      field?.focus();
      field?.setSelectionRange(field.value.length, field.value.length);
    });
  };

  const historyList = useMemo(
    () => (
      <HistoryList
        state={shownHistory}
        now={now}
        onFollowUp={followUp}
        toConfirm={unconfirmed === null || unconfirmedElsewhere === 0 ? null : { name: unconfirmed.name, elsewhere: unconfirmedElsewhere, confirm: () => setDocumentStudent(doc, unconfirmed.name) }}
      />
    ),
    [shownHistory, now, unconfirmed, unconfirmedElsewhere, doc],
  );
  const complimentBank = useMemo(
    () => <ComplimentBank studentName={complimentName} busy={posting} onPost={(text) => latest.current.post(text, 'compliment')} />,
    [complimentName, posting],
  );
  const { kind, questionsAsked } = draft.content;
  const questionBank = useMemo(
    () => (
      <QuestionBank
        kind={kind}
        phase={phase}
        onPhase={setPhase}
        lastFocus={lastFocus}
        asked={questionsAsked}
        onAsked={(text, asked) =>
          latest.current.draft.change(({ questionsAsked }) => {
            const others = questionsAsked.filter((question) => question.text !== text);
            return { questionsAsked: asked ? [...others, { text, at: Date.now() }] : others };
          })
        }
      />
    ),
    [kind, phase, lastFocus, questionsAsked],
  );

  return (
    <>
      <StudentField doc={doc} title={title} savedName={savedName} onSuggestionShown={onSuggestionShown} />
      {historyList}
      <ConferenceForm draft={draft} onPhase={setPhase} />
      {complimentBank}
      <MarginComments docId={doc.docId} content={draft.content} busy={posting} onPost={(text) => marginComment.post(text, 'comment')} />
      {questionBank}
      <CommentStatus state={marginComment.state} onDismiss={marginComment.dismiss} />
      <footer class="section">
        <button type="button" class="button-quiet" onClick={() => void browser.runtime.sendMessage({ type: 'confer:open-notebook-page' }).catch(openFailed)}>
          Back up or restore your notes
        </button>
      </footer>
    </>
  );
}
