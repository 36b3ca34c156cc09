import { useEffect, useRef } from 'preact/hooks';

/**
 * The button that opened an inline editor (Edit), given the keyboard back when the editor closes,
 * saved or cancelled: otherwise the focus falls to the start of the panel with the editor gone.
 */
export function useFocusBack(editing: boolean) {
  const opener = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && !editing) opener.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  return opener;
}
