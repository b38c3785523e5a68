import { z } from 'zod';
import type { WindowPlacement } from './security';

/** The window's size and position as last left by the agent, kept between runs. */
export const savedWindowStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});
export type SavedWindowState = z.infer<typeof savedWindowStateSchema>;

export type Rectangle = Readonly<{ x: number; y: number; width: number; height: number }>;

export const defaultWindowSize = { width: 1280, height: 800 } as const;
/** How much of the title bar must be on a screen for the saved position to be used. */
const minVisibleTitleBar = { width: 160, height: 40 };

/**
 * Where the window opens: where it was left, unless that place is no longer on any screen
 * (a laptop undocked from its second monitor), in which case it opens centred at the size it
 * had, shrunk to fit the primary screen.
 */
export function restoreWindowPlacement(
  saved: unknown,
  workAreas: ReadonlyArray<Rectangle>,
): Readonly<{ placement: WindowPlacement; maximized: boolean }> {
  const parsed = savedWindowStateSchema.safeParse(saved);
  const primary = workAreas[0];
  if (!parsed.success) return { placement: fitTo(defaultWindowSize, primary), maximized: false };
  const state = parsed.data;
  const titleBar: Rectangle = { x: state.x, y: state.y, width: state.width, height: minVisibleTitleBar.height };
  const onScreen = workAreas.some((area) => overlap(titleBar, area, minVisibleTitleBar));
  const placement = onScreen
    ? { x: state.x, y: state.y, width: state.width, height: state.height }
    : fitTo({ width: state.width, height: state.height }, primary);
  return { placement, maximized: state.maximized };
}

function fitTo(size: Readonly<{ width: number; height: number }>, area: Rectangle | undefined): WindowPlacement {
  if (!area) return { width: size.width, height: size.height };
  return { width: Math.min(size.width, area.width), height: Math.min(size.height, area.height) };
}

function overlap(a: Rectangle, b: Rectangle, minimum: Readonly<{ width: number; height: number }>): boolean {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width >= Math.min(minimum.width, a.width) && height >= Math.min(minimum.height, a.height);
}

/** What to save when the window closes: its normal (not maximized) bounds, and whether it was maximized. */
export function windowStateToSave(normalBounds: Rectangle, maximized: boolean): SavedWindowState {
  return {
    x: Math.round(normalBounds.x),
    y: Math.round(normalBounds.y),
    width: Math.round(normalBounds.width),
    height: Math.round(normalBounds.height),
    maximized,
  };
}
