/**
 * Schema migrations: numbered, pure steps from one record shape to the next.
 *
 * Step N turns records of schema version N-1 into version N, and may add records (version 2 made
 * students records of their own). A step never sees or changes a record of any other version, so a
 * record written by a newer Confer passes through untouched and is never deleted.
 */
import { SCHEMA_VERSION, keys, type DocumentRecord, type Student } from './model';

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
    const students = new Map<string, Student>();
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
      const document: DocumentRecord = {
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

/** Every step, in order. Adding a schema version means adding a step here, with its fixture test. */
export const MIGRATIONS: readonly MigrationStep[] = [documentsGetStudents];

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
