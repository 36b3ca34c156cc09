import { KIND_LABELS, daysAgo, shortDate } from '../lib/conference-view';
import type { Conference } from '../lib/notebook/model';
import { Notice } from './Notice';
import type { HistoryState } from './use-document-history';

function ConferenceEntry({ conference, now }: { conference: Conference; now: number }) {
  const details: [string, string][] = (
    [
      ['Research', conference.research],
      ['Compliment', conference.compliment],
      ['Next step', conference.nextStep],
      ['Notes', conference.notes],
    ] as [string, string][]
  ).filter(([, text]) => text.trim() !== '');
  return (
    <li class="history-entry">
      <details>
        <summary>
          <span class="entry-date">{shortDate(conference.startedAt, now)}</span>
          <span class="entry-kind">
            {KIND_LABELS[conference.kind].name}
            {conference.group ? ' · group' : ''}
            {conference.peer ? ' · peer' : ''}
          </span>
          <span class="entry-focus" dir="auto">
            {conference.focus.trim() === '' ? 'No teaching point written' : conference.focus}
          </span>
        </summary>
        <dl class="entry-details">
          {details.map(([label, text]) => [
            <dt key={`${label}-t`}>{label}</dt>,
            <dd key={`${label}-d`} dir="auto">
              {text}
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
        </dl>
      </details>
    </li>
  );
}

/** The document's conferences at a glance: when the last one was, and each one, newest first. */
export function HistoryList({ state, now }: { state: HistoryState; now: number }) {
  return (
    <section class="section" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {state.status === 'loading' && <p class="hint">Opening the notebook…</p>}
      {state.status === 'failed' && (
        <Notice tone="warning" title="Confer can’t open this document’s history">
          {state.message}
        </Notice>
      )}
      {state.status === 'ready' &&
        (state.history.conferences.length === 0 ? (
          <p class="summary">No conferences yet.</p>
        ) : (
          <>
            <p class="summary">Last conference: {daysAgo(state.history.conferences[0]!.startedAt, now)}</p>
            <ol class="history" aria-label="Past conferences, newest first">
              {state.history.conferences.map((conference) => (
                <ConferenceEntry key={conference.id} conference={conference} now={now} />
              ))}
            </ol>
          </>
        ))}
    </section>
  );
}
