import { describe, expect, it } from 'vitest';
import { CONFLICT_SEPARATOR, keptAfterSaved, mergeDraftContent, sameContent } from './draft-merge';
import { emptyConferenceContent, type ConferenceContent } from './model';

const content = (fields: Partial<ConferenceContent> = {}): ConferenceContent => ({ ...emptyConferenceContent(), ...fields });
const question = (text: string, at: number) => ({ text, at });
const comment = (text: string, postedAt: number) => ({ text, quote: 'the first line', postedAt });

describe('merging a draft typed in two tabs', () => {
  it('keeps the field typed here and the field typed in the other tab', () => {
    const base = content({ research: 'Working on the ending' });
    const local = content({ research: 'Working on the ending', focus: 'End on an image' });
    const stored = content({ research: 'Working on the ending', notes: 'Wants to cut the last line' });
    expect(mergeDraftContent(base, local, stored)).toEqual(
      content({ research: 'Working on the ending', focus: 'End on an image', notes: 'Wants to cut the last line' }),
    );
  });

  it('takes the other tab’s words where nothing was typed here', () => {
    const base = content({ focus: 'Dialogue' });
    const stored = content({ focus: 'Dialogue tags: said is fine' });
    expect(mergeDraftContent(base, base, stored).focus).toBe('Dialogue tags: said is fine');
  });

  it('writes what was typed here over an unchanged stored field, including clearing it', () => {
    const base = content({ nextStep: 'Reread page 2', notes: 'old note' });
    const local = content({ nextStep: 'Reread page 2 aloud', notes: '' });
    expect(mergeDraftContent(base, local, base)).toEqual(local);
  });

  it('keeps both texts when both tabs changed the same box differently', () => {
    const base = content({ notes: 'Talked about' });
    const local = content({ notes: 'Talked about leads' });
    const stored = content({ notes: 'Talked about endings' });
    expect(mergeDraftContent(base, local, stored).notes).toBe(`Talked about endings${CONFLICT_SEPARATOR}Talked about leads`);
  });

  it('takes the longer text when one side only added to the other’s', () => {
    const base = content({ research: 'She says' });
    expect(mergeDraftContent(base, content({ research: 'She says the middle drags' }), content({ research: 'She says the' })).research).toBe(
      'She says the middle drags',
    );
    expect(mergeDraftContent(base, content({ research: 'She says the' }), content({ research: 'She says the middle drags' })).research).toBe(
      'She says the middle drags',
    );
  });

  it('keeps questions and comments added in either tab and drops only what was removed here', () => {
    const asked = question('What are you working on?', 1);
    const base = content({ questionsAsked: [asked], comments: [comment('Strong lead', 5)] });
    const local = content({ questionsAsked: [question('What is next?', 3)], comments: [comment('Strong lead', 5), comment('Try a quote', 7)] });
    const stored = content({ questionsAsked: [asked, question('Where did you get stuck?', 2)], comments: [comment('Strong lead', 5), comment('Vivid verbs', 6)] });
    const merged = mergeDraftContent(base, local, stored);
    expect(merged.questionsAsked).toEqual([question('Where did you get stuck?', 2), question('What is next?', 3)]);
    expect(merged.comments).toEqual([comment('Strong lead', 5), comment('Vivid verbs', 6), comment('Try a quote', 7)]);
  });

  it('does not repeat an item both tabs added', () => {
    const posted = comment('Strong lead', 5);
    expect(mergeDraftContent(content(), content({ comments: [posted] }), content({ comments: [posted] })).comments).toEqual([posted]);
  });

  it('takes this tab’s choice of kind, group and peer only where it changed here', () => {
    const base = content({ kind: 'content', group: false, peer: false });
    const local = content({ kind: 'convention', group: false, peer: false });
    const stored = content({ kind: 'rehearsal', group: true, peer: false });
    expect(mergeDraftContent(base, local, stored)).toMatchObject({ kind: 'convention', group: true, peer: false });
  });

  it('keeps only what was typed here once the other tab saved the conference (no stored draft)', () => {
    const saved = content({ focus: 'Paragraphing', notes: 'Good talk' });
    const local = content({ focus: 'Paragraphing', notes: 'Good talk. Check back Friday' });
    expect(mergeDraftContent(saved, local, emptyConferenceContent())).toEqual(content({ notes: 'Good talk. Check back Friday' }));
  });
});

describe('what the form keeps once its conference was saved while the teacher typed on', () => {
  it('keeps only the words added after the saved ones, and nothing saved', () => {
    const saved = content({ focus: 'Paragraphing', notes: 'Reads aloud well.', questionsAsked: [question('How is it going?', 1)] });
    const local = content({ focus: 'Paragraphing', notes: 'Reads aloud well. Check back Friday.', questionsAsked: [question('How is it going?', 1), question('What next?', 2)] });
    expect(keptAfterSaved(saved, local)).toEqual(content({ notes: 'Check back Friday.', questionsAsked: [question('What next?', 2)] }));
  });

  it('keeps a box changed anywhere but at its end whole, and a box typed only after the save', () => {
    const saved = content({ notes: 'Reads aloud well.' });
    const local = content({ notes: 'Reads aloud very well.', research: 'New words' });
    expect(keptAfterSaved(saved, local)).toEqual(content({ notes: 'Reads aloud very well.', research: 'New words' }));
  });
});

describe('sameContent', () => {
  it('compares words, choices and lists', () => {
    expect(sameContent(content({ focus: 'a' }), content({ focus: 'a' }))).toBe(true);
    expect(sameContent(content({ focus: 'a' }), content({ focus: 'b' }))).toBe(false);
    expect(sameContent(content({ peer: true }), content())).toBe(false);
    expect(sameContent(content({ comments: [comment('x', 1)] }), content({ comments: [comment('x', 2)] }))).toBe(false);
  });
});
