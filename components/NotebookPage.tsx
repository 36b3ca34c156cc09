import { BackupSection } from './BackupSection';
import { CsvSection } from './CsvSection';
import { DeleteEverythingSection } from './DeleteEverythingSection';
import { RestoreSection } from './RestoreSection';

/**
 * Confer's own page for the notebook as a whole (the panel is for one document): keeping a copy of
 * it outside this browser, bringing one back, the conferences as a spreadsheet, and deleting every
 * note.
 */
export function NotebookPage({ appVersion }: { appVersion: string }) {
  return (
    <main class="notebook-page">
      <header>
        <p class="eyebrow">Confer</p>
        <h1>Your notebook</h1>
      </header>
      <p class="summary">
        Confer keeps your conference notes only in this browser profile, on this computer. Removing Confer deletes them, and so can a
        computer that clears its data. A backup file is your copy elsewhere: make one now and then, and restore it here or on
        another computer.
      </p>
      <BackupSection appVersion={appVersion} />
      <RestoreSection />
      <CsvSection />
      <DeleteEverythingSection />
    </main>
  );
}
