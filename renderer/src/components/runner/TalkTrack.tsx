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

/** For the agent only: never inside the read-out box, so nobody reads it to the customer by mistake. */
export function AgentNotes({ notes }: Readonly<{ notes: readonly string[] }>) {
  if (notes.length === 0) return null;
  return (
    <aside className="agent-note" aria-label="For you, not to read out" data-testid="agent-note">
      <p className="talk-label">For you, not to read out</p>
      {notes.map((note, index) => (
        <p key={index}>{note}</p>
      ))}
    </aside>
  );
}
