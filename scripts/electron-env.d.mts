// Types of electron-env.mjs, for the TypeScript that imports it (the Playwright smoke test).
export declare const projectRoot: string;
export declare function electronVersion(): string;
export declare function electronAbi(): string;
export declare function nativeBindingPath(version?: string): string;
export declare function findElectronBinary(): { ok: true; path: string } | { ok: false; reason: string };
export declare function probeElectronBinary(
  path: string,
  timeoutMs?: number,
): { ok: true; version: string } | { ok: false; reason: string };
