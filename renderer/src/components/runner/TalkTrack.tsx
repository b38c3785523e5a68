/** What the agent says, set apart from what the agent does. */
export function TalkTrack({ lines, label = 'Say' }: Readonly<{ lines: readonly string[]; label?: string }>) {
  if (lines.length === 0) return null;
  return (
    <aside className="talk-track" aria-label={label}>
      <p className="talk-label">{label}</p>
      {lines.map((line, index) => (
        <blockquote key={index}>“{line}”</blockquote>
      ))}
    </aside>
  );
}
