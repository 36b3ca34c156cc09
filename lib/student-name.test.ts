import { describe, expect, it } from 'vitest';
import { guessStudentName, titleFromDocumentTitle } from './student-name';

describe('guessStudentName: Google Classroom titles', () => {
  it.each([
    ['Maya Okafor - Personal Narrative: The Big Match', 'Maya Okafor'],
    ['Theo Lindqvist - Personal Narrative', 'Theo Lindqvist'],
    ['  Ana  María   López - Opinion Essay ', 'Ana María López'],
    ['Jean-Luc Picard - Report', 'Jean-Luc Picard'],
    ["Aoife O'Brien – Poem", "Aoife O'Brien"],
    ['Sam Lee — Draft 2 - final', 'Sam Lee'],
    ['\u200fليلى حسن - قصة شخصية', 'ليلى حسن'],
    ['佐藤 花子 - 作文', '佐藤 花子'],
  ])('%s → %s', (title, name) => {
    expect(guessStudentName(title)).toBe(name);
  });

  it.each([
    ['Untitled document'],
    ['Lesson plan for Tuesday'],
    ['- Personal Narrative'],
    ['Maya Okafor - '],
    ['Maya-Okafor-Narrative'],
    ['<img src=x onerror="window.__confer_pwned=1"> "><script>x</script> - Persuasive Letter'],
    ['This is a very long sentence that is not a name at all - Assignment'],
    ['2024 - 2025 - Plans'],
    [''],
    [null],
    [undefined],
  ])('%s → no guess', (title) => {
    expect(guessStudentName(title)).toBeNull();
  });
});

describe('titleFromDocumentTitle', () => {
  it.each([
    ['Maya Okafor - Personal Narrative - Google Docs', 'Maya Okafor - Personal Narrative'],
    ['Mi ensayo - Documentos de Google', 'Mi ensayo'],
    ['Untitled document - Google Docs', 'Untitled document'],
    ['No suffix here', 'No suffix here'],
    ['Google Docs', 'Google Docs'],
  ])('%s → %s', (tabTitle, title) => {
    expect(titleFromDocumentTitle(tabTitle)).toBe(title);
  });
});
