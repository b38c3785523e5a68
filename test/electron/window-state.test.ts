import { describe, expect, it } from 'vitest';
import { defaultWindowSize, restoreWindowPlacement, windowStateToSave } from '../../electron/window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const monitorOnTheRight = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('restoreWindowPlacement', () => {
  it('puts the window back where it was left', () => {
    const saved = { x: 1600, y: 100, width: 1400, height: 900, maximized: false };
    expect(restoreWindowPlacement(saved, [laptop, monitorOnTheRight])).toEqual({
      placement: { x: 1600, y: 100, width: 1400, height: 900 },
      maximized: false,
    });
  });

  it('keeps it maximized when it was', () => {
    expect(restoreWindowPlacement({ x: 0, y: 0, width: 1200, height: 800, maximized: true }, [laptop]).maximized).toBe(true);
  });

  it('centres it on the primary screen, shrunk to fit, when its screen is gone', () => {
    const saved = { x: 1600, y: 100, width: 2000, height: 1200, maximized: false };
    expect(restoreWindowPlacement(saved, [laptop])).toEqual({ placement: { width: 1440, height: 900 }, maximized: false });
  });

  it('ignores a position where only a sliver of the title bar would show', () => {
    const saved = { x: 1400, y: 100, width: 1000, height: 700, maximized: false };
    expect(restoreWindowPlacement(saved, [laptop]).placement).toEqual({ width: 1000, height: 700 });
  });

  it.each([[undefined], [null], [{ x: 'left' }], [{ x: 0, y: 0, width: -5, height: 10, maximized: false }]])(
    'opens at the default size when nothing usable was saved (%j)',
    (saved) => {
      expect(restoreWindowPlacement(saved, [laptop])).toEqual({ placement: defaultWindowSize, maximized: false });
    },
  );
});

describe('windowStateToSave', () => {
  it('rounds the normal bounds and records maximized', () => {
    expect(windowStateToSave({ x: 10.4, y: 20.6, width: 1200, height: 700 }, true)).toEqual({
      x: 10,
      y: 21,
      width: 1200,
      height: 700,
      maximized: true,
    });
  });
});
