// Functions that run inside a Confer page (handed to Playwright's or Puppeteer's `evaluate`, which
// send their source to the page: each must be self-contained).

/** Every record in Confer's notebook (IndexedDB `confer-notebook`, store `records`), as one JSON text. */
export function notebookRecordsAsJson() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('confer-notebook');
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const all = request.result.transaction('records').objectStore('records').getAll();
      all.onsuccess = () => resolve(JSON.stringify(all.result));
    };
  });
}
