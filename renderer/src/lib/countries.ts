let names: Intl.DisplayNames | null = null;

/** "US" → "United States", for reading an address back to the caller. */
export function countryName(code: string): string {
  try {
    names ??= new Intl.DisplayNames(['en'], { type: 'region' });
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
