import { useEffect, useState } from 'react';
import type { Settings } from '../../../../core/api';

const darkQuery = '(prefers-color-scheme: dark)';

/** Applies the theme and density to the document root; "system" follows the OS live. */
export function useThemeClass(theme: Settings['theme'], density: Settings['density']): 'light' | 'dark' {
  const [systemDark, setSystemDark] = useState(() => window.matchMedia(darkQuery).matches);
  useEffect(() => {
    const query = window.matchMedia(darkQuery);
    const update = () => setSystemDark(query.matches);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  const effective = theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
  useEffect(() => {
    document.documentElement.dataset.theme = effective;
    document.documentElement.dataset.density = density;
  }, [effective, density]);
  return effective;
}
