import { useWorkspaceStore } from '../stores/workspace-store';

/**
 * What the tab shortcuts (next, previous, close) call. The customer tabs (issue 20 item 3)
 * are built beside this work: their store connects itself here with `connectTabCommands`.
 * Until then the console has one customer open at a time, which is its only tab: next and
 * previous have nowhere to go, and close closes the customer as its Close button does.
 */
export type TabCommands = Readonly<{
  selectNextTab: () => void;
  selectPreviousTab: () => void;
  closeCurrentTab: () => void;
}>;

const oneCustomer: TabCommands = {
  selectNextTab: () => undefined,
  selectPreviousTab: () => undefined,
  closeCurrentTab: () => useWorkspaceStore.getState().close(),
};

let connected: TabCommands = oneCustomer;

export function connectTabCommands(commands: TabCommands): void {
  connected = commands;
}

export const tabCommands: TabCommands = {
  selectNextTab: () => connected.selectNextTab(),
  selectPreviousTab: () => connected.selectPreviousTab(),
  closeCurrentTab: () => connected.closeCurrentTab(),
};
