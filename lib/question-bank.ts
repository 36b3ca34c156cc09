/**
 * The question bank: questions a teacher can ask during a writing conference, grouped by the
 * conference's phase and tagged with the kinds of conference they suit, plus sentence starters the
 * student finishes. The wording is Confer's own. Pure, so it is tested without a browser.
 *
 * Built-in ids are stable: favourites are stored by id, so an id is never reused or renamed (a
 * question whose wording is reworked keeps its id; a retired one is removed, never recycled).
 */
import type { ConferenceKind, Question, QuestionPhase } from './notebook/model';

/** A question as the bank shows it: built in, or one the teacher added (`own`). */
export interface BankQuestion {
  readonly id: string;
  readonly text: string;
  readonly phase: QuestionPhase;
  /** The kinds of conference it suits; empty means any. */
  readonly kinds: readonly ConferenceKind[];
  readonly own: boolean;
}

export type BuiltInQuestion = Omit<BankQuestion, 'own'>;

export const PHASE_LABELS: Record<QuestionPhase, string> = {
  opening: 'Opening and research',
  reading: 'Reading together',
  compliment: 'Compliment',
  teaching: 'Teaching and deciding',
  'next-step': 'Next steps',
  'student-stem': 'Student sentence starters',
};

const q = (id: string, phase: QuestionPhase, text: string, kinds: readonly ConferenceKind[] = []): BuiltInQuestion => ({
  id: `q-${id}`,
  text,
  phase,
  kinds,
});

export const BUILT_IN_QUESTIONS: readonly BuiltInQuestion[] = [
  // Opening and research: the writer talks first.
  q('how-is-it-going', 'opening', 'How is your writing coming along today?'),
  q('catch-me-up', 'opening', 'Catch me up: what have you done since we last talked?'),
  q('working-on-now', 'opening', 'What are you working on right now?'),
  q('tricky-so-far', 'opening', 'What has been tricky for you so far?'),
  q('feel-about-piece', 'opening', 'How do you feel about this piece at the moment?'),
  q('most-useful-today', 'opening', 'What would be most useful for us to talk about today?'),
  q('tried-since-last-time', 'opening', 'Last time we talked, you were going to try something new. How did it go?'),
  q('enjoy-writing', 'opening', 'What kind of writing do you enjoy most?', ['compliment']),
  q('you-as-writer', 'opening', 'Tell me about yourself as a writer. What do you love to write about?', ['compliment']),
  q('idea-came-from', 'opening', 'Where did the idea for this piece come from?', ['rehearsal']),
  q('choosing-topic', 'opening', 'Which ideas are you choosing between? Tell me a little about each one.', ['rehearsal']),
  q('stuck-usually', 'opening', 'When you get stuck during writing time, what do you usually do?', ['expectation']),
  q('keep-going-today', 'opening', 'How long did you keep writing today before you took a break?', ['expectation']),
  q('one-sentence-about', 'opening', 'What is this piece really about? Can you say it in one sentence?', ['content']),
  q('unsure-spelling', 'opening', 'What do you do when you want a word but are not sure how to spell it?', ['convention']),

  // Reading together.
  q('read-me-part', 'reading', 'Would you read me the part you are working on now?'),
  q('choose-part-aloud', 'reading', 'Choose a part you want me to hear and read it to me out loud.'),
  q('point-where-start', 'reading', 'Let’s read it together. Point to where you would like me to start.'),
  q('bumpy-place', 'reading', 'As you read, listen for a place that sounds bumpy. Did you hear one?'),
  q('proudest-part', 'reading', 'Read me the part you are proudest of.', ['compliment']),
  q('movie-in-my-head', 'reading', 'I am picturing this like a film in my head. Can you help me see more of it here?', ['content']),
  q('first-lines', 'reading', 'Read me your first few lines. What would make a reader want to keep going?', ['content']),
  q('lost-here', 'reading', 'I got a little lost at this point. Can you tell me what is happening?', ['content']),
  q('read-how-sounds', 'reading', 'Read this sentence the way you want it to sound. Where does your voice stop for a breath?', ['convention']),
  q('spelled-yourself', 'reading', 'Point to a word you spelled all by yourself. How did you work it out?', ['convention']),
  q('plan-matches', 'reading', 'Show me your plan. Which parts of it have you written so far?', ['rehearsal']),
  q('today-compared', 'reading', 'Show me what you wrote today. How does it compare with yesterday?', ['expectation']),

  // Compliment: name one thing that works, so the writer does it again.
  q('working-best', 'compliment', 'What do you think is working best in this piece?'),
  q('say-what-you-did', 'compliment', 'Look at what you did right here. Can you put it into your own words?'),
  q('stayed-with-me', 'compliment', 'This part stayed with me after you read it. How did you make it so clear?'),
  q('keep-doing', 'compliment', 'What is something you do as a writer that you want to keep doing?', ['compliment']),
  q('why-it-matters', 'compliment', 'I can tell this topic matters to you. What makes it so important?', ['compliment']),
  q('strong-word', 'compliment', 'You chose a really strong word here. What made you pick it?', ['content', 'compliment']),
  q('kept-at-it', 'compliment', 'You kept going even when it got hard today. What helped you stick with it?', ['expectation']),
  q('planning-helped', 'compliment', 'You planned before you started writing. How did that help you?', ['rehearsal']),
  q('full-stops-help', 'compliment', 'Your full stops make this easy for me to read. How did you decide where they go?', ['convention']),
  q('found-it-yourself', 'compliment', 'You used the word wall without asking anyone. How did you know it would help?', ['convention', 'expectation']),

  // Teaching and deciding: one focus, demonstrated.
  q('watch-me-try', 'teaching', 'Let me show you one thing writers do. Watch me try it, then you have a go.'),
  q('add-cut-move', 'teaching', 'Which would you like to try here: adding something, cutting something or moving a part?'),
  q('mini-lesson-idea', 'teaching', 'Think back to one of our mini-lessons. Which idea from it could help this piece?'),
  q('most-important-thing', 'teaching', 'What is the most important thing you want your reader to understand?', ['content']),
  q('reader-feel-end', 'teaching', 'How do you want your reader to feel when they reach the end?', ['content']),
  q('hook-reader', 'teaching', 'Does your beginning make a reader curious? How could it hook them even more?', ['content']),
  q('slow-down', 'teaching', 'Where could you slow down and show what happened, one moment at a time?', ['content']),
  q('does-it-belong', 'teaching', 'Is there a part that wanders away from your main idea? What could you leave out?', ['content']),
  q('hear-them-talk', 'teaching', 'How could you help your reader hear the way this person talks?', ['content']),
  q('three-ideas', 'teaching', 'Let’s list three things you could write about. Which one do you have the most to say about?', ['rehearsal']),
  q('tell-across-fingers', 'teaching', 'Can you tell me the story out loud, one part on each finger, before you write it?', ['rehearsal']),
  q('who-is-it-for', 'teaching', 'Who is going to read this? What will they need to know?', ['rehearsal', 'convention']),
  q('say-it-slowly', 'teaching', 'Say the word slowly. What sounds can you hear?', ['convention']),
  q('check-spelling-where', 'teaching', 'Where in the room could you look to check this spelling on your own?', ['convention']),
  q('sentence-ends', 'teaching', 'Where does one sentence finish and the next one begin? Let’s mark it together.', ['convention']),
  q('before-asking', 'teaching', 'When you are stuck, what could you try before you ask for help?', ['expectation']),
  q('when-finished', 'teaching', 'When you think you have finished, what could you do next?', ['expectation']),
  q('toolkit', 'teaching', 'What could you use from your writing toolkit to help you here?', ['expectation']),

  // Next steps: what the writer will do when the teacher moves on.
  q('when-i-walk-away', 'next-step', 'What will you do next, once I move on to another writer?'),
  q('write-it-down', 'next-step', 'Let’s write your next step down so you remember it. What should it say?'),
  q('before-we-meet', 'next-step', 'What is one thing you will try before we meet again?'),
  q('where-first', 'next-step', 'Where in your piece will you try it first?'),
  q('how-will-you-know', 'next-step', 'How will you know when you have done it well?'),
  q('share-with-partner', 'next-step', 'Who could you share this with, and what will you ask them to look for?'),
  q('keep-doing-next', 'next-step', 'What is one thing that is working that you will keep doing?', ['compliment']),
  q('start-which-idea', 'next-step', 'Which of your ideas will you start writing first?', ['rehearsal']),
  q('plan-into-writing', 'next-step', 'Which part of your plan will you turn into sentences today?', ['rehearsal']),
  q('easier-to-picture', 'next-step', 'What will you add so this part is easier to picture?', ['content']),
  q('reread-capitals', 'next-step', 'Which part will you reread to check your capital letters and full stops?', ['convention']),
  q('check-before-reader', 'next-step', 'How will you check your spelling before someone else reads this?', ['convention']),
  q('stamina-goal', 'next-step', 'How long do you think you can write on your own now? Let’s set a goal together.', ['expectation']),
  q('when-stuck-plan', 'next-step', 'If you get stuck again today, what will you try first?', ['expectation']),

  // Student sentence starters: the writer finishes them.
  q('stem-piece-about', 'student-stem', 'This piece is about…'),
  q('stem-trying-to', 'student-stem', 'Right now I am trying to…'),
  q('stem-got-stuck', 'student-stem', 'I got stuck when…'),
  q('stem-like-help', 'student-stem', 'The part I would like help with is…'),
  q('stem-not-sure-how', 'student-stem', 'I don’t know yet how to…'),
  q('stem-favourite-part', 'student-stem', 'My favourite part is … because…'),
  q('stem-still-needs-work', 'student-stem', 'The part that still needs work is…'),
  q('stem-reader-feel', 'student-stem', 'I want my reader to feel…', ['content']),
  q('stem-next', 'student-stem', 'Next, I am going to…'),
  q('stem-might-write', 'student-stem', 'An idea I might write about is…', ['rehearsal']),
  q('stem-when-stuck', 'student-stem', 'When I get stuck, I can…', ['expectation']),
  q('stem-spelling-unsure', 'student-stem', 'A word I am not sure how to spell is…', ['convention']),
  q('stem-do-well', 'student-stem', 'Something I do well as a writer is…', ['compliment']),
  q('stem-most-important', 'student-stem', 'The most important part of my writing is…', ['content']),
];

/** A question the teacher added, as the bank shows it. */
export function toBankQuestion(question: Question): BankQuestion {
  return { id: question.id, text: question.text, phase: question.phase, kinds: question.kinds, own: true };
}

/** The whole bank: the built-in questions, then the teacher's own. */
export function bankQuestions(own: readonly Question[]): BankQuestion[] {
  return [...BUILT_IN_QUESTIONS.map((question) => ({ ...question, own: false })), ...own.map(toBankQuestion)];
}

/** Lower-case, without accents, so "Élève" and "eleve" match. */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

export interface QuestionFilter {
  /** Words to look for; when any are given, the phase and kind filters do not apply. */
  search: string;
  phase: QuestionPhase | 'all';
  /** The conference's kind; `null` shows every kind. */
  kind: ConferenceKind | null;
  /** Ids of the teacher's favourite questions. */
  favourites: ReadonlySet<string>;
}

/**
 * The questions to show. With search words, every question (any phase, any kind) whose text has
 * all of them; otherwise the chosen phase's questions that suit the conference's kind. Favourites
 * come first, then those written for this kind, then the rest, each in the bank's order.
 */
export function filterQuestions(questions: readonly BankQuestion[], { search, phase, kind, favourites }: QuestionFilter): BankQuestion[] {
  const words = foldForSearch(search).split(/\s+/).filter((word) => word !== '');
  const shown =
    words.length > 0
      ? questions.filter((question) => {
          const text = foldForSearch(question.text);
          return words.every((word) => text.includes(word));
        })
      : questions.filter(
          (question) =>
            (phase === 'all' || question.phase === phase) &&
            (kind === null || question.kinds.length === 0 || question.kinds.includes(kind)),
        );
  const rank = (question: BankQuestion) => {
    if (favourites.has(question.id)) return 0;
    if (kind !== null && question.kinds.includes(kind)) return 1;
    return 2;
  };
  // Array.prototype.sort is stable, so equal ranks keep the bank's order.
  return shown
    .map((question) => ({ question, rank: rank(question) }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ question }) => question);
}

/**
 * The follow-up on the last conference's teaching point, e.g. "Last time we worked on adding
 * details. Show me where you tried it." The focus is put on one line, loses its closing punctuation
 * (the sentence supplies its own) and starts lower-case unless it begins with "I" or an acronym or
 * another word whose second letter is a capital (POV, UK). `null` when there was no teaching point.
 */
export function followUpQuestion(lastFocus: string | null): string | null {
  // One line, without the closing punctuation the sentence around it supplies.
  const focus = (lastFocus ?? '').replace(/\s+/g, ' ').trim().replace(/[\s.。…!?;:,]+$/u, '');
  if (focus === '') return null;
  return `Last time we worked on ${lowerFirst(focus)}. Show me where you tried it.`;
}

const isUpper = (char: string | undefined) => char !== undefined && char !== char.toLowerCase() && char === char.toUpperCase();

/** Lower-cases the first letter, unless the first word is "I" or looks like a name or acronym. */
function lowerFirst(text: string): string {
  const [first = '', second] = Array.from(text);
  if (/^I(?!\p{L})/u.test(text) || isUpper(second)) return text;
  return first.toLowerCase() + text.slice(first.length);
}
