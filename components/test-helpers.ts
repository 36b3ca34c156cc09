/**
 * Shared set-up for the panel components' tests (happy-dom): a container to render into, and a
 * wait that lets Preact and the notebook's promises run.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect } from 'vitest';

/** A container in the document for each test, emptied (components unmounted) and removed after it. */
export function useRenderRoot(): HTMLElement {
  const root = document.createElement('div');
  beforeEach(() => {
    document.body.append(root);
  });
  afterEach(() => {
    render(null, root);
    root.remove();
  });
  return root;
}

/** Lets the components update until `check` holds (for up to 2 s), then asserts that it does. */
export async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i += 1) await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  expect(check()).toBe(true);
}
