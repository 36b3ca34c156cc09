import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { BUILT_IN_COMPLIMENTS, CRAFT_LABELS } from '../lib/compliment-bank';
import { LIMITS } from '../lib/notebook/model';
import * as notebook from '../lib/notebook/notebook';
import { useFreshNotebook } from '../lib/notebook/test-helpers';
import { ComplimentBank, type ComplimentBankProps } from './ComplimentBank';
import { until, useRenderRoot } from './test-helpers';

useFreshNotebook();
const root = useRenderRoot();

const builtIn = (id: string): string => {
  const compliment = BUILT_IN_COMPLIMENTS.find((known) => known.id === id);
  if (compliment === undefined) throw new Error(`no built-in compliment ${id}`);
  return compliment.text;
};
// Three built-ins: two speak to the student by name at the start, one has no name in it.
const SMALL_MOMENT = 'c-one-small-moment';
const TRUE_DETAILS = 'c-true-details';
const LEAD = 'c-lead-in-the-action';

/** What a screen reader calls an element: its aria-label, else its text. */
const nameOf = (element: Element): string => element.getAttribute('aria-label') ?? element.textContent?.trim() ?? '';
const buttons = (): HTMLButtonElement[] => [...root.querySelectorAll('button')];
const button = (name: string): HTMLButtonElement | undefined => buttons().find((element) => nameOf(element) === name);
const favouriteButtons = (): HTMLButtonElement[] => [...root.querySelectorAll<HTMLButtonElement>('[aria-label="Favourite compliments"] button')];
/** The filled texts of the bank list, top to bottom. */
const bankTexts = (): string[] => [...root.querySelectorAll('.compliments-list .compliment-text')].map((element) => element.textContent ?? '');
const labelled = <T extends HTMLElement>(label: string): T => {
  const labelElement = [...root.querySelectorAll('label')].find((element) => element.textContent === label);
  return root.querySelector<T>(`#${CSS.escape(labelElement!.htmlFor)}`)!;
};
const type = (element: HTMLTextAreaElement, value: string): void => {
  element.value = value;
  element.dispatchEvent(new Event('input', { bubbles: true }));
};
const choose = (element: HTMLSelectElement, value: string): void => {
  element.value = value;
  element.dispatchEvent(new Event('change', { bubbles: true }));
};
const click = async (element: HTMLElement | undefined): Promise<void> => {
  expect(element).toBeDefined();
  await act(() => element!.click());
};
const alerts = (): string => [...root.querySelectorAll('[role="alert"], [role="status"]')].map((element) => element.textContent).join(' ');

/** Opens All compliments, as the teacher does by clicking its summary. */
async function openBank(): Promise<void> {
  await click(root.querySelector<HTMLElement>('details.compliment-bank summary')!);
  await until(() => root.querySelector<HTMLDetailsElement>('details.compliment-bank')!.open && root.querySelector('.compliment-bank-body') !== null);
}

async function show(props: Partial<ComplimentBankProps> = {}): Promise<ComplimentBankProps> {
  const all: ComplimentBankProps = { studentName: 'Maya Okafor', busy: false, onPost: vi.fn(async () => true), ...props };
  await act(() => render(<ComplimentBank {...all} />, root));
  await openBank();
  await until(() => root.querySelector('.compliments-list') !== null && (favouriteButtons().length > 0 || root.textContent!.includes('No favourites yet')));
  return all;
}

describe('the compliment bank', () => {
  it('is a section headed “Compliments”, like the panel’s other sections', async () => {
    await show();
    const section = root.querySelector('section')!;
    const heading = root.querySelector(`#${section.getAttribute('aria-labelledby')}`)!;
    expect(heading.tagName).toBe('H2');
    expect(heading.textContent).toBe('Compliments');
    expect(root.querySelector('details summary')?.textContent).toBe(`All compliments (${BUILT_IN_COMPLIMENTS.length})`);
    for (const element of buttons()) expect(element.getAttribute('type')).toBe('button');
  });

  it('says how to add favourites when there are none', async () => {
    await show();
    expect(favouriteButtons()).toHaveLength(0);
    expect(root.textContent).toContain('No favourites yet');
    expect(root.textContent).toContain('star (☆)');
  });

  it('shows favourites first, as buttons named by their words with the student’s first name in them', async () => {
    await notebook.updateSettings(() => ({ favouriteCompliments: [SMALL_MOMENT, TRUE_DETAILS] }));
    await show({ studentName: 'Maya Okafor' });
    expect(favouriteButtons().map(nameOf)).toEqual([builtIn(SMALL_MOMENT).replace('{name}', 'Maya'), builtIn(TRUE_DETAILS)]);
    // The words are the button's own content: seen before posting, no hidden label.
    for (const element of favouriteButtons()) expect(element.hasAttribute('aria-label')).toBe(false);
    expect(root.textContent).not.toContain('No favourites yet');
    // Favourites come before the whole bank.
    const section = root.querySelector('section')!;
    expect(section.querySelector('[aria-label="Favourite compliments"], details')?.tagName).toBe('UL');
  });

  it('writes around {name} when the student’s name is unknown', async () => {
    await notebook.updateSettings(() => ({ favouriteCompliments: [SMALL_MOMENT, 'c-took-a-risk'] }));
    await show({ studentName: null });
    expect(favouriteButtons().map(nameOf)).toEqual([
      'You kept this whole piece about one small moment, so I always knew what mattered and never got lost along the way.',
      'You tried something new in this piece even though it felt risky, and that brave choice makes it more interesting for a reader.',
    ]);
    expect(bankTexts().filter((text) => text.includes('{name}'))).toEqual([]);
  });

  it('posts a favourite with one click, then floats it to the top of the bank as recently used', async () => {
    await notebook.updateSettings(() => ({ favouriteCompliments: [SMALL_MOMENT, LEAD] }));
    const { onPost } = await show();
    const lead = builtIn(LEAD).replace('{name}', 'Maya');
    expect(bankTexts().slice(0, 2)).toEqual([builtIn(SMALL_MOMENT).replace('{name}', 'Maya'), lead]);

    await click(button(lead));
    expect(onPost).toHaveBeenCalledTimes(1);
    expect(onPost).toHaveBeenCalledWith(lead);
    await until(() => bankTexts()[0] === lead);
    expect((await notebook.getSettings()).recentCompliments).toEqual([LEAD]);

    // Posting from the bank works the same way, and the newest use goes first.
    const details = builtIn(TRUE_DETAILS);
    await click(button(`Post: ${details}`));
    expect(onPost).toHaveBeenLastCalledWith(details);
    await until(() => bankTexts()[0] === details && bankTexts()[1] === lead);
    expect((await notebook.getSettings()).recentCompliments).toEqual([TRUE_DETAILS, LEAD]);
  });

  it('does not count a compliment as used when it wasn’t posted', async () => {
    await notebook.updateSettings(() => ({ favouriteCompliments: [LEAD] }));
    const onPost = vi.fn(async () => false);
    await show({ onPost });
    await click(favouriteButtons()[0]);
    await until(() => favouriteButtons()[0]!.getAttribute('aria-disabled') !== 'true');
    expect(onPost).toHaveBeenCalledTimes(1);
    expect((await notebook.getSettings()).recentCompliments).toEqual([]);
  });

  it('disables every post button while a comment is being posted', async () => {
    await notebook.updateSettings(() => ({ favouriteCompliments: [SMALL_MOMENT, LEAD] }));
    const props = await show({ busy: true });
    const postButtons = (): HTMLButtonElement[] => [...favouriteButtons(), ...buttons().filter((element) => nameOf(element).startsWith('Post: '))];
    expect(postButtons()).toHaveLength(2 + BUILT_IN_COMPLIMENTS.length);
    expect(postButtons().every((element) => element.getAttribute('aria-disabled') === 'true')).toBe(true);
    // Stars stay usable.
    expect(button(`Favourite: ${builtIn(TRUE_DETAILS)}`)?.disabled).toBe(false);

    await act(() => render(<ComplimentBank {...props} busy={false} />, root));
    expect(postButtons().every((element) => element.getAttribute('aria-disabled') !== 'true')).toBe(true);
  });

  it('posts at most one comment for a double click, even before the panel says it is busy', async () => {
    await notebook.updateSettings(() => ({ favouriteCompliments: [LEAD] }));
    let finish: (posted: boolean) => void = () => undefined;
    const onPost = vi.fn(() => new Promise<boolean>((resolve) => (finish = resolve)));
    await show({ onPost });
    await click(favouriteButtons()[0]);
    expect(favouriteButtons()[0]!.getAttribute('aria-disabled')).toBe('true');
    await click(favouriteButtons()[0]);
    await click(button(`Post: ${builtIn(TRUE_DETAILS)}`));
    expect(onPost).toHaveBeenCalledTimes(1);
    await act(() => finish(true));
    await until(() => favouriteButtons()[0]!.getAttribute('aria-disabled') !== 'true');
  });

  it('stars and unstars a compliment, and keeps the choice', async () => {
    const props = await show();
    const details = builtIn(TRUE_DETAILS);
    const star = (): HTMLButtonElement => button(`Favourite: ${details}`)!;
    expect(star().getAttribute('aria-pressed')).toBe('false');
    expect(star().textContent).toBe('☆');

    await click(star());
    await until(() => star().getAttribute('aria-pressed') === 'true');
    expect(star().textContent).toBe('★');
    expect(favouriteButtons().map(nameOf)).toEqual([details]);

    // Shown again from storage.
    render(null, root);
    await show(props);
    expect(favouriteButtons().map(nameOf)).toEqual([details]);
    expect(star().getAttribute('aria-pressed')).toBe('true');

    await click(star());
    await until(() => favouriteButtons().length === 0);
    expect((await notebook.getSettings()).favouriteCompliments).toEqual([]);
    render(null, root);
    await show(props);
    expect(favouriteButtons()).toHaveLength(0);
    expect(star().getAttribute('aria-pressed')).toBe('false');
  });

  it('filters the bank by craft', async () => {
    await show();
    const craft = labelled<HTMLSelectElement>('Craft');
    expect([...craft.options].map((option) => option.textContent)).toEqual(['All crafts', ...Object.values(CRAFT_LABELS)]);
    expect(bankTexts()).toHaveLength(BUILT_IN_COMPLIMENTS.length);

    await act(() => choose(craft, 'conventions'));
    const conventions = BUILT_IN_COMPLIMENTS.filter((compliment) => compliment.craft === 'conventions').map((compliment) => compliment.text.replace('{name}', 'Maya'));
    expect(bankTexts()).toEqual(conventions);

    await act(() => choose(craft, 'all'));
    expect(bankTexts()).toHaveLength(BUILT_IN_COMPLIMENTS.length);
  });

  it('refuses an empty compliment or one too long to post, keeping the words', async () => {
    await show();
    const box = labelled<HTMLTextAreaElement>('Your compliment');
    expect(root.querySelector(`#${CSS.escape(box.getAttribute('aria-describedby')!)}`)?.textContent).toContain('{name}');

    await act(() => type(box, '   '));
    await click(button('Add compliment'));
    await until(() => alerts().includes('Type the compliment first'));
    expect(await notebook.listCompliments()).toEqual([]);

    const long = 'You did it. '.repeat(Math.ceil(LIMITS.commentText / 12) + 1);
    await act(() => type(box, long));
    await click(button('Add compliment'));
    await until(() => alerts().includes('at most 5,000 characters'));
    expect(box.value).toBe(long);
    expect(await notebook.listCompliments()).toEqual([]);
  });

  it('draws All compliments when it is first opened, and keeps an edit in progress when it is closed', async () => {
    const added = await notebook.addCompliment({ text: 'Your ending circles back to your title, {name}.', craft: 'organisation' });
    await act(() => render(<ComplimentBank studentName="Maya Okafor" busy={false} onPost={vi.fn(async () => true)} />, root));
    await until(() => root.textContent!.includes('No favourites yet'));
    // Closed, the bank is a one-line summary: its list of every compliment is not drawn with the panel.
    expect(root.querySelector('details summary')?.textContent).toBe(`All compliments (${BUILT_IN_COMPLIMENTS.length + 1})`);
    expect(root.querySelector('.compliment-bank-body')).toBeNull();
    await openBank();
    await until(() => bankTexts().includes('Your ending circles back to your title, Maya.'));

    await click(button('Edit compliment: Your ending circles back to your title, Maya.'));
    await act(() => type(labelled<HTMLTextAreaElement>('Edit compliment'), 'Your ending circles back to your title and your lead, {name}.'));
    const details = root.querySelector<HTMLDetailsElement>('details.compliment-bank')!;
    await click(details.querySelector('summary')!);
    expect(details.open).toBe(false);
    await click(details.querySelector('summary')!);
    expect(labelled<HTMLTextAreaElement>('Edit compliment').value).toBe('Your ending circles back to your title and your lead, {name}.');
    expect((await notebook.listCompliments()).map((compliment) => compliment.text)).toEqual([added.text]);
  });

  it('adds your own compliment under its craft, then edits and deletes it', async () => {
    await show({ studentName: 'Jamal “JJ” Rahimi' });
    const box = labelled<HTMLTextAreaElement>('Your compliment');
    await act(() => type(box, '  {name}, your dialogue sounds like real people talking.  '));
    await act(() => choose(labelled<HTMLSelectElement>('Craft of this compliment'), 'voice'));
    await click(button('Add compliment'));
    const added = 'Jamal, your dialogue sounds like real people talking.';
    await until(() => bankTexts().includes(added));
    expect(box.value).toBe('');
    expect(alerts()).toContain('Added under Voice');
    expect((await notebook.listCompliments()).map(({ text, craft }) => ({ text, craft }))).toEqual([{ text: '{name}, your dialogue sounds like real people talking.', craft: 'voice' }]);
    expect(root.querySelector('details summary')?.textContent).toBe(`All compliments (${BUILT_IN_COMPLIMENTS.length + 1})`);

    // Under its craft, not under another; built-ins have no Edit or Delete.
    const craft = labelled<HTMLSelectElement>('Craft');
    await act(() => choose(craft, 'voice'));
    expect(bankTexts()).toContain(added);
    await act(() => choose(craft, 'ideas'));
    expect(bankTexts()).not.toContain(added);
    await act(() => choose(craft, 'voice'));
    expect(buttons().filter((element) => nameOf(element).startsWith('Edit compliment: ')).map(nameOf)).toEqual([`Edit compliment: ${added}`]);

    // Edit in place: the editor shows what was written, {name} and all.
    await click(button(`Edit compliment: ${added}`));
    const editBox = labelled<HTMLTextAreaElement>('Edit compliment');
    expect(editBox.value).toBe('{name}, your dialogue sounds like real people talking.');
    await act(() => type(editBox, ''));
    await click(button(`Save compliment: ${added}`));
    await until(() => alerts().includes('can’t be empty'));
    await act(() => type(editBox, 'Your characters sound like real people, {name}.'));
    await click(button(`Save compliment: ${added}`));
    const edited = 'Your characters sound like real people, Jamal.';
    await until(() => bankTexts().includes(edited));
    expect(bankTexts()).not.toContain(added);
    // The keyboard is back on Edit, not dropped to the start of the panel.
    await until(() => document.activeElement === button(`Edit compliment: ${edited}`));
    expect((await notebook.listCompliments()).map((compliment) => compliment.text)).toEqual(['Your characters sound like real people, {name}.']);

    // Starred and used, then deleted: gone from the bank, the favourites and the recent list.
    await click(button(`Favourite: ${edited}`));
    await until(() => favouriteButtons().map(nameOf).includes(edited));
    await click(button(edited));
    await until(() => bankTexts()[0] === edited);
    const [ownBefore, settingsBefore] = [await notebook.listCompliments(), await notebook.getSettings()];
    await click(button(`Delete compliment: ${edited}`));
    await until(() => !bankTexts().includes(edited));
    expect(favouriteButtons()).toHaveLength(0);
    expect(await notebook.listCompliments()).toEqual([]);
    const settings = await notebook.getSettings();
    expect(settings.favouriteCompliments).toEqual([]);
    expect(settings.recentCompliments).toEqual([]);

    // Undo is one key away (the keyboard is on it), and puts it back: in the bank, starred, first among the used.
    expect(alerts()).toContain('Compliment deleted.');
    expect(document.activeElement).toBe(button(`Undo: put back the compliment “${edited}”`));
    await click(button(`Undo: put back the compliment “${edited}”`));
    await until(() => bankTexts()[0] === edited && favouriteButtons().map(nameOf).includes(edited));
    expect(alerts()).not.toContain('Compliment deleted.');
    expect(document.activeElement).toBe(root.querySelector('#compliments-heading'));
    expect((await notebook.listCompliments()).map(({ id, text, craft }) => ({ id, text, craft }))).toEqual(ownBefore.map(({ id, text, craft }) => ({ id, text, craft })));
    const restored = await notebook.getSettings();
    expect(restored.favouriteCompliments).toEqual(settingsBefore.favouriteCompliments);
    expect(restored.recentCompliments).toEqual(settingsBefore.recentCompliments);
  });

  it('says plainly when a deleted compliment can’t be put back, and keeps Undo', async () => {
    const own = await notebook.addCompliment({ text: 'You chose one moment and stayed in it.', craft: 'ideas' });
    await show();
    await until(() => bankTexts().includes(own.text));
    await click(button(`Delete compliment: ${own.text}`));
    await until(() => !bankTexts().includes(own.text));
    vi.spyOn(notebook, 'restoreCompliment').mockRejectedValue(new DOMException('quota', 'QuotaExceededError'));
    await click(button(`Undo: put back the compliment “${own.text}”`));
    await until(() => alerts().includes('The compliment couldn’t be put back.'));
    expect(button(`Undo: put back the compliment “${own.text}”`)).toBeDefined();
  });

  it('when a posted compliment’s use can’t be noted, says so without asking to try again (that would post it twice)', async () => {
    await notebook.updateSettings(() => ({ favouriteCompliments: [LEAD] }));
    const { onPost } = await show();
    vi.spyOn(notebook, 'updateSettings').mockRejectedValue(new DOMException('closing', 'InvalidStateError'));
    await click(button(builtIn(LEAD).replace('{name}', 'Maya')));
    await until(() => alerts().includes('couldn’t note that you used it'));
    expect(alerts()).toContain('The compliment was posted, but Confer couldn’t note that you used it. The browser closed Confer’s notebook for a moment.');
    expect(alerts()).not.toMatch(/try again/i);
    expect(onPost).toHaveBeenCalledTimes(1);
  });

  it('says plainly when the compliment can’t be saved, and keeps what was typed', async () => {
    vi.spyOn(notebook, 'addCompliment').mockRejectedValue(new DOMException('quota', 'QuotaExceededError'));
    await show();
    const box = labelled<HTMLTextAreaElement>('Your compliment');
    await act(() => type(box, 'You planned this before you wrote it.'));
    await click(button('Add compliment'));
    await until(() => alerts().includes('out of space'));
    expect(alerts()).toContain('The compliment isn’t saved.');
    expect(box.value).toBe('You planned this before you wrote it.');
  });

  it('shows a compliment and a favourite added in another tab', async () => {
    await show();
    const own = await notebook.addCompliment({ text: 'You gave {name} a title that makes me want to read on.', craft: 'organisation' });
    await until(() => bankTexts().includes('You gave Maya a title that makes me want to read on.'));
    await notebook.updateSettings(() => ({ favouriteCompliments: [own.id] }));
    await until(() => favouriteButtons().map(nameOf).includes('You gave Maya a title that makes me want to read on.'));
    await notebook.deleteCompliment(own.id);
    await until(() => !bankTexts().includes('You gave Maya a title that makes me want to read on.'));
    expect(favouriteButtons()).toHaveLength(0);
  });
});
