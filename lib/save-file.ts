/**
 * Hands a file to the browser's downloads, as a link with `download` does: no `downloads`
 * permission, and the browser's own Save dialog or downloads folder, as the teacher has set it.
 */
export function saveFile(file: Blob, fileName: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  // Firefox follows a link only once it is in the document.
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the file after click() returns, so the URL is freed later rather than now
  // (an export is tens of MB: it shouldn't be held for the life of the page either).
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
