/**
 * A small Preact hook around @tanstack/virtual-core's framework-agnostic Virtualizer: only
 * the rows in view (plus `overscan`) are rendered, so a list of 100,000 items costs what a
 * screenful costs. Rows have a fixed height (no measuring): scrolling to any depth is exact.
 *
 * Usage: const v = useVirtualizer({count, rowHeight, getScrollElement}); render a container
 * of height v.getTotalSize() and, for each of v.getVirtualItems(), a row at its `start`.
 */
import { elementScroll, observeElementOffset, observeElementRect, Virtualizer } from '@tanstack/virtual-core';
import { useLayoutEffect, useReducer, useState } from 'preact/hooks';

interface Options {
  count: number;
  rowHeight: number;
  getScrollElement: () => HTMLElement | null;
  overscan?: number;
}

export function useVirtualizer({ count, rowHeight, getScrollElement, overscan = 8 }: Options) {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const options = {
    count,
    getScrollElement,
    estimateSize: () => rowHeight,
    overscan,
    scrollToFn: elementScroll,
    observeElementRect,
    observeElementOffset,
    // A first guess before the element is measured, so the first render shows rows.
    initialRect: { width: 0, height: 800 },
    onChange: () => rerender(undefined),
  };
  const [virtualizer] = useState(() => new Virtualizer<HTMLElement, Element>(options));
  virtualizer.setOptions(options);

  useLayoutEffect(() => virtualizer._didMount(), [virtualizer]);
  useLayoutEffect(() => {
    virtualizer._willUpdate();
  });
  return virtualizer;
}
