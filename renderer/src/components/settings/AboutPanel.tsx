import type { AppInfo } from '../../../../core/api';
import { backendSourceText } from './backend-in-use';

export function AboutPanel({ info }: Readonly<{ info: AppInfo }>) {
  return (
    <section aria-labelledby="about-heading" className="panel">
      <h2 id="about-heading">About this console</h2>
      <dl className="facts">
        <dt>Version</dt>
        <dd>{info.version}</dd>
        <dt>Mode</dt>
        <dd>{info.mode === 'electron' ? 'Desktop app' : 'Browser mode'}</dd>
        <dt>Backend</dt>
        <dd>
          <code>{info.backend.url}</code> ({backendSourceText(info.backend)})
        </dd>
        <dt>Data folder</dt>
        <dd>
          <code>{info.dataDir}</code>
        </dd>
      </dl>
    </section>
  );
}
