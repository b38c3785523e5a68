import type { AppInfo } from '../../../../core/api';

type BackendInUse = AppInfo['backend'];

/** Where the backend in use came from, in the agent's words (About). */
export function backendSourceText(backend: BackendInUse): string {
  switch (backend.source) {
    case 'command_line':
      return 'set by --backend when this console was started';
    case 'settings':
      return 'from the Backend URL setting';
    case 'built_in_demo':
      return 'the built-in demo backend, on demo data';
  }
}

/**
 * What the Backend URL field says under it: the backend actually in use, and when what is
 * typed would take effect. `--backend` wins over the setting, and a changed setting is used
 * from the next start, so the field alone never says which backend this console talks to.
 */
export function backendFieldHint(backend: BackendInUse, typed: string | null): string {
  const inUse = `In use now: ${backend.url}`;
  switch (backend.source) {
    case 'command_line':
      return `${inUse}, set by --backend when this console was started; it takes the place of this setting.`;
    case 'built_in_demo':
      return typed === null
        ? `${inUse}, the built-in demo backend. Leave empty to keep using it.`
        : `${inUse}, the built-in demo backend. A backend URL saved here is used from the next start.`;
    case 'settings':
      if (typed?.replace(/\/+$/, '') === backend.url) return `${inUse}, from this setting.`;
      return `${inUse}, from this setting. ${typed === null ? 'Saved empty, the built-in demo backend is used' : 'A URL saved here is used'} from the next start.`;
  }
}

/** The empty field's placeholder: what an empty setting means for this console. */
export function backendFieldPlaceholder(backend: BackendInUse): string {
  return backend.source === 'command_line' ? `Set by --backend: ${backend.url}` : 'Built-in demo backend';
}
