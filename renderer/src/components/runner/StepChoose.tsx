import { useEffect, useState } from 'react';
import type { StepView } from '../../../../core/procedures/view';

type Props = Readonly<{ step: StepView; onChoose: (ids: readonly string[]) => void }>;

/** Pick one record (radio) or several (checkboxes); options a rule refuses stay visible with the reason. */
export function StepChoose({ step, onChoose }: Props) {
  const choose = step.choose;
  // Shown at once, confirmed by the next view (which may refuse a selection and say why).
  const [selectedIds, setSelectedIds] = useState<readonly string[]>(choose?.selected ?? []);
  useEffect(() => setSelectedIds(choose?.selected ?? []), [choose?.selected]);
  if (!choose) return null;
  const selected = new Set(selectedIds);
  const pick = (ids: readonly string[]) => {
    setSelectedIds(ids);
    onChoose(ids);
  };
  const name = `choose-${step.id}`;
  return (
    <fieldset className="choices">
      <legend>
        {step.title}
        {choose.optional ? <span className="hint"> (optional)</span> : null}
      </legend>
      {choose.options.length === 0 ? <p>Nothing to choose from.</p> : null}
      {choose.options.map((option) => {
        const id = `${name}-${option.id}`;
        const reasonId = option.disabled ? `${id}-reason` : undefined;
        const detailId = option.detail ? `${id}-detail` : undefined;
        return (
          <div key={option.id} className={`choice${option.disabled ? ' disabled' : ''}`}>
            <input
              id={id}
              type={choose.multiple ? 'checkbox' : 'radio'}
              name={name}
              checked={selected.has(option.id)}
              disabled={option.disabled !== undefined}
              aria-describedby={[detailId, reasonId].filter(Boolean).join(' ') || undefined}
              onChange={(event) => {
                if (!choose.multiple) return pick([option.id]);
                const next = new Set(selected);
                if (event.target.checked) next.add(option.id);
                else next.delete(option.id);
                pick([...next]);
              }}
            />
            <label htmlFor={id}>{option.label}</label>
            {option.detail ? (
              <p id={detailId} className="hint">
                {option.detail}
              </p>
            ) : null}
            {option.disabled ? (
              <p id={reasonId} className="field-error">
                {option.disabled.message}
              </p>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}
