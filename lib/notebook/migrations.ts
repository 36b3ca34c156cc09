/**
 * Schema migrations: numbered, pure steps from one record shape to the next.
 *
 * Step N turns records of schema version N-1 into version N, and may add records (version 2 made
 * students records of their own) or gather several into one (version 3 keeps a document's
 * conferences together on a few pages). A step never changes a record of any other version, so a
 * record written by a newer Confer passes through untouched and is never deleted.
 */
import { CONFERENCES_PER_PAGE, SCHEMA_VERSION, keys, type DocumentRecord, type Student } from './model';

export interface Entry {
  key: string;
  value: unknown;
}

export interface MigrationStep {
  /** The schema version this step produces. */
  to: number;
  description: string;
  migrate(entries: readonly Entry[]): Entry[];
}

export function schemaVersionOf(value: unknown): number | null {
  if (typeof value !== 'object' || value === null) return null;
  const version = (value as { schemaVersion?: unknown }).schemaVersion;
  return typeof version === 'number' && Number.isInteger(version) ? version : null;
}

/** The foundation's document record (schema 1), kept in the `confer-documents` database. */
interface DocumentV1 {
  schemaVersion: 1;
  docId: string;
  title: string | null;
  accountSlot: number | null;
  studentName: string | null;
  lastOpened: number;
  rev: number;
}

/** The shapes step 2 wrote (schema 3 changed only the number). */
type StudentV2 = Omit<Student, 'schemaVersion'> & { schemaVersion: 2 };
type DocumentV2 = Omit<DocumentRecord, 'schemaVersion'> & { schemaVersion: 2 };

function isDocumentV1(value: unknown): value is DocumentV1 {
  const record = value as DocumentV1;
  return (
    schemaVersionOf(value) === 1 &&
    typeof record.docId === 'string' &&
    (record.title === null || typeof record.title === 'string') &&
    (record.accountSlot === null || typeof record.accountSlot === 'number') &&
    (record.studentName === null || typeof record.studentName === 'string') &&
    typeof record.lastOpened === 'number' &&
    typeof record.rev === 'number'
  );
}

/** The same name (ignoring case and spacing) is the same student: that is how schema 1 linked documents. */
export function legacyStudentId(name: string): string {
  const normal = name.replace(/\s+/g, ' ').trim().toLocaleLowerCase('en');
  // FNV-1a, 32-bit, twice with different seeds: a stable id from the name, so the step stays pure.
  const hash = (seed: number): string => {
    let h = seed;
    for (const char of normal) {
      h ^= char.codePointAt(0)!;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(16).padStart(8, '0');
  };
  return `legacy-${hash(0x811c9dc5)}${hash(0x01000193)}`;
}

/** Schema 1 → 2: a document's `studentName` becomes a student record the document points at. */
const documentsGetStudents: MigrationStep = {
  to: 2,
  description: 'Students become records of their own; documents list their students by id.',
  migrate(entries) {
    const students = new Map<string, StudentV2>();
    const out: Entry[] = [];
    for (const entry of entries) {
      if (!isDocumentV1(entry.value)) {
        out.push(entry);
        continue;
      }
      const old = entry.value;
      const name = old.studentName?.replace(/\s+/g, ' ').trim() ?? '';
      const studentIds: string[] = [];
      if (name !== '') {
        const id = legacyStudentId(name);
        studentIds.push(id);
        const known = students.get(id);
        students.set(id, {
          schemaVersion: 2,
          rev: 1,
          id,
          name: known?.name ?? name,
          classGroup: null,
          goals: [],
          createdAt: Math.min(known?.createdAt ?? old.lastOpened, old.lastOpened),
          updatedAt: Math.max(known?.updatedAt ?? old.lastOpened, old.lastOpened),
          lastConferenceAt: null,
        });
      }
      const document: DocumentV2 = {
        schemaVersion: 2,
        rev: old.rev,
        docId: old.docId,
        title: old.title,
        accountSlot: old.accountSlot,
        studentIds,
        lastOpened: old.lastOpened,
        updatedAt: old.lastOpened,
      };
      out.push({ key: keys.document(old.docId), value: document });
    }
    for (const student of students.values()) out.push({ key: keys.student(student.id), value: student });
    return out;
  },
};

/** Where schema 2 kept each conference: `conference:<docId>:<conferenceId>`. */
const SCHEMA_2_CONFERENCE = /^conference:([A-Za-z0-9_-]+):[^:]+$/;

/**
 * Schema 3 changed where conferences are kept, not what any record says: a schema-2 record is a
 * schema-3 record with the new number. (A backup file lists conferences one by one in either
 * schema, so this is all a schema-2 backup's records need.)
 */
export function recordFromSchema2(value: unknown): unknown {
  return schemaVersionOf(value) === 2 ? { ...(value as object), schemaVersion: 3 } : value;
}

/** Schema 2 → 3: a document's conferences, one record each, are gathered onto pages of a few. */
const conferencesOnPages: MigrationStep = {
  to: 3,
  description: 'A document’s conferences are kept on pages of a few (see ConferencePageSchema).',
  migrate(entries) {
    const lists = new Map<string, unknown[]>();
    const out: Entry[] = [];
    for (const entry of entries) {
      if (schemaVersionOf(entry.value) !== 2) {
        out.push(entry);
        continue;
      }
      const docId = SCHEMA_2_CONFERENCE.exec(entry.key)?.[1];
      if (docId === undefined) {
        out.push({ key: entry.key, value: recordFromSchema2(entry.value) });
        continue;
      }
      // Keys sort by conference id within a document, so each list keeps the order it was read in.
      const list = lists.get(docId) ?? [];
      list.push(recordFromSchema2(entry.value));
      lists.set(docId, list);
    }
    // Pages made here rather than by pagesAfter: a step writes its own version (3), and a damaged
    // conference with no id must still go onto a page.
    for (const [docId, conferences] of lists) {
      for (let page = 0; page * CONFERENCES_PER_PAGE < conferences.length; page += 1) {
        const onPage = conferences.slice(page * CONFERENCES_PER_PAGE, (page + 1) * CONFERENCES_PER_PAGE);
        out.push({ key: keys.conferencePage(docId, page), value: { schemaVersion: 3, rev: 1, docId, conferences: onPage } });
      }
    }
    return out;
  },
};

/** Every step, in order. Adding a schema version means adding a step here, with its fixture test. */
export const MIGRATIONS: readonly MigrationStep[] = [documentsGetStudents, conferencesOnPages];

/**
 * Runs every step after `fromVersion` up to this Confer's schema. Records newer than this Confer,
 * and records no step recognises, come out exactly as they went in.
 */
export function migrateEntries(entries: readonly Entry[], fromVersion: number): Entry[] {
  let current = [...entries];
  for (const step of MIGRATIONS) {
    if (step.to > fromVersion && step.to <= SCHEMA_VERSION) current = step.migrate(current);
  }
  return current;
}
