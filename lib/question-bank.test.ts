import { describe, expect, it } from 'vitest';
import { CONFERENCE_KINDS, LIMITS, QUESTION_PHASES, SCHEMA_VERSION, type Question } from './notebook/model';
import {
  BUILT_IN_QUESTIONS,
  PHASE_LABELS,
  bankQuestions,
  filterQuestions,
  foldForSearch,
  followUpQuestion,
  toBankQuestion,
  type BankQuestion,
  type QuestionFilter,
} from './question-bank';

const ownQuestion = (id: string, text: string, phase: Question['phase'], kinds: Question['kinds'] = []): Question => ({
  schemaVersion: SCHEMA_VERSION,
  rev: 1,
  id,
  text,
  phase,
  kinds,
  createdAt: 0,
  updatedAt: 0,
});

const bank = (...own: Question[]) => bankQuestions(own);
const filter = (questions: readonly BankQuestion[], options: Partial<QuestionFilter>) =>
  filterQuestions(questions, { search: '', phase: 'all', kind: null, favourites: new Set(), ...options });
const ids = (questions: readonly BankQuestion[]) => questions.map((question) => question.id);

describe('the built-in questions', () => {
  it('number at least 70', () => {
    expect(BUILT_IN_QUESTIONS.length).toBeGreaterThanOrEqual(70);
  });

  it.each(QUESTION_PHASES)('include at least 8 for the %s phase, which has a label', (phase) => {
    expect(BUILT_IN_QUESTIONS.filter((question) => question.phase === phase).length).toBeGreaterThanOrEqual(8);
    expect(PHASE_LABELS[phase]).toMatch(/\S/);
  });

  it.each(CONFERENCE_KINDS)('include at least 6 written for %s conferences', (kind) => {
    expect(BUILT_IN_QUESTIONS.filter((question) => question.kinds.includes(kind)).length).toBeGreaterThanOrEqual(6);
  });

  it('have unique, stable kebab-case ids that fit the id limit', () => {
    const all = ids(bankQuestions([]));
    expect(new Set(all).size).toBe(all.length);
    for (const id of all) {
      expect(id).toMatch(/^q-[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(id.length).toBeLessThanOrEqual(LIMITS.id);
    }
    // Favourites are stored by id: these must never change.
    expect(all).toEqual(expect.arrayContaining(['q-how-is-it-going', 'q-read-me-part', 'q-hook-reader', 'q-stem-piece-about']));
  });

  it('have no duplicate texts, nothing blank or too long, and no repeated kinds', () => {
    const texts = BUILT_IN_QUESTIONS.map((question) => foldForSearch(question.text.trim()));
    expect(new Set(texts).size).toBe(texts.length);
    for (const question of BUILT_IN_QUESTIONS) {
      expect(question.text.trim()).toBe(question.text);
      expect(question.text.length).toBeGreaterThan(0);
      expect(question.text.length).toBeLessThanOrEqual(LIMITS.questionText);
      expect(new Set(question.kinds).size).toBe(question.kinds.length);
      expect(QUESTION_PHASES).toContain(question.phase);
    }
  });

  it('give the student sentence starters to finish', () => {
    for (const question of BUILT_IN_QUESTIONS.filter((question) => question.phase === 'student-stem')) {
      expect(question.text).toMatch(/…$/);
    }
  });
});

describe('the bank', () => {
  it('marks the teacher’s own questions as own, after the built-in ones', () => {
    const mine = ownQuestion('mine-1', 'What does your élève partner think?', 'opening', ['content']);
    const all = bank(mine);
    expect(all.at(-1)).toEqual({ id: 'mine-1', text: mine.text, phase: 'opening', kinds: ['content'], own: true });
    expect(toBankQuestion(mine).own).toBe(true);
    expect(all.slice(0, -1).every((question) => !question.own)).toBe(true);
  });
});

describe('searching the bank', () => {
  const mine = ownQuestion('mine-1', 'Ton ÉLÈVE partenaire a-t-il lu ton texte ?', 'reading');

  it('matches every word, in any order, ignoring case and accents', () => {
    expect(ids(filter(bank(mine), { search: 'eleve' }))).toEqual(['mine-1']);
    expect(ids(filter(bank(mine), { search: '  TEXTE   élève ' }))).toEqual(['mine-1']);
    expect(ids(filter(bank(mine), { search: 'eleve missing' }))).toEqual([]);
    const found = filter(bank(), { search: 'READER feel' });
    expect(found.length).toBeGreaterThan(0);
    for (const question of found) expect(question.text.toLowerCase()).toMatch(/reader[\s\S]*feel|feel[\s\S]*reader/);
  });

  it('finds matches in every phase and kind, whatever filters are chosen', () => {
    const found = filter(bank(mine), { search: 'reader', phase: 'opening', kind: 'expectation' });
    const phases = new Set(found.map((question) => question.phase));
    expect(phases.size).toBeGreaterThan(1);
    expect(found.some((question) => question.kinds.includes('content'))).toBe(true);
  });

  it('treats a blank search as no search', () => {
    expect(filter(bank(), { search: '   ', phase: 'compliment' }).every((question) => question.phase === 'compliment')).toBe(true);
  });
});

describe('filtering by phase and kind', () => {
  it('keeps the phase’s questions that suit the kind or any kind', () => {
    const shown = filter(bank(), { phase: 'teaching', kind: 'convention' });
    expect(shown.length).toBeGreaterThan(0);
    for (const question of shown) {
      expect(question.phase).toBe('teaching');
      expect(question.kinds.length === 0 || question.kinds.includes('convention')).toBe(true);
    }
    expect(ids(shown)).toContain('q-say-it-slowly');
    expect(ids(shown)).toContain('q-watch-me-try');
    expect(ids(shown)).not.toContain('q-hook-reader');
  });

  it('shows every phase for "all", and every kind when none is chosen', () => {
    expect(filter(bank(), {}).length).toBe(BUILT_IN_QUESTIONS.length);
    expect(new Set(filter(bank(), { kind: 'rehearsal' }).map((question) => question.phase)).size).toBe(QUESTION_PHASES.length);
  });

  it('puts the kind’s own questions before general ones, in bank order', () => {
    const shown = filter(bank(), { phase: 'next-step', kind: 'convention' });
    const firstGeneral = shown.findIndex((question) => question.kinds.length === 0);
    expect(firstGeneral).toBeGreaterThan(0);
    expect(shown.slice(0, firstGeneral).every((question) => question.kinds.includes('convention'))).toBe(true);
    expect(shown.slice(firstGeneral).every((question) => question.kinds.length === 0)).toBe(true);
    const inBankOrder = BUILT_IN_QUESTIONS.filter((question) => question.phase === 'next-step' && question.kinds.length === 0).map((question) => question.id);
    expect(ids(shown.slice(firstGeneral))).toEqual(inBankOrder);
  });

  it('puts favourites first, the teacher’s own included', () => {
    const mine = ownQuestion('mine-1', 'What surprised you while writing this?', 'opening');
    const favourites = new Set(['mine-1', 'q-tricky-so-far', 'not-a-question']);
    const shown = filter(bank(mine), { phase: 'opening', kind: 'content', favourites });
    expect(ids(shown).slice(0, 3)).toEqual(['q-tricky-so-far', 'mine-1', 'q-one-sentence-about']);
    expect(shown.filter((question) => question.own)).toHaveLength(1);
  });

  it('includes the teacher’s own questions that suit the kind', () => {
    const suits = ownQuestion('mine-1', 'Which word wall words did you use?', 'reading', ['convention']);
    const other = ownQuestion('mine-2', 'Where is your ending?', 'reading', ['content']);
    const shown = ids(filter(bank(suits, other), { phase: 'reading', kind: 'convention' }));
    expect(shown).toContain('mine-1');
    expect(shown).not.toContain('mine-2');
  });
});

describe('the follow-up question', () => {
  it('is null when there was no teaching point', () => {
    expect(followUpQuestion(null)).toBeNull();
    expect(followUpQuestion('')).toBeNull();
    expect(followUpQuestion('  \n\t ')).toBeNull();
    expect(followUpQuestion(' . ')).toBeNull();
  });

  it('names the last focus, without its full stop and with a lower-case start', () => {
    expect(followUpQuestion('  Adding details to the middle.  ')).toBe('Last time we worked on adding details to the middle. Show me where you tried it.');
    expect(followUpQuestion('Leads that hook the reader')).toBe('Last time we worked on leads that hook the reader. Show me where you tried it.');
    expect(followUpQuestion('Using dialogue…')).toBe('Last time we worked on using dialogue. Show me where you tried it.');
    expect(followUpQuestion('Endings that surprise!')).toBe('Last time we worked on endings that surprise. Show me where you tried it.');
    expect(followUpQuestion('Paragraphs.\nOne idea in each.')).toBe('Last time we worked on paragraphs. One idea in each. Show me where you tried it.');
  });

  it('keeps "I", acronyms and capitalised names as they are', () => {
    expect(followUpQuestion('I statements in persuasive writing.')).toBe('Last time we worked on I statements in persuasive writing. Show me where you tried it.');
    expect(followUpQuestion('I’m-sentences')).toBe('Last time we worked on I’m-sentences. Show me where you tried it.');
    expect(followUpQuestion('POV shifts')).toBe('Last time we worked on POV shifts. Show me where you tried it.');
    expect(followUpQuestion('Ideas for the ending')).toBe('Last time we worked on ideas for the ending. Show me where you tried it.');
  });

  it('keeps right-to-left text and emoji intact', () => {
    expect(followUpQuestion('כתיבת פתיחה.')).toBe('Last time we worked on כתיבת פתיחה. Show me where you tried it.');
    expect(followUpQuestion('استخدام علامات الترقيم')).toBe('Last time we worked on استخدام علامات الترقيم. Show me where you tried it.');
    expect(followUpQuestion('🦊 Fox facts 👍🏽')).toBe('Last time we worked on 🦊 Fox facts 👍🏽. Show me where you tried it.');
  });
});
