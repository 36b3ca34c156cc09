/**
 * Where the keyboard goes when the teacher deletes an item from one of the panel's lists: to the
 * next item (else the one before), so it doesn't fall to the start of the panel with the pressed
 * Delete button gone. Read before deleting, while the item is still in the list; `null` when it was
 * the only one, and the caller then chooses a place (the box that adds a new one).
 */
export function neighbourToFocus(pressed: Element): HTMLElement | null {
  const item = pressed.closest('li');
  const neighbour = item?.nextElementSibling ?? item?.previousElementSibling ?? null;
  return neighbour?.querySelector<HTMLElement>('button, input, summary') ?? null;
}
