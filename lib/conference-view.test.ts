import { describe, expect, it } from 'vitest';
import { calendarDaysBetween, daysAgo, isBlankConference } from './conference-view';
import { emptyConferenceContent } from './notebook/model';

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

describe('a blank conference', () => {
  it('has nothing written, whatever kind is chosen', () => {
    expect(isBlankConference({ ...emptyConferenceContent(), kind: 'convention', group: true })).toBe(true);
    expect(isBlankConference({ ...emptyConferenceContent(), notes: '  ' })).toBe(true);
    expect(isBlankConference({ ...emptyConferenceContent(), focus: 'Leads' })).toBe(false);
  });
});
