import { useEffect, useId, useLayoutEffect, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { VirtualList } from './VirtualList';

type Props<T> = Readonly<{
  label: string;
  placeholder: string;
  query: string;
  items: readonly T[];
  status: string;
  getKey: (item: T) => string;
  renderItem: (item: T, active: boolean) => ReactNode;
  isChoosable?: (item: T) => boolean;
  onQueryChange: (query: string) => void;
  onChoose: (item: T) => void;
  /** Called after a new result list is on screen (timing marks). */
  onRendered?: () => void;
  autoFocus?: boolean;
  maxHeight?: number;
}>;

/**
 * A combobox over a virtualized listbox: focus stays in the input while the arrow keys move
 * the active option and Enter chooses it. The first (most likely) result is active.
 */
export function SearchBox<T>({
  label,
  placeholder,
  query,
  items,
  status,
  getKey,
  renderItem,
  isChoosable = () => true,
  onQueryChange,
  onChoose,
  onRendered,
  autoFocus,
  maxHeight = 420,
}: Props<T>) {
  const [active, setActive] = useState(0);
  const listId = useId();
  const optionId = (index: number) => `${listId}-option-${index}`;

  useEffect(() => setActive(0), [items]);
  useLayoutEffect(() => onRendered?.(), [items, onRendered]);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const last = items.length - 1;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((index) => (index >= last ? 0 : index + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => (index <= 0 ? last : index - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const item = items[active];
      if (item !== undefined && isChoosable(item)) onChoose(item);
    }
  }

  return (
    <div className="search-box">
      <input
        type="text"
        role="combobox"
        aria-label={label}
        aria-expanded={items.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={items[active] !== undefined ? optionId(active) : undefined}
        placeholder={placeholder}
        value={query}
        autoComplete="off"
        spellCheck={false}
        autoFocus={autoFocus}
        data-autofocus
        onChange={(event) => onQueryChange(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <p className="hint search-status" role="status">
        {status}
      </p>
      <VirtualList
        id={listId}
        role="listbox"
        label={`${label}: results`}
        items={items}
        activeIndex={active}
        rowId={optionId}
        estimateSize={52}
        maxHeight={maxHeight}
        getKey={getKey}
        renderItem={(item, index) => (
          <div
            className={`search-row${index === active ? ' active' : ''}${isChoosable(item) ? '' : ' unavailable'}`}
            // Keep focus in the input; a click chooses.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              setActive(index);
              if (isChoosable(item)) onChoose(item);
            }}
          >
            {renderItem(item, index === active)}
          </div>
        )}
      />
    </div>
  );
}
