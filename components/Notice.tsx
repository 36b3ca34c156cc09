import type { ComponentChildren } from 'preact';

/** A calm, readable message: `status` for information, `alert` for something that went wrong. */
export function Notice({ tone, title, children }: { tone: 'info' | 'warning'; title?: string; children: ComponentChildren }) {
  return (
    <div class={`notice notice-${tone}`} role={tone === 'warning' ? 'alert' : 'status'}>
      {title !== undefined && <p class="notice-title">{title}</p>}
      <div>{children}</div>
    </div>
  );
}
