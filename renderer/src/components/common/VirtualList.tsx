import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';

type Props<T> = Readonly<{
  items: readonly T[];
  /** Accessible name of the list. */
  label: string;
  getKey: (item: T, index: number) => string;
  renderItem: (item: T, index: number) => ReactNode;
  /** Row height estimate in px; rows are measured once rendered. */
  estimateSize?: number;
  /** listbox: options picked with aria-activedescendant from a combobox; list: plain rows. */
  role?: 'list' | 'listbox';
  /** id of each row, for aria-activedescendant. */
  rowId?: (index: number) => string;
  /** The row kept in view (keyboard selection). */
  activeIndex?: number;
  maxHeight?: number;
  id?: string;
  className?: string;
  /**
   * Whether the rows hold controls of their own. When they do not, the scroll box itself
   * takes focus so it can be scrolled from the keyboard.
   */
  rowsFocusable?: boolean;
}>;

/**
 * A list that renders only the rows in view: search results, transactions and the outbox
 * may hold thousands of rows. Rows carry their position (aria-posinset/setsize) because
 * the ones off screen are not in the page.
 */
export function VirtualList<T>({
  items,
  label,
  getKey,
  renderItem,
  estimateSize = 48,
  role = 'list',
  rowId,
  activeIndex,
  maxHeight = 480,
  id,
  className,
  rowsFocusable = false,
}: Props<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimateSize,
    overscan: 6,
    getItemKey: (index) => {
      const item = items[index];
      return item === undefined ? index : getKey(item, index);
    },
  });

  useEffect(() => {
    if (activeIndex !== undefined && activeIndex >= 0 && activeIndex < items.length) {
      virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
    }
  }, [activeIndex, items.length, virtualizer]);

  const rowRole = role === 'listbox' ? 'option' : 'listitem';
  // An empty listbox is an ARIA error (it must own options); the combobox says "0 results" instead.
  if (items.length === 0) return null;
  return (
    <div
      ref={scrollRef}
      id={id}
      role={role}
      aria-label={label}
      className={['virtual-list', className].filter(Boolean).join(' ')}
      style={{ maxHeight, overflowY: 'auto' }}
      tabIndex={role === 'list' && !rowsFocusable ? 0 : undefined}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const item = items[row.index];
          if (item === undefined) return null;
          return (
            <div
              key={row.key}
              id={rowId?.(row.index)}
              role={rowRole}
              aria-setsize={items.length}
              aria-posinset={row.index + 1}
              aria-selected={role === 'listbox' ? row.index === activeIndex : undefined}
              data-index={row.index}
              ref={virtualizer.measureElement}
              className="virtual-row"
              style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${row.start}px)` }}
            >
              {renderItem(item, row.index)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
