/**
 * The one content security policy, sent with every page in browser mode and by the
 * Electron session for every response. Nothing inline, nothing remote: the renderer only
 * talks to its own origin (the HTTP bridge) or to the preload (Electron).
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
