import { useState } from 'preact/hooks';
import type { TargetedToggleEvent } from 'preact';

/**
 * For a closed `<details>` holding many elements (All compliments, each History entry): its
 * contents are drawn the first time it is opened rather than with the panel, and then kept, so an
 * edit in progress inside survives closing it. Drawing them all up front made the panel 20–40 ms
 * slower to become usable with 200 past conferences (medians of 10, three alternating pairs each).
 * Pass `onToggle` to the `<details>`; draw its contents when `drawn` is true.
 */
export function useDrawnWhenOpened(): { drawn: boolean; onToggle(event: TargetedToggleEvent<HTMLDetailsElement>): void } {
  const [drawn, setDrawn] = useState(false);
  return {
    drawn,
    onToggle: (event) => {
      if (event.currentTarget.open) setDrawn(true);
    },
  };
}
