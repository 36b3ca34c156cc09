import { describe, expect, it } from 'vitest';
import { CRAFTS, LIMITS, SCHEMA_VERSION, type Compliment, type Craft } from './notebook/model';
import {
  BUILT_IN_COMPLIMENTS,
  CRAFT_LABELS,
  bankCompliments,
  favouriteCompliments,
  fillName,
  firstName,
  noteUsed,
  orderCompliments,
  putBack,
  toBankCompliment,
  type BankCompliment,
  type ComplimentOrder,
} from './compliment-bank';
import { foldForSearch } from './question-bank';

const ownCompliment = (id: string, text: string, craft: Craft): Compliment => ({
  schemaVersion: SCHEMA_VERSION,
  rev: 1,
  id,
  text,
  craft,
  createdAt: 0,
  updatedAt: 0,
});

const ids = (compliments: readonly Pick<BankCompliment, 'id'>[]) => compliments.map((compliment) => compliment.id);
const order = (compliments: readonly BankCompliment[], options: Partial<ComplimentOrder>) =>
  orderCompliments(compliments, { favourites: [], recent: [], craft: 'all', ...options });

describe('the built-in compliments', () => {
  it('number at least 42', () => {
    expect(BUILT_IN_COMPLIMENTS.length).toBeGreaterThanOrEqual(42);
  });

  it.each(CRAFTS)('include at least 6 for %s, which has a label', (craft) => {
    expect(BUILT_IN_COMPLIMENTS.filter((compliment) => compliment.craft === craft).length).toBeGreaterThanOrEqual(6);
    expect(CRAFT_LABELS[craft]).toMatch(/\S/);
  });

  it('label the crafts in the panel’s words', () => {
    expect(CRAFTS.map((craft) => CRAFT_LABELS[craft])).toEqual([
      'Ideas',
      'Organisation',
      'Voice',
      'Word choice',
      'Sentence fluency',
      'Conventions',
      'Process and effort',
    ]);
  });

  it('have unique, stable kebab-case ids that fit the id limit', () => {
    const all = ids(BUILT_IN_COMPLIMENTS);
    expect(new Set(all).size).toBe(all.length);
    for (const id of all) {
      expect(id).toMatch(/^c-[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(id.length).toBeLessThanOrEqual(LIMITS.id);
    }
    // Favourites and recent compliments are stored by id: these must never change.
    expect(all).toEqual(
      expect.arrayContaining(['c-lead-in-the-action', 'c-strong-verb', 'c-speech-marks', 'c-brave-revision', 'c-sounds-like-you']),
    );
  });

  it('have no duplicate texts, nothing blank, too short or too long', () => {
    const texts = BUILT_IN_COMPLIMENTS.map((compliment) => foldForSearch(compliment.text.trim()));
    expect(new Set(texts).size).toBe(texts.length);
    for (const compliment of BUILT_IN_COMPLIMENTS) {
      expect(compliment.text.trim()).toBe(compliment.text);
      expect(compliment.text.length).toBeGreaterThanOrEqual(40);
      expect(compliment.text.length).toBeLessThan(240);
      expect(compliment.text.length).toBeLessThanOrEqual(LIMITS.commentText);
      expect(CRAFTS).toContain(compliment.craft);
    }
  });

  it('are never empty praise', () => {
    for (const compliment of BUILT_IN_COMPLIMENTS) {
      expect(compliment.text).not.toMatch(/good job|great job|nice work/i);
    }
  });

  it('say why it works for a reader', () => {
    for (const compliment of BUILT_IN_COMPLIMENTS) {
      expect(compliment.text, compliment.id).toMatch(/\b(reader|readers|I|me|my)\b/);
    }
  });

  it('use {name} in some but not all, and read well with a name or without one', () => {
    const named = BUILT_IN_COMPLIMENTS.filter((compliment) => compliment.text.includes('{name}'));
    expect(named.length).toBeGreaterThan(0);
    expect(named.length).toBeLessThan(BUILT_IN_COMPLIMENTS.length);
    for (const compliment of BUILT_IN_COMPLIMENTS) {
      for (const filled of [fillName(compliment.text, null), fillName(compliment.text, 'Jamal Rahimi')]) {
        expect(filled, compliment.id).not.toMatch(/[{}]|\s[,.;:!?]|\s{2}|,,/);
        expect(filled, compliment.id).toMatch(/^\p{Lu}/u);
      }
    }
  });
});

describe('the bank', () => {
  it('marks the teacher’s own compliments as own, after the built-in ones', () => {
    const mine = ownCompliment('mine-1', 'You used our class checklist before you handed this in.', 'process');
    const all = bankCompliments([mine]);
    expect(all).toHaveLength(BUILT_IN_COMPLIMENTS.length + 1);
    expect(all.at(-1)).toEqual({ id: 'mine-1', text: mine.text, craft: 'process', own: true });
    expect(toBankCompliment(mine).own).toBe(true);
    expect(all.slice(0, -1).every((compliment) => !compliment.own)).toBe(true);
    expect(ids(bankCompliments([]))).toEqual(ids(BUILT_IN_COMPLIMENTS));
  });
});

describe('firstName', () => {
  it.each([
    ['Jamal Rahimi', 'Jamal'],
    ['  Jamal   Rahimi  ', 'Jamal'],
    ['Jamal “JJ” Rahimi', 'Jamal'],
    ['“JJ” Rahimi', 'JJ'],
    ['"Sam" Lee', 'Sam'],
    ['Rahimi, Jamal', 'Jamal'],
    ['Rahimi,Jamal Karim', 'Jamal'],
    ['Mary-Jane O’Neill', 'Mary-Jane'],
    ['Zoë Ångström', 'Zoë'],
    ['A.J. Smith', 'A.J.'],
    ['🌟 Maya Patel', 'Maya'],
    ['Maya🌟 Patel', 'Maya'],
    ['Maya 👋🏽', 'Maya'],
    ['👩‍🎓Maya ❤️', 'Maya'],
    ['Maya❤️ Patel', 'Maya'],
    ['\u200Fمحمد علي', 'محمد'],
    ['\u202Bנועה כהן\u202C', 'נועה'],
    ['王小明', '王小明'],
    ['Jamal\u00A0Rahimi', 'Jamal'],
    ['Jamal\tRahimi', 'Jamal'],
  ])('of %j is %j', (name, expected) => {
    expect(firstName(name)).toBe(expected);
  });

  it.each([null, '', '   ', '\u200F', '🌟', '“ ”', ', '])('of %j is null', (name) => {
    expect(firstName(name)).toBeNull();
  });
});

describe('fillName', () => {
  it('puts the first name in every placeholder', () => {
    expect(fillName('{name}, you started right in the action.', 'Jamal “JJ” Rahimi')).toBe('Jamal, you started right in the action.');
    expect(fillName('Well done, {name}! Keep going, {name}.', 'Aisha Khan')).toBe('Well done, Aisha! Keep going, Aisha.');
    expect(fillName('{ Name } and {NAME}', 'Li Wei')).toBe('Li and Li');
  });

  it('keeps names with quotes, emoji, dollar signs and right-to-left scripts as they are', () => {
    expect(fillName('{name}, you did it.', 'D’Arcy Smith')).toBe('D’Arcy, you did it.');
    expect(fillName('{name}, you did it.', 'Maya🌟')).toBe('Maya, you did it.');
    expect(fillName('{name}, you did it.', '\u200Fمحمد علي')).toBe('محمد, you did it.');
    // Replacement patterns such as $& must not be interpreted.
    expect(fillName('Well done, {name}.', '$&$1 Smith')).toBe('Well done, $&$1.');
  });

  it('leaves text without a placeholder alone', () => {
    const text = 'You used speech marks , and that helps  !';
    expect(fillName(text, null)).toBe(text);
    expect(fillName(text, 'Jamal')).toBe(text);
  });

  describe('without a name', () => {
    it.each([
      // At the start of a sentence: dropped, with a capital after it.
      ['{name}, you started right in the action.', 'You started right in the action.'],
      ['{name}! You kept going.', 'You kept going.'],
      ['I loved it. {name}, your ending surprised me.', 'I loved it. Your ending surprised me.'],
      ['“{name}, you did it,” I said.', '“You did it,” I said.'],
      // After a comma: dropped with its comma.
      ['Well done, {name}.', 'Well done.'],
      ['Well done, {name}!', 'Well done!'],
      ['Well done, {name}', 'Well done'],
      ['It felt risky, {name}, and you tried it anyway.', 'It felt risky, and you tried it anyway.'],
      ['Look, {name}, you did it.', 'Look, you did it.'],
      ['Bravo, {name} !', 'Bravo !'],
      // At the end of a sentence without a comma.
      ['Well done {name}!', 'Well done!'],
      ['I shared it with {name}.', 'I shared it with you.'],
      // Anywhere else the writer is spoken to.
      ['It works because {name} chose a strong verb.', 'It works because you chose a strong verb.'],
      ['I can tell {name} reread this.', 'I can tell you reread this.'],
      ['{name} chose a strong verb.', 'You chose a strong verb.'],
      ['{name}’s ending surprised me.', 'Your ending surprised me.'],
      ["I liked {name}'s lead.", 'I liked your lead.'],
      // Several placeholders.
      ['{name}, you did it. Keep going, {name}!', 'You did it. Keep going!'],
      ['{name}, I think {name} found the right word, {name}.', 'I think you found the right word.'],
    ])('turns %j into %j', (text, expected) => {
      expect(fillName(text, null)).toBe(expected);
      // A name that is only spaces, marks or emoji counts as no name.
      expect(fillName(text, ' \u200F🌟 ')).toBe(expected);
    });
  });
});

describe('ordering the compliments', () => {
  const mine = ownCompliment('mine-1', 'You used your editing checklist all by yourself.', 'conventions');
  const all = bankCompliments([mine]);

  it('keeps the bank’s order with nothing recent or favourite', () => {
    expect(ids(order(all, {}))).toEqual(ids(all));
  });

  it('filters by craft', () => {
    const shown = order(all, { craft: 'conventions' });
    expect(shown.length).toBeGreaterThanOrEqual(7);
    expect(shown.every((compliment) => compliment.craft === 'conventions')).toBe(true);
    expect(ids(shown)).toContain('mine-1');
    expect(ids(shown)).toEqual(ids(all.filter((compliment) => compliment.craft === 'conventions')));
  });

  it('floats recently used compliments up, newest first, then the rest in bank order', () => {
    const recent = ['c-speech-marks', 'mine-1', 'c-strong-verb', 'not-a-compliment'];
    const shown = ids(order(all, { recent }));
    expect(shown.slice(0, 3)).toEqual(['c-speech-marks', 'mine-1', 'c-strong-verb']);
    expect(shown).toHaveLength(all.length);
    expect(new Set(shown).size).toBe(all.length);
    expect(shown.slice(3)).toEqual(ids(all).filter((id) => !recent.includes(id)));
  });

  it('skips recent compliments of other crafts', () => {
    const shown = ids(order(all, { craft: 'conventions', recent: ['c-strong-verb', 'c-apostrophes', 'mine-1', 'c-apostrophes'] }));
    expect(shown.slice(0, 2)).toEqual(['c-apostrophes', 'mine-1']);
    expect(shown).not.toContain('c-strong-verb');
  });

  it('puts favourites after the recent ones and before the rest', () => {
    const shown = ids(order(all, { craft: 'voice', recent: ['c-humour'], favourites: ['c-confident-opinion', 'c-humour', 'c-strong-verb'] }));
    expect(shown.slice(0, 2)).toEqual(['c-humour', 'c-confident-opinion']);
    expect(shown).not.toContain('c-strong-verb');
  });

  it('does not change its input', () => {
    const copy = [...all];
    order(all, { recent: ['c-humour'], favourites: ['c-senses'] });
    expect(all).toEqual(copy);
  });
});

describe('favouriteCompliments', () => {
  const mine = ownCompliment('mine-1', 'You read your work aloud to a partner before you shared it.', 'process');
  const all = bankCompliments([mine]);

  it('gives the favourites in the favourites’ order, the teacher’s own included', () => {
    expect(ids(favouriteCompliments(all, ['mine-1', 'c-senses', 'c-lead-in-the-action']))).toEqual(['mine-1', 'c-senses', 'c-lead-in-the-action']);
  });

  it('skips unknown and repeated ids', () => {
    expect(ids(favouriteCompliments(all, ['gone', 'c-senses', 'c-senses']))).toEqual(['c-senses']);
    expect(favouriteCompliments(all, [])).toEqual([]);
  });
});

describe('noteUsed', () => {
  it('puts the compliment first', () => {
    expect(noteUsed([], 'c-senses')).toEqual(['c-senses']);
    expect(noteUsed(['a', 'b'], 'c')).toEqual(['c', 'a', 'b']);
  });

  it('moves a compliment used again to the front without repeating it', () => {
    expect(noteUsed(['a', 'b', 'c'], 'c')).toEqual(['c', 'a', 'b']);
    expect(noteUsed(['a', 'b', 'a'], 'b')).toEqual(['b', 'a']);
  });

  it('keeps at most max ids, 20 by default', () => {
    const many = Array.from({ length: 30 }, (_, index) => `c-${index}`);
    expect(noteUsed(many, 'new')).toHaveLength(20);
    expect(noteUsed(many, 'new')[0]).toBe('new');
    expect(noteUsed(['a', 'b', 'c'], 'd', 2)).toEqual(['d', 'a']);
    expect(noteUsed(['a'], 'd', 0)).toEqual([]);
  });

  it('does not change its input', () => {
    const recent = ['a', 'b'];
    noteUsed(recent, 'b');
    expect(recent).toEqual(['a', 'b']);
  });
});

describe('a deleted compliment put back (Undo)', () => {
  it('returns to its place among the favourites or the recently used', () => {
    expect(putBack(['a', 'c'], 'b', 1, 20)).toEqual(['a', 'b', 'c']);
    expect(putBack(['a'], 'b', 5, 20)).toEqual(['a', 'b']);
    expect(putBack([], 'b', 0, 20)).toEqual(['b']);
  });

  it('is not added where it wasn’t, nor twice, nor past the list’s length', () => {
    expect(putBack(['a', 'c'], 'b', -1, 20)).toEqual(['a', 'c']);
    expect(putBack(['b', 'a'], 'b', 1, 20)).toEqual(['b', 'a']);
    expect(putBack(['a', 'c'], 'b', 0, 2)).toEqual(['b', 'a']);
  });
});
