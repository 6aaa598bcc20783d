/**
 * Stands in for framer-motion, which GraphiQL uses only to make its tab strip
 * draggable: plain `ul`/`li` instead. It keeps about 130 KB of script (and
 * its layout measuring) off the page's first load, and a click on a tab is a
 * plain click again.
 */
import { createElement, forwardRef, type HTMLAttributes } from 'react';

type Props = HTMLAttributes<HTMLElement> & { values?: unknown; onReorder?: unknown; axis?: unknown; value?: unknown; as?: string };

const plain = (tag: string) => forwardRef<HTMLElement, Props>(function Plain({ values, onReorder, axis, value, as, ...rest }, ref) {
  return createElement(as ?? tag, { ...rest, ref });
});

export const Reorder = { Group: plain('ul'), Item: plain('li') };
