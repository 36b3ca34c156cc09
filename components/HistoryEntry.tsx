import { useState } from 'preact/hooks';
import { KIND_LABELS, TEXT_FIELDS, conferenceHeadline, shortDate } from '../lib/conference-view';
import type { Conference } from '../lib/notebook/model';
import { EditConference } from './EditConference';
import { PostedCommentLine } from './PostedCommentLine';
import { useDrawnWhenOpened } from './use-drawn-when-opened';
import { useFocusBack } from './use-focus-back';

/** One past conference: date, kind and teaching point (or what it left instead); opened, everything else it recorded. */
export function HistoryEntry({
  conference,
  now,
  documentTitle,
  deleting,
  onDelete,
}: {
  conference: Conference;
  now: number;
  /** Set when the conference was on another of the student's documents. */
  documentTitle: string | null;
  /** It is being deleted: the button says so (and keeps the keyboard focus). */
  deleting: boolean;
  onDelete(conference: Conference): void;
}) {
  // History shows up to 20 entries at once: what each recorded is drawn when it is opened.
  const body = useDrawnWhenOpened();
  const [editing, setEditing] = useState(false);
  const editButton = useFocusBack(editing);
  // What it recorded besides the teaching point (the headline).
  const details = TEXT_FIELDS.filter(({ field }) => field !== 'focus' && conference[field].trim() !== '');
  const date = shortDate(conference.startedAt, now);
  const headline = conferenceHeadline(conference);

  return (
    <li class="history-entry">
      <details onToggle={body.onToggle}>
        <summary>
          <span class="entry-date">{date}</span>
          <span class="entry-kind">
            {KIND_LABELS[conference.kind].name}
            {conference.group ? ' · group' : ''}
            {conference.peer ? ' · peer' : ''}
          </span>
          <span class={headline.label === null ? 'entry-focus' : 'entry-focus entry-left'} dir="auto">
            {headline.label === null ? (
              headline.text
            ) : (
              // The label sets the line's direction; the teacher's words keep their own.
              <>
                <span class="label">{headline.label}:</span> <bdi>{headline.text}</bdi>
              </>
            )}
          </span>
          {documentTitle !== null && (
            <span class="entry-doc" dir="auto">
              on {documentTitle}
            </span>
          )}
        </summary>
        {body.drawn &&
          (editing ? (
            <EditConference conference={conference} onDone={() => setEditing(false)} />
          ) : (
            <div class="entry-body">
              {details.length === 0 && conference.questionsAsked.length === 0 && conference.comments.length === 0 ? (
                <p class="hint">Nothing else was written down.</p>
              ) : (
                <dl class="entry-details">
                  {details.map(({ field, label }) => [
                    <dt key={`${field}-t`}>{label}</dt>,
                    <dd key={`${field}-d`} dir="auto">
                      {conference[field]}
                    </dd>,
                  ])}
                  {conference.questionsAsked.length > 0 && [
                    <dt key="q-t">Questions asked</dt>,
                    <dd key="q-d">
                      <ul>
                        {conference.questionsAsked.map((question, index) => (
                          <li key={index} dir="auto">
                            {question.text}
                          </li>
                        ))}
                      </ul>
                    </dd>,
                  ]}
                  {conference.comments.length > 0 && [
                    <dt key="c-t">Comments posted</dt>,
                    <dd key="c-d">
                      <ul>
                        {conference.comments.map((comment, index) => (
                          <PostedCommentLine key={index} comment={comment} />
                        ))}
                      </ul>
                    </dd>,
                  ]}
                </dl>
              )}
              <div class="entry-actions">
                <button type="button" class="button-quiet" ref={editButton} onClick={() => setEditing(true)} aria-label={`Edit conference from ${date}`}>
                  Edit
                </button>
                <button
                  type="button"
                  class="button-quiet"
                  aria-disabled={deleting || undefined}
                  onClick={() => onDelete(conference)}
                  aria-label={deleting ? `Deleting conference from ${date}…` : `Delete conference from ${date}`}
                >
                  {deleting ? 'Deleting…' : 'Delete'}
                </button>
              </div>
            </div>
          ))}
      </details>
    </li>
  );
}
