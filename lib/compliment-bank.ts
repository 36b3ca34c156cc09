/**
 * The compliment bank: specific compliments a teacher can give a student writer, grouped by craft.
 * Each one names what the writer did and why it works for a reader ("careful praise"), never a bare
 * "Good job". The wording is Confer's own. Pure, so it is tested without a browser.
 *
 * A compliment may hold `{name}`, which `fillName` replaces with the student's first name (or
 * writes around, when Confer does not know the student).
 *
 * Built-in ids are stable: favourites and recently used compliments are stored by id, so an id is
 * never reused or renamed (a compliment whose wording is reworked keeps its id; a retired one is
 * removed, never recycled).
 */
import type { Compliment, Craft } from './notebook/model';

/** A compliment as the bank shows it: built in, or one the teacher added (`own`). */
export interface BankCompliment {
  readonly id: string;
  readonly text: string;
  readonly craft: Craft;
  readonly own: boolean;
}

export type BuiltInCompliment = Omit<BankCompliment, 'own'>;

export const CRAFT_LABELS: Record<Craft, string> = {
  ideas: 'Ideas',
  organisation: 'Organisation',
  voice: 'Voice',
  'word-choice': 'Word choice',
  'sentence-fluency': 'Sentence fluency',
  conventions: 'Conventions',
  process: 'Process and effort',
};

const c = (id: string, craft: Craft, text: string): BuiltInCompliment => ({ id: `c-${id}`, text, craft });

export const BUILT_IN_COMPLIMENTS: readonly BuiltInCompliment[] = [
  // Ideas: what the piece is about, and the details that make it real.
  c('one-small-moment', 'ideas', '{name}, you kept this whole piece about one small moment, so I always knew what mattered and never got lost along the way.'),
  c('true-details', 'ideas', 'You chose details only you could know, and those small, true things made me believe every word of this.'),
  c('show-feelings', 'ideas', 'You showed how your character felt through what they did instead of just naming the feeling, so I worked it out myself and felt it too.'),
  c('reasons-and-example', 'ideas', 'You backed up your opinion with reasons and an example, so even a reader who disagrees has to stop and think about it.'),
  c('explains-topic', 'ideas', '{name}, you clearly know a lot about this, and you explained it so that a reader who knows nothing about it can follow along.'),
  c('answered-reader-questions', 'ideas', 'You answered the questions a reader would ask before they could ask them, so I never had to stop and wonder what you meant.'),
  c('why-it-matters', 'ideas', 'You told me why this matters to you, and that made it matter to me as a reader too.'),

  // Organisation: beginnings, endings and the order in between.
  c('lead-in-the-action', 'organisation', '{name}, you began right in the middle of the action, so I wanted to keep reading to find out what would happen next.'),
  c('ending-links-back', 'organisation', 'Your ending links back to your beginning, which gives a reader a satisfying, finished feeling, like closing a circle.'),
  c('steps-in-order', 'organisation', 'You put the steps in the order a reader would do them, so someone who has never tried this could follow along without getting lost.'),
  c('new-paragraphs', 'organisation', 'You started a new paragraph each time the time, place or idea changed, which gives a reader a moment to get ready for what comes next.'),
  c('signpost-words', 'organisation', 'Your linking words, like “later that day” and “because of this”, work as signposts that carry a reader smoothly from one part to the next.'),
  c('slowed-down-moment', 'organisation', '{name}, you slowed down at the most important moment and stretched it out, so I knew exactly which part mattered most.'),
  c('helpful-headings', 'organisation', 'Your headings tell a reader what each section is about, so they know what to expect and can find what they need quickly.'),

  // Voice: the writer's personality on the page.
  c('sounds-like-you', 'voice', '{name}, this sounds just like you talking, and that makes a reader feel they know the writer and trust what you say.'),
  c('humour', 'voice', 'You used humour in just the right places, which kept me smiling and made me want to read on to see what you would say next.'),
  c('talks-to-reader', 'voice', 'You spoke straight to your reader with a question, which pulled me in and made me feel part of the conversation.'),
  c('characters-sound-different', 'voice', 'Each of your characters talks in their own way, so I could tell who was speaking and what they were like without being told.'),
  c('honest-feelings', 'voice', 'Your feelings come through strongly in this part, and that honesty makes a reader care about what happens to you.'),
  c('suits-audience', 'voice', 'You changed the way you wrote to suit the people who will read it, which shows you are thinking about your reader, just as real authors do.'),
  c('confident-opinion', 'voice', '{name}, you wrote your opinion with confidence, so a reader believes you really mean it and takes your argument seriously.'),

  // Word choice: the exact word in the right place.
  c('strong-verb', 'word-choice', '{name}, you chose a strong, exact verb here instead of a plain one, so I could see exactly how it moved.'),
  c('senses', 'word-choice', 'You wrote about sounds, smells and textures as well as what things look like, which put me right inside the scene.'),
  c('comparison', 'word-choice', 'Your comparison helped me picture something new by linking it to something I already know, and it made the idea stick in my mind.'),
  c('topic-words', 'word-choice', 'You used the proper words for your topic and explained the tricky ones, so a reader learns something new without getting stuck.'),
  c('fresh-words', 'word-choice', 'You skipped the words everyone uses and found fresher ones, which makes your writing stand out and surprises your reader.'),
  c('every-word-works', 'word-choice', 'You cut the words that were not needed, so every word left does a job and your reader gets straight to what matters.'),
  c('sound-of-words', 'word-choice', 'You picked words for their sound as well as their meaning, {name}, and that makes this a real pleasure for me to read aloud.'),

  // Sentence fluency: how the writing sounds and flows.
  c('long-and-short', 'sentence-fluency', 'You mixed long sentences with short ones, which gives your writing a rhythm that keeps a reader’s ear interested.'),
  c('short-sentence-lands', 'sentence-fluency', '{name}, that short sentence after a long one lands like a drumbeat, so the reader feels the surprise just as you did.'),
  c('varied-openings', 'sentence-fluency', 'You started your sentences in different ways, which stops the writing sounding the same and keeps your reader moving forward.'),
  c('smooth-aloud', 'sentence-fluency', 'This reads smoothly aloud and I never stumbled, which tells me you reread it and listened for the bumpy parts.'),
  c('joining-words', 'sentence-fluency', 'You joined your ideas with words like “because”, “although” and “so”, which shows a reader how your thoughts connect.'),
  c('repeated-on-purpose', 'sentence-fluency', 'You repeated a phrase on purpose, and each time it came back it grew stronger, so I felt how important it was.'),
  c('natural-dialogue', 'sentence-fluency', 'Your dialogue goes back and forth like a real conversation, so a reader can almost hear the voices.'),

  // Conventions: the marks and spellings that help a reader read.
  c('sentence-boundaries', 'conventions', '{name}, your capital letters and full stops show me where each sentence begins and ends, so I could read this without stopping to work it out.'),
  c('speech-marks', 'conventions', 'You used speech marks and a new line for each new speaker, so a reader always knows who is talking.'),
  c('sounded-out-spelling', 'conventions', 'You had a go at tricky words by saying them slowly and writing every sound, so I could read them all and your best words stayed in.'),
  c('commas-for-pauses', 'conventions', 'Your commas show a reader where to pause, which makes even your longer sentences easy to follow.'),
  c('checked-spelling', 'conventions', 'You checked your spelling with the word wall and a dictionary, so your reader can think about your ideas instead of puzzling over words.'),
  c('punctuation-for-expression', 'conventions', 'You used an exclamation mark and a question mark at just the right moments, so I knew exactly how to read those lines.'),
  c('apostrophes', 'conventions', 'Your apostrophes are in the right places, so it is clear who owns what and which letters are missing, and nothing trips your reader up.'),

  // Process and effort: the habits of a writer at work.
  c('brave-revision', 'process', '{name}, you crossed out a whole part and rewrote it to make it better; that is what real writers do, and your reader gets the stronger version.'),
  c('kept-going', 'process', 'You kept writing for the whole time today, even when it got hard, so now you have plenty of words to shape into something a reader will enjoy.'),
  c('tried-last-teaching', 'process', 'You tried what we talked about last time, right here, and it worked: this part is much clearer for a reader now.'),
  c('planned-first', 'process', 'You planned before you wrote, and it shows: every part has its place and your reader never wonders where the piece is going.'),
  c('used-partner-idea', 'process', 'You asked a partner to read your work and used their suggestion, so you found out what a real reader needed and gave it to them.'),
  c('fixed-own-work', 'process', 'You reread your work and fixed things on your own before I came over, so you caught the problems before your reader could.'),
  c('took-a-risk', 'process', 'You tried something new in this piece even though it felt risky, {name}, and that brave choice makes it more interesting for a reader.'),
];

/** A compliment the teacher added, as the bank shows it. */
export function toBankCompliment(compliment: Compliment): BankCompliment {
  return { id: compliment.id, text: compliment.text, craft: compliment.craft, own: true };
}

/** The whole bank: the built-in compliments, then the teacher's own. */
export function bankCompliments(own: readonly Compliment[]): BankCompliment[] {
  return [...BUILT_IN_COMPLIMENTS.map((compliment) => ({ ...compliment, own: false })), ...own.map(toBankCompliment)];
}

/** Invisible direction marks and zero-width characters names sometimes carry (pasted RTL names). */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/gu;
/** Quotes, brackets, separators and emoji that may cling to either end of a word of a name. */
const EDGE = String.raw`(?:[\p{Pi}\p{Pf}\p{Ps}\p{Pe}"'\u0060,;:!?*~_\-–—\p{Extended_Pictographic}\p{Emoji_Modifier}]|\u200D|\uFE0F)+`;
const EDGES = new RegExp(`^${EDGE}|${EDGE}$`, 'gu');

/**
 * The student's first name: the first word of the name that has a letter or digit in it, without
 * the quotes, brackets or emoji around it ("Jamal “JJ” Rahimi" → "Jamal", "“JJ” Rahimi" → "JJ").
 * A roster-style "Surname, Given names" gives the first given name ("Rahimi, Jamal" → "Jamal").
 * Names written without spaces (e.g. 王小明) come back whole. `null` when there is no name.
 */
export function firstName(studentName: string | null): string | null {
  if (studentName == null) return null;
  const clean = studentName.replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
  const words = (text: string) =>
    text
      .split(/[\s,]+/u)
      .map((word) => word.replace(EDGES, ''))
      .filter((word) => /[\p{L}\p{N}]/u.test(word));
  const comma = clean.indexOf(',');
  const given = comma === -1 ? [] : words(clean.slice(comma + 1));
  return given[0] ?? words(clean)[0] ?? null;
}

const PLACEHOLDER = String.raw`\{\s*name\s*\}`;
/** Words after which a name at the end of a sentence is an object ("…shared it with {name}."). */
const BEFORE_OBJECT = /(?:^|\s)(?:to|with|for|by|from|about|than|like|was|is|are|were|be|been|helped|asked|told|showed)$/iu;

/** Whether `before` (the text in front of some position) ends at the start of a sentence. */
function atSentenceStart(before: string): boolean {
  return /(?:^|[.!?…]['"’”)]*\s|\n)\s*['"‘“(]*$/u.test(before);
}

function capitalise(text: string): string {
  const [first = ''] = Array.from(text);
  return first.toUpperCase() + text.slice(first.length);
}

/**
 * The compliment with every `{name}` (any case, spaces allowed inside the braces) replaced by the
 * student's first name. Without a name, the sentence is written around the placeholder so it still
 * reads well, by these rules, in order:
 * 1. A name called out at the start of a sentence goes, and the next letter becomes a capital:
 *    "{name}, you started…" → "You started…".
 * 2. A name called out after a comma goes with its comma: "Well done, {name}." → "Well done.";
 *    "…felt risky, {name}, and…" → "…felt risky, and…".
 * 3. A name at the end of a sentence goes ("Well done {name}!" → "Well done!"), unless the word
 *    before it needs an object ("…shared it with {name}." → "…shared it with you.").
 * 4. Anywhere else the writer is spoken to: "{name}’s" → "your", "{name}" → "you", with a capital
 *    at the start of a sentence ("…because {name} chose…" → "…because you chose…").
 * Built-in compliments only use rules 1 and 2; the others keep the teacher's own ones readable.
 */
export function fillName(text: string, studentName: string | null): string {
  const name = firstName(studentName);
  if (name !== null) return text.replace(new RegExp(PLACEHOLDER, 'giu'), () => name);

  return (
    text
      // 1. "{name}, you…" at the start of a sentence.
      .replace(new RegExp(`${PLACEHOLDER}\\s*[,!]\\s*(\\S)`, 'giu'), (match: string, next: string, offset: number, whole: string) =>
        atSentenceStart(whole.slice(0, offset)) ? capitalise(next) : match,
      )
      // 2. "…, {name}." and "…, {name}, …".
      .replace(new RegExp(`\\s*,\\s*${PLACEHOLDER}(?=\\s*(?:[.!?…,;:)]|['"’”](?!\\p{L})|$))`, 'giu'), '')
      // 3. "Well done {name}!", but "…with {name}."
      .replace(new RegExp(`\\s+${PLACEHOLDER}(?=\\s*(?:[.!?…;:)]|['"’”](?!\\p{L})|$))`, 'giu'), (match: string, offset: number, whole: string) =>
        BEFORE_OBJECT.test(whole.slice(0, offset)) ? ' you' : '',
      )
      // 4. Anything else speaks to the writer.
      .replace(new RegExp(`${PLACEHOLDER}(['’]s(?!\\p{L}))?`, 'giu'), (_match: string, possessive: string | undefined, offset: number, whole: string) => {
        const word = possessive === undefined ? 'you' : 'your';
        return atSentenceStart(whole.slice(0, offset)) ? capitalise(word) : word;
      })
  );
}

export interface ComplimentOrder {
  /** Ids of the teacher's favourite compliments, in the teacher's order. */
  favourites: readonly string[];
  /** Ids of recently used compliments, newest first. */
  recent: readonly string[];
  craft: Craft | 'all';
}

/**
 * The compliments to show for a craft ('all': every craft): recently used ones first, newest
 * first, then favourites not used recently (in the favourites' order), then the rest in the
 * bank's order. Ids that are unknown or of another craft are skipped. Does not change its input.
 */
export function orderCompliments<T extends Pick<BankCompliment, 'id' | 'craft'>>(
  compliments: readonly T[],
  { favourites, recent, craft }: ComplimentOrder,
): T[] {
  const shown = compliments.filter((compliment) => craft === 'all' || compliment.craft === craft);
  const byId = new Map(shown.map((compliment) => [compliment.id, compliment] as const));
  const ordered = new Set<T>();
  for (const id of [...recent, ...favourites]) {
    const compliment = byId.get(id);
    if (compliment !== undefined) ordered.add(compliment);
  }
  for (const compliment of shown) ordered.add(compliment);
  return [...ordered];
}

/** The favourite compliments, in the favourites' order, skipping ids no longer in the bank. */
export function favouriteCompliments<T extends Pick<BankCompliment, 'id'>>(compliments: readonly T[], favourites: readonly string[]): T[] {
  const byId = new Map(compliments.map((compliment) => [compliment.id, compliment] as const));
  const found = new Set<T>();
  for (const id of favourites) {
    const compliment = byId.get(id);
    if (compliment !== undefined) found.add(compliment);
  }
  return [...found];
}

/** How many recently used compliments are remembered. */
export const RECENT_COMPLIMENTS = 20;

/** The recently used ids after using `id`: it moves to the front, without repeats, at most `max`. */
export function noteUsed(recent: readonly string[], id: string, max = RECENT_COMPLIMENTS): string[] {
  return [...new Set([id, ...recent])].slice(0, Math.max(0, Math.floor(max)));
}

/**
 * A list of ids (favourites, recently used) with `id` back where it was, at `at`, when a deleted
 * compliment is put back: unchanged if it is there already or wasn't there (`at` < 0), and at
 * most `max` long.
 */
export function putBack(ids: readonly string[], id: string, at: number, max: number): string[] {
  if (at < 0 || ids.includes(id)) return [...ids];
  return [...ids.slice(0, at), id, ...ids.slice(at)].slice(0, max);
}
