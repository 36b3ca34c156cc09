/**
 * Document recognition: which Google Doc (if any) a URL points at.
 *
 * Every URL form of one document — `/edit`, `/view`, `/comment`, `/preview`, another signed-in
 * account's `/u/N/`, `?authuser=N`, a document tab `?tab=t.1`, a heading `#heading=h.x` — names
 * the same `docId`, so it is the one key Confer keeps a document's conference records under.
 * The Docs home, `/document/create` and `/document/d/<ID>/copy` are not documents to confer on.
 */

/** A document a teacher can confer on. */
export interface DocRef {
  /** Google's document id: the stable key for the document's records. */
  docId: string;
  /**
   * The signed-in account slot (`/u/N/` or `?authuser=N`), kept so links Confer builds open
   * with the same Google account. `null` when the URL names none (the default account).
   */
  accountSlot: number | null;
  /** The document tab (`?tab=t.1`) the teacher is looking at, or `null` for the first tab. */
  tab: string | null;
}

/** Google's ids are URL-safe base64-ish; real ones are 44 characters, older ones shorter. */
const DOC_ID = /^[A-Za-z0-9_-]{10,128}$/;
/** Views of a document a teacher can read and comment on. `copy`, `export`, ... are not. */
const DOCUMENT_VIEWS = new Set(['edit', 'view', 'comment', 'preview']);
/** Docs' tab ids look like `t.0`, `t.k3x9...`. */
const TAB_ID = /^t\.[A-Za-z0-9_-]{1,64}$/;
/** Account slots are small integers; anything else is not a Docs URL we trust. */
const ACCOUNT_SLOT = /^\d{1,2}$/;
/** Longer than any real Docs URL: refuse to even parse something suspicious. */
const MAX_URL_LENGTH = 8192;

/**
 * Is `value` a document reference as `parseDocUrl` makes them? For a reference handed over in a
 * message: its fields must have the shapes a URL could give, whoever built it.
 */
export function isDocRef(value: unknown): value is DocRef {
  if (typeof value !== 'object' || value === null) return false;
  const { docId, accountSlot, tab } = value as Record<string, unknown>;
  return (
    typeof docId === 'string' &&
    DOC_ID.test(docId) &&
    (accountSlot === null || (typeof accountSlot === 'number' && ACCOUNT_SLOT.test(String(accountSlot)))) &&
    (tab === null || (typeof tab === 'string' && TAB_ID.test(tab)))
  );
}

/**
 * Turns any string into a document reference, or `null` when it is not a Google Docs document.
 * Pure and total: never throws, whatever it is given.
 */
export function parseDocUrl(input: unknown): DocRef | null {
  if (typeof input !== 'string' || input.length === 0 || input.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.hostname !== 'docs.google.com' || url.port !== '') return null;
  if (url.username !== '' || url.password !== '') return null;

  // Path shapes: /document/d/<ID>[/<view>] and /document/u/<N>/d/<ID>[/<view>]
  const parts = url.pathname.split('/').filter((part) => part !== '');
  if (parts[0] !== 'document') return null;
  let index = 1;
  let accountSlot: number | null = null;
  if (parts[index] === 'u') {
    const slot = parts[index + 1];
    if (slot === undefined || !ACCOUNT_SLOT.test(slot)) return null;
    accountSlot = Number(slot);
    index += 2;
  }
  if (parts[index] !== 'd') return null;
  const docId = parts[index + 1];
  if (docId === undefined || !DOC_ID.test(docId)) return null;
  const view = parts[index + 2];
  // `/document/d/<ID>` with no view redirects to /edit; anything after the view is not Docs.
  if (view !== undefined && !DOCUMENT_VIEWS.has(view)) return null;
  if (parts.length > index + 3) return null;

  const authuser = url.searchParams.get('authuser');
  if (accountSlot === null && authuser !== null && ACCOUNT_SLOT.test(authuser)) {
    accountSlot = Number(authuser);
  }
  const tabParam = url.searchParams.get('tab');
  const tab = tabParam !== null && TAB_ID.test(tabParam) ? tabParam : null;
  return { docId, accountSlot, tab };
}

/** True when two references name the same document (tabs and accounts aside). */
export function sameDocument(a: DocRef | null, b: DocRef | null): boolean {
  return a !== null && b !== null && a.docId === b.docId;
}
