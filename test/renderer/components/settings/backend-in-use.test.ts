import { describe, expect, it } from 'vitest';
import { backendFieldHint, backendFieldPlaceholder, backendSourceText } from '../../../../renderer/src/components/settings/backend-in-use';

const flag = { url: 'http://127.0.0.1:4010', source: 'command_line' } as const;
const demo = { url: 'http://127.0.0.1:39211', source: 'built_in_demo' } as const;
const saved = { url: 'https://backend.example/sync', source: 'settings' } as const;

describe('what Settings and About say about the backend in use', () => {
  it('--backend: names its URL and says it takes the place of the setting; never "Built-in demo backend"', () => {
    expect(backendSourceText(flag)).toBe('set by --backend when this console was started');
    expect(backendFieldPlaceholder(flag)).toBe('Set by --backend: http://127.0.0.1:4010');
    expect(backendFieldHint(flag, null)).toBe(
      'In use now: http://127.0.0.1:4010, set by --backend when this console was started; it takes the place of this setting.',
    );
    expect(backendFieldHint(flag, null)).not.toMatch(/demo/i);
  });

  it('the built-in demo backend: says so, with its address', () => {
    expect(backendFieldPlaceholder(demo)).toBe('Built-in demo backend');
    expect(backendSourceText(demo)).toBe('the built-in demo backend, on demo data');
    expect(backendFieldHint(demo, null)).toBe(
      'In use now: http://127.0.0.1:39211, the built-in demo backend. Leave empty to keep using it.',
    );
    expect(backendFieldHint(demo, 'https://other.example')).toMatch(/used from the next start\.$/);
  });

  it('the setting: the URL in use, and a changed one is used from the next start', () => {
    expect(backendFieldHint(saved, 'https://backend.example/sync/')).toBe('In use now: https://backend.example/sync, from this setting.');
    expect(backendFieldHint(saved, 'https://other.example')).toBe(
      'In use now: https://backend.example/sync, from this setting. A URL saved here is used from the next start.',
    );
    expect(backendFieldHint(saved, null)).toMatch(/Saved empty, the built-in demo backend is used from the next start\.$/);
  });
});
