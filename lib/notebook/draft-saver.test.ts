import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDraftSaver, type DraftSaveStatus } from './draft-saver';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup(write: (value: string) => Promise<unknown>) {
  const statuses: DraftSaveStatus[] = [];
  const saver = createDraftSaver<string>({ write, onStatus: (status) => statuses.push(status), retryDelaysMs: [1000, 3000] });
  return { saver, statuses };
}

describe('the draft saver', () => {
  it('writes within 300 ms of the last keystroke, once per pause in typing', async () => {
    const written: string[] = [];
    const { saver, statuses } = setup(async (value) => written.push(value));
    saver.change('W');
    await vi.advanceTimersByTimeAsync(100);
    saver.change('Wo');
    await vi.advanceTimersByTimeAsync(100);
    saver.change('Wor');
    expect(written).toEqual([]);
    await vi.advanceTimersByTimeAsync(300);
    expect(written).toEqual(['Wor']);
    expect(statuses.at(-1)?.state).toBe('saved');
    expect(saver.hasUnsaved()).toBe(false);
  });

  it('keeps writing while the teacher types without a pause: every keystroke is stored within 300 ms', async () => {
    const written: { value: string; at: number }[] = [];
    const { saver } = setup(async (value) => written.push({ value, at: Date.now() }));
    const typedAt: number[] = [];
    // Five keys a second for three seconds: never a pause long enough to count as one.
    for (let key = 1; key <= 15; key++) {
      saver.change('w'.repeat(key));
      typedAt.push(Date.now());
      await vi.advanceTimersByTimeAsync(200);
    }
    await vi.advanceTimersByTimeAsync(300);
    typedAt.forEach((at, index) => {
      const stored = written.find((write) => write.value.length >= index + 1);
      expect(stored, `keystroke ${index + 1} is stored`).toBeDefined();
      expect(stored!.at - at, `keystroke ${index + 1} is stored within 300 ms`).toBeLessThanOrEqual(300);
    });
    expect(written.at(-1)?.value).toBe('w'.repeat(15));
  });

  it('keeps the text after a failed write, says so plainly, and retries until it is saved', async () => {
    const written: string[] = [];
    let failures = 2;
    const { saver, statuses } = setup(async (value) => {
      if (failures-- > 0) throw new DOMException('quota', 'QuotaExceededError');
      written.push(value);
    });
    saver.change('Research: working on the ending');
    await vi.advanceTimersByTimeAsync(300);
    expect(statuses.at(-1)).toEqual({ state: 'failed', message: expect.stringContaining('out of space') as string, retryInMs: 1000 });
    expect(saver.hasUnsaved()).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(statuses.at(-1)).toMatchObject({ state: 'failed', retryInMs: 3000 });
    await vi.advanceTimersByTimeAsync(3000);
    expect(written).toEqual(['Research: working on the ending']);
    expect(statuses.at(-1)?.state).toBe('saved');
  });

  it('writes what was typed during a failure, not the older text', async () => {
    const written: string[] = [];
    let fail = true;
    const { saver } = setup(async (value) => {
      if (fail) {
        fail = false;
        throw new DOMException('closing', 'InvalidStateError');
      }
      written.push(value);
    });
    saver.change('first');
    await vi.advanceTimersByTimeAsync(300);
    saver.change('first and more');
    await vi.advanceTimersByTimeAsync(1000);
    expect(written).toEqual(['first and more']);
  });

  it('writes what was typed while the retry that succeeded was on its way', async () => {
    const written: string[] = [];
    let fail = true;
    let typeMeanwhile = (): void => undefined;
    const { saver, statuses } = setup(async (value) => {
      if (fail) {
        fail = false;
        throw new DOMException('closing', 'InvalidStateError');
      }
      typeMeanwhile();
      typeMeanwhile = () => undefined;
      written.push(value);
    });
    saver.change('first');
    await vi.advanceTimersByTimeAsync(300);
    typeMeanwhile = () => saver.change('first and more');
    await vi.advanceTimersByTimeAsync(1000);
    expect(written).toEqual(['first']);
    expect(statuses.at(-1)?.state).toBe('pending');
    await vi.advanceTimersByTimeAsync(300);
    expect(written).toEqual(['first', 'first and more']);
    expect(statuses.at(-1)?.state).toBe('saved');
    expect(saver.hasUnsaved()).toBe(false);
  });

  it('writes at once when flushed (the tab is being closed)', async () => {
    const written: string[] = [];
    const { saver } = setup(async (value) => written.push(value));
    saver.change('last words');
    await saver.flush();
    expect(written).toEqual(['last words']);
  });

  it('never writes two versions at the same time, and ends on the newest', async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    const { saver } = setup(
      (value) =>
        new Promise<void>((resolve) => {
          order.push(`start ${value}`);
          release = () => {
            order.push(`end ${value}`);
            resolve();
          };
        }),
    );
    saver.change('a');
    await vi.advanceTimersByTimeAsync(300);
    saver.change('b');
    await vi.advanceTimersByTimeAsync(300);
    expect(order).toEqual(['start a']);
    release();
    await vi.advanceTimersByTimeAsync(0);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b']);
  });
});
