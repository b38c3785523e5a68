import { describe, expect, it } from 'vitest';
import { stillLoadingText } from '../../../renderer/src/lib/search-status';

const pages = { phase: 'pages', fraction: 0.25, bytes: null, totalBytes: null, appliedRows: 250, totalRows: 1000 } as const;

describe('what a search says while the first sync fills the cache', () => {
  it('estimates the accounts to come from the pages pulled so far', () => {
    expect(stillLoadingText({ accountsLoaded: 1000 }, pages)).toBe(
      'Still loading accounts: 1,000 of about 4,000. The list updates as they arrive.',
    );
  });

  it('makes no estimate from a snapshot download: its fraction is of bytes, and no account is searchable before the install', () => {
    const download = { ...pages, phase: 'download', fraction: 0.41, bytes: 120_000_000, totalBytes: 290_000_000, appliedRows: 0 } as const;
    expect(stillLoadingText({ accountsLoaded: 0 }, download)).toBe('Still loading accounts: 0 so far. The list updates as they arrive.');
  });
});
