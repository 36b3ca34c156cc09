/**
 * Calls `run` when this page is hidden (the teacher switches tabs or minimises the window) or is
 * being closed: the last moment words typed in it can still be written. Returns the unsubscribe.
 * https://developer.chrome.com/docs/web-platform/page-lifecycle-api#advice-hidden
 */
export function whenPageHidden(run: () => void): () => void {
  const onVisibility = (): void => {
    if (document.visibilityState === 'hidden') run();
  };
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('pagehide', run);
  return () => {
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('pagehide', run);
  };
}
