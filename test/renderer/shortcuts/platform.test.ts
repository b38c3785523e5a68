import { describe, expect, it } from 'vitest';
import { detectKeyPlatform } from '../../../renderer/src/shortcuts/platform';

const nav = (fields: Readonly<{ platform?: string; userAgent?: string; userAgentData?: { platform?: string } }>) =>
  fields as unknown as Navigator;

describe('detectKeyPlatform', () => {
  it('takes macOS from navigator (Chromium, Electron and Safari say it differently)', () => {
    expect(detectKeyPlatform(nav({ userAgentData: { platform: 'macOS' }, platform: '' }))).toBe('mac');
    expect(detectKeyPlatform(nav({ platform: 'MacIntel' }))).toBe('mac');
    expect(detectKeyPlatform(nav({ platform: '', userAgent: 'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)' }))).toBe('mac');
  });

  it('takes Ctrl everywhere else, and when nothing is known', () => {
    expect(detectKeyPlatform(nav({ userAgentData: { platform: 'Windows' }, platform: 'Win32' }))).toBe('other');
    expect(detectKeyPlatform(nav({ platform: 'Linux x86_64' }))).toBe('other');
    expect(detectKeyPlatform(nav({}))).toBe('other');
  });
});
