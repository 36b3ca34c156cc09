/**
 * Words the panel shows about conferences: kinds, dates relative to today, and whether a
 * conference has anything in it yet. Pure, so they are tested without a browser.
 */
import { LIMITS, type Conference, type ConferenceContent, type ConferenceKind, type QuestionPhase } from './notebook/model';

export const KIND_LABELS: Record<ConferenceKind, { name: string; about: string }> = {
  compliment: { name: 'Compliment', about: 'getting to know the writer' },
  rehearsal: { name: 'Rehearsal', about: 'getting started, ideas, planning' },
  expectation: { name: 'Expectation', about: 'habits, stamina, working on their own' },
  content: { name: 'Content', about: 'focus, organisation, details, leads and endings' },
  convention: { name: 'Convention', about: 'spelling, punctuation, writing for readers' },
};

/** A conference's written parts, in the order of the talk. */
export type TextField = 'research' | 'compliment' | 'focus' | 'nextStep' | 'notes';

/**
 * Each written part: its label, its limit, the hint under its box in the conference form, and the
 * phase of the talk it is (the question bank follows the one in use). The conference form, the
 * editor of a past conference and History's entries all list them from here.
 */
export const TEXT_FIELDS: { field: TextField; label: string; hint: string; rows: number; max: number; phase: QuestionPhase | null }[] = [
  { field: 'research', label: 'Research', hint: 'What the writer says they’re working on.', rows: 2, max: LIMITS.longText, phase: 'opening' },
  { field: 'compliment', label: 'Compliment', hint: 'One specific thing that works, and why.', rows: 2, max: LIMITS.shortText, phase: 'compliment' },
  { field: 'focus', label: 'Teaching point', hint: 'One thing to teach today.', rows: 2, max: LIMITS.focus, phase: 'teaching' },
  { field: 'nextStep', label: 'Next step', hint: 'What the writer will do next.', rows: 2, max: LIMITS.shortText, phase: 'next-step' },
  { field: 'notes', label: 'Notes', hint: 'Private: never posted in the document.', rows: 3, max: LIMITS.longText, phase: null },
];

/** About how long the ONE teaching point should be: a sentence the writer can remember. */
export const FOCUS_SUGGESTED_LENGTH = 140;

/**
 * Said under a text box that is full. Its `maxLength` stops typing there and cuts a longer paste
 * at the limit, which the browser does without a word.
 */
export const boxFullText = (label: string, max: number): string => `${label} is full at ${max.toLocaleString('en')} characters: anything past that wasn’t added.`;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole calendar days between two moments, in the teacher's time zone. */
export function calendarDaysBetween(earlier: number, later: number): number {
  const start = new Date(earlier);
  const end = new Date(later);
  const startDay = Date.UTC(start.getFullYear(), start.getMonth(), start.getDate());
  const endDay = Date.UTC(end.getFullYear(), end.getMonth(), end.getDate());
  return Math.round((endDay - startDay) / DAY_MS);
}

/** "today", "yesterday", "3 days ago"; a future date (a wrong clock) reads as "today". */
export function daysAgo(at: number, now: number): string {
  const days = calendarDaysBetween(at, now);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}

/**
 * The timeline's date formats, made once per locale: `toLocaleDateString` makes a new formatter on
 * every call (about 0.25 ms each in Chromium here), which for a history of 200 conferences was
 * the largest part of drawing it.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string | undefined, withYear: boolean): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${withYear}`;
  let format = dateFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', ...(withYear ? { year: 'numeric' } : {}) });
    dateFormats.set(key, format);
  }
  return format;
}

/** A short date for the timeline, e.g. "Mon 3 Nov" (with the year when it isn't this year). */
export function shortDate(at: number, now: number, locale?: string): string {
  const date = new Date(at);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return dateFormat(locale, !sameYear).format(date);
}

/** What the top of History says about a student's conferences (`conferences` newest first). */
export interface HistorySummary {
  /** "Last conference: 3 days ago", or "No conferences yet". */
  lastConference: string;
  /** Conferences since the first of this month. */
  thisMonth: number;
  /**
   * What to follow up on: the newest conference that left a teaching point or a next step, with
   * them, and whether it is the newest of all. One saved with neither (a quick check on how the
   * writing is going, say) doesn't hide what the writer was last taught. `null` when none did.
   */
  followUp: { conference: Conference; focus: string | null; nextStep: string | null; latest: boolean } | null;
}

/**
 * The conferences History shows, this document's and the student's others, newest first. The
 * timeline, its "Last time" box and the question bank's follow-up question are all taken from
 * this one list, so they agree.
 */
export function conferencesNewestFirst(history: { conferences: readonly Conference[]; others: { conferences: readonly Conference[] } }): Conference[] {
  return [...history.conferences, ...history.others.conferences].sort((a, b) => b.startedAt - a.startedAt);
}

export function summariseHistory(conferences: readonly Conference[], now: number): HistorySummary {
  const latest = conferences[0];
  if (latest === undefined) return { lastConference: 'No conferences yet', thisMonth: 0, followUp: null };
  const today = new Date(now);
  const monthStart = new Date(today.getFullYear(), today.getMonth(), 1).getTime();
  const blankToNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());
  const taught = conferences.find((conference) => blankToNull(conference.focus) !== null || blankToNull(conference.nextStep) !== null);
  return {
    lastConference: `Last conference: ${daysAgo(latest.startedAt, now)}`,
    thisMonth: conferences.filter((conference) => conference.startedAt >= monthStart && conference.startedAt <= now).length,
    followUp:
      taught === undefined ? null : { conference: taught, focus: blankToNull(taught.focus), nextStep: blankToNull(taught.nextStep), latest: taught === latest },
  };
}

/**
 * What a past conference's line in the timeline says at a glance: its teaching point; or, for one
 * that taught nothing (a quick check-in, say), the next step, compliment or research it did leave,
 * named, so a history of check-ins doesn't read as a column of "No teaching point written".
 */
export function conferenceHeadline(conference: ConferenceContent): { label: string | null; text: string } {
  if (conference.focus.trim() !== '') return { label: null, text: conference.focus };
  const left = (
    [
      ['Next step', conference.nextStep],
      ['Compliment', conference.compliment],
      ['Research', researchAfterSeed(conference.research)],
    ] as const
  ).find(([, text]) => text.trim() !== '');
  return left === undefined ? { label: null, text: 'No teaching point written' } : { label: left[0], text: left[1] };
}

/** How followUpSeed's line begins. */
const SEED_FOCUS = 'Last time: ';
const SEED_NEXT_STEP = 'Next step was: ';

/**
 * A new conference that follows up on `last`: same kind, and the research field opens with what
 * was taught and the next step the writer took away, for the teacher to check on first.
 */
export function followUpSeed(last: Conference): Partial<ConferenceContent> {
  const sentence = (text: string): string => text.trim().replace(/[.。!?]+$/u, '');
  const parts = [
    sentence(last.focus) === '' ? null : `${SEED_FOCUS}${sentence(last.focus)}`,
    sentence(last.nextStep) === '' ? null : `${SEED_NEXT_STEP}${sentence(last.nextStep)}`,
  ];
  const research = parts.filter((part) => part !== null).join('. ');
  return { kind: last.kind, research: research === '' ? '' : `${research}.\n` };
}

/**
 * Research without the first line Follow up put there, when the teacher wrote more after it: at a
 * glance, what the writer said today, not last time's lesson again. All of it otherwise.
 */
function researchAfterSeed(research: string): string {
  const [first = '', ...rest] = research.split('\n');
  const after = rest.join('\n').trim();
  return after !== '' && (first.startsWith(SEED_FOCUS) || first.startsWith(SEED_NEXT_STEP)) ? after : research;
}

/** Conferences run 5–10 minutes; past this the timer says so, quietly. */
export const CONFERENCE_LONG_AFTER_MIN = 10;

/** "4 min" since the conference started, and whether it has run long. */
export function elapsed(startedAt: number, now: number): { text: string; long: boolean } {
  const minutes = Math.max(0, Math.floor((now - startedAt) / 60_000));
  return { text: minutes < 1 ? 'under a minute' : `${minutes} min`, long: minutes >= CONFERENCE_LONG_AFTER_MIN };
}
