import { describe, expect, it } from 'vitest';
import { calendarDaysBetween, conferenceHeadline, conferencesNewestFirst, daysAgo, elapsed, followUpSeed, shortDate, summariseHistory } from './conference-view';
import { emptyConferenceContent, isBlankConference, type Conference } from './notebook/model';

const at = (text: string) => new Date(text).getTime();

describe('relative dates', () => {
  it('count calendar days, not 24-hour periods', () => {
    expect(calendarDaysBetween(at('2026-11-24T23:50'), at('2026-11-25T00:10'))).toBe(1);
    expect(daysAgo(at('2026-11-24T23:50'), at('2026-11-25T00:10'))).toBe('yesterday');
    expect(daysAgo(at('2026-11-25T08:00'), at('2026-11-25T15:00'))).toBe('today');
    expect(daysAgo(at('2026-11-18T15:00'), at('2026-11-25T08:00'))).toBe('7 days ago');
  });

  it('read a date in the future (a wrong clock) as today', () => {
    expect(daysAgo(at('2026-12-01T08:00'), at('2026-11-25T08:00'))).toBe('today');
  });
});

describe('the timeline’s short dates', () => {
  it('give the year only for another year, in each locale asked for', () => {
    const now = at('2026-11-25T08:00');
    expect(shortDate(at('2026-11-03T09:00'), now, 'en-GB')).toBe('Tue 3 Nov');
    expect(shortDate(at('2026-11-03T09:00'), now, 'en-US')).toBe('Tue, Nov 3');
    expect(shortDate(at('2025-11-03T09:00'), now, 'en-GB')).toBe('Mon, 3 Nov 2025');
    expect(shortDate(at('2025-11-03T09:00'), now, 'en-US')).toBe('Mon, Nov 3, 2025');
    expect(shortDate(at('2026-11-03T09:00'), now, 'en-GB')).toBe('Tue 3 Nov');
  });
});

describe('a blank conference', () => {
  it('has nothing written, whatever kind is chosen', () => {
    expect(isBlankConference({ ...emptyConferenceContent(), kind: 'convention', group: true })).toBe(true);
    expect(isBlankConference({ ...emptyConferenceContent(), notes: '  ' })).toBe(true);
    expect(isBlankConference({ ...emptyConferenceContent(), focus: 'Leads' })).toBe(false);
  });
});

const conference = (change: Partial<Conference>): Conference => ({
  schemaVersion: 3,
  rev: 1,
  id: 'c1',
  docId: '1aBcD_eFgHiJkLmNoPqRsTuVwXyZ0123456789-_abcd',
  studentIds: [],
  startedAt: at('2026-11-20T10:00'),
  endedAt: null,
  updatedAt: 0,
  ...emptyConferenceContent(),
  ...change,
});

describe('the history summary', () => {
  it('takes this document’s conferences and the student’s others together, newest first', () => {
    const here = [conference({ id: 'here-new', startedAt: at('2026-11-24T10:00') }), conference({ id: 'here-old', startedAt: at('2026-11-02T10:00') })];
    const elsewhere = [conference({ id: 'elsewhere', startedAt: at('2026-11-18T10:00'), docId: '1zYxW_vUtSrQpOnMlKjIhGfEdCbA9876543210-_zyxw' })];
    expect(conferencesNewestFirst({ conferences: here, others: { conferences: elsewhere } }).map((each) => each.id)).toEqual(['here-new', 'elsewhere', 'here-old']);
  });

  it('says when the last conference was, how many this month, and what to follow up', () => {
    const now = at('2026-11-25T09:00');
    const conferences = [
      conference({ startedAt: at('2026-11-22T10:00'), focus: ' Adding details about setting ', nextStep: 'Add two details to the match scene' }),
      conference({ startedAt: at('2026-11-02T10:00') }),
      conference({ startedAt: at('2026-10-30T10:00') }),
    ];
    expect(summariseHistory(conferences, now)).toEqual({
      lastConference: 'Last conference: 3 days ago',
      thisMonth: 2,
      followUp: { conference: conferences[0], focus: 'Adding details about setting', nextStep: 'Add two details to the match scene', latest: true },
    });
  });

  it('follows up what was last taught, skipping newer conferences that taught nothing (a quick check-in)', () => {
    const now = at('2026-11-25T09:00');
    const taught = conference({ id: 'taught', startedAt: at('2026-11-18T10:00'), focus: 'Leads that start in the action' });
    const conferences = [
      conference({ id: 'check-in', startedAt: at('2026-11-24T10:00'), research: 'Says the middle drags', notes: 'Tired today' }),
      taught,
      conference({ id: 'older', startedAt: at('2026-11-10T10:00'), focus: 'Endings', nextStep: 'Try two endings' }),
    ];
    const summary = summariseHistory(conferences, now);
    expect(summary.lastConference).toBe('Last conference: yesterday');
    expect(summary.followUp).toEqual({ conference: taught, focus: 'Leads that start in the action', nextStep: null, latest: false });
    // A next step alone is something to follow up too.
    const stepOnly = conference({ id: 'step', startedAt: at('2026-11-23T10:00'), nextStep: 'Read it to a partner' });
    expect(summariseHistory([conferences[0]!, stepOnly, taught], now).followUp).toEqual({ conference: stepOnly, focus: null, nextStep: 'Read it to a partner', latest: false });
  });

  it('says so when there are none, and has nothing to follow up when no conference taught anything', () => {
    expect(summariseHistory([], 0)).toEqual({ lastConference: 'No conferences yet', thisMonth: 0, followUp: null });
    expect(summariseHistory([conference({ research: 'Just started', focus: '  ', nextStep: '\n' })], at('2026-11-25T09:00')).followUp).toBeNull();
  });
});

describe('a conference’s line in the timeline', () => {
  it('is its teaching point, whatever else it has', () => {
    expect(conferenceHeadline(conference({ focus: 'Leads', nextStep: 'Try two leads', research: 'Stuck on the start' }))).toEqual({ label: null, text: 'Leads' });
  });

  it('names what a conference that taught nothing left instead: the next step, then the compliment, then the research', () => {
    const checkIn = { research: 'Says the middle drags', compliment: 'The dialogue sounds real' };
    expect(conferenceHeadline(conference({ ...checkIn, focus: ' ', nextStep: 'Read it to a partner' }))).toEqual({ label: 'Next step', text: 'Read it to a partner' });
    expect(conferenceHeadline(conference({ ...checkIn, nextStep: '\n' }))).toEqual({ label: 'Compliment', text: 'The dialogue sounds real' });
    expect(conferenceHeadline(conference({ research: 'Says the middle drags' }))).toEqual({ label: 'Research', text: 'Says the middle drags' });
  });

  it('shows the research written after the line Follow up opened it with, and that line when nothing was written after it', () => {
    const seeded = followUpSeed(conference({ focus: 'Leads', nextStep: 'Try two leads' })).research!;
    expect(conferenceHeadline(conference({ research: `${seeded}Tried both; likes the second\nbut it is long` }))).toEqual({ label: 'Research', text: 'Tried both; likes the second\nbut it is long' });
    expect(conferenceHeadline(conference({ research: `${seeded}  ` }))).toEqual({ label: 'Research', text: `${seeded}  ` });
    const stepOnly = followUpSeed(conference({ nextStep: 'Read it aloud' })).research!;
    expect(conferenceHeadline(conference({ research: `${stepOnly}Did, found two stops` })).text).toBe('Did, found two stops');
    // A first line of the teacher's own that doesn't begin as Follow up's does is kept.
    expect(conferenceHeadline(conference({ research: 'Last time we met she was stuck.\nNow she has a plan' })).text).toBe('Last time we met she was stuck.\nNow she has a plan');
  });

  it('says no teaching point was written when there is only a private note', () => {
    expect(conferenceHeadline(conference({ notes: 'Tired today' }))).toEqual({ label: null, text: 'No teaching point written' });
  });
});

describe('a follow-up conference', () => {
  it('keeps the kind and opens with what was taught and the next step', () => {
    expect(followUpSeed(conference({ kind: 'convention', focus: 'End marks.', nextStep: 'Read it aloud and listen for stops' }))).toEqual({
      kind: 'convention',
      research: 'Last time: End marks. Next step was: Read it aloud and listen for stops.\n',
    });
  });

  it('works with only a teaching point, or nothing written', () => {
    expect(followUpSeed(conference({ focus: 'Leads' })).research).toBe('Last time: Leads.\n');
    expect(followUpSeed(conference({})).research).toBe('');
  });
});

describe('the conference timer', () => {
  it('counts whole minutes and turns after ten', () => {
    expect(elapsed(0, 30_000)).toEqual({ text: 'under a minute', long: false });
    expect(elapsed(0, 9 * 60_000 + 59_000)).toEqual({ text: '9 min', long: false });
    expect(elapsed(0, 10 * 60_000)).toEqual({ text: '10 min', long: true });
  });
});
