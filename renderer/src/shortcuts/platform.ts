import type { KeyPlatform } from '../../../core/api/shortcuts';

type NavigatorWithUaData = Navigator & { userAgentData?: { platform?: string } };

/** macOS (and iPadOS with a keyboard) use Cmd where Windows and Linux use Ctrl; Electron's renderer reports the same. */
export function detectKeyPlatform(
  nav: NavigatorWithUaData | undefined = typeof navigator === 'undefined' ? undefined : navigator,
): KeyPlatform {
  const platform = nav?.userAgentData?.platform || nav?.platform || nav?.userAgent || '';
  return /mac|iphone|ipad/i.test(platform) ? 'mac' : 'other';
}

export const keyPlatform: KeyPlatform = detectKeyPlatform();
