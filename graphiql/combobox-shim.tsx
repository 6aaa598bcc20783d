/**
 * Stands in for @headlessui/react, which GraphiQL uses only for the doc
 * explorer's search box (a Combobox). Headless UI brings react-aria,
 * @floating-ui/react and @tanstack/virtual-core with it: about 280 KB of the
 * page's script, a fifth of it, parsed on every first load for a box that is
 * seldom opened. This is the part the search box uses, as an ARIA combobox:
 *
 * - typing (or ArrowDown) shows the results; the first one is active, so
 *   Enter opens it;
 * - ArrowDown/ArrowUp (and Home/End) move the active result, the mouse too;
 *   Enter or a click opens it and closes the results, as do Escape and
 *   leaving the box;
 * - the active result carries `data-headlessui-state="active"`, which
 *   GraphiQL's stylesheet highlights, and `aria-activedescendant` names it.
 */
import {
  createContext, createElement, useContext, useEffect, useId, useMemo, useRef, useState,
  type ComponentPropsWithoutRef, type ElementType, type KeyboardEvent, type ReactNode, type Ref,
} from 'react';

interface ComboboxContext {
  listId: string;
  /** Whether the results show: typing or ArrowDown opens them; Escape, leaving the box or choosing closes them. */
  open: boolean;
  setOpen(open: boolean): void;
  /** The active option's element id. */
  active: string | undefined;
  setActive(id: string | undefined): void;
  /** Each rendered option's value, by its element id. */
  values: Map<string, unknown>;
  select(value: unknown): void;
}

const Context = createContext<ComboboxContext | null>(null);

function useCombobox(part: string): ComboboxContext {
  const context = useContext(Context);
  if (!context) throw new Error(`<${part}> must be inside <Combobox>`);
  return context;
}

/** The options in the order they are shown. */
function optionsOf(listId: string): HTMLElement[] {
  const list = document.getElementById(listId);
  return list ? [...list.querySelectorAll<HTMLElement>('[role="option"]')] : [];
}

type ComboboxProps<Value> = { as?: ElementType; onChange(value: Value): void; children?: ReactNode } & Record<string, unknown>;

export function Combobox<Value>({ as = 'div', onChange, children, ...rest }: ComboboxProps<Value>) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState<string>();
  const values = useRef(new Map<string, unknown>()).current;
  const latest = useRef(onChange);
  latest.current = onChange;
  const context = useMemo<ComboboxContext>(() => ({
    listId, open, setOpen, active, setActive, values,
    select: (value) => { setOpen(false); latest.current(value as Value); },
  }), [listId, open, active, values]);
  return <Context.Provider value={context}>{createElement(as, rest, children)}</Context.Provider>;
}

export function ComboboxInput({ ref, onChange, onKeyDown, onBlur, ...rest }: ComponentPropsWithoutRef<'input'> & { ref?: Ref<HTMLInputElement> }) {
  const { listId, open, setOpen, active, setActive, values, select } = useCombobox('ComboboxInput');
  const move = (event: KeyboardEvent<HTMLInputElement>, pick: (options: HTMLElement[], index: number) => HTMLElement | undefined) => {
    event.preventDefault();
    if (!open) return setOpen(true);
    const options = optionsOf(listId);
    const next = pick(options, options.findIndex((option) => option.id === active));
    if (!next) return;
    setActive(next.id);
    next.scrollIntoView({ block: 'nearest' });
  };
  const keys: Record<string, (event: KeyboardEvent<HTMLInputElement>) => void> = {
    ArrowDown: (event) => move(event, (options, index) => options[Math.min(index + 1, options.length - 1)]),
    ArrowUp: (event) => move(event, (options, index) => options[Math.max(index - 1, 0)]),
    Home: (event) => { if (open) move(event, (options) => options[0]); },
    End: (event) => { if (open) move(event, (options) => options.at(-1)); },
    Enter: (event) => {
      if (!open || active === undefined || !values.has(active)) return;
      event.preventDefault();
      select(values.get(active));
    },
    Escape: (event) => { if (open) { event.preventDefault(); setOpen(false); } },
  };
  return (
    <input
      {...rest}
      ref={ref}
      role="combobox"
      aria-autocomplete="list"
      aria-expanded={open}
      aria-controls={open ? listId : undefined}
      aria-activedescendant={open ? active : undefined}
      onChange={(event) => { setOpen(true); onChange?.(event); }}
      onBlur={(event) => { setOpen(false); onBlur?.(event); }}
      onKeyDown={(event) => {
        onKeyDown?.(event);
        if (!event.defaultPrevented) keys[event.key]?.(event);
      }}
    />
  );
}

export function ComboboxOptions({ children, ...rest }: ComponentPropsWithoutRef<'ul'>) {
  const { listId, open, active, setActive, values } = useCombobox('ComboboxOptions');
  const shown = useRef<unknown[]>([]);
  // new results make the first one active; the same results keep the one the keys or the mouse chose
  useEffect(() => {
    const options = optionsOf(listId);
    const now = options.map((option) => values.get(option.id));
    const changed = now.length !== shown.current.length || now.some((value, index) => value !== shown.current[index]);
    shown.current = now;
    if (changed || !options.some((option) => option.id === active)) setActive(options[0]?.id);
  });
  if (!open) return null;
  return <ul {...rest} id={listId} role="listbox">{children}</ul>;
}

export function ComboboxOption<Value>({ value, children, ...rest }: { value: Value } & Omit<ComponentPropsWithoutRef<'li'>, 'value'>) {
  const { active, setActive, values, select } = useCombobox('ComboboxOption');
  const id = useId();
  values.set(id, value);
  useEffect(() => () => { values.delete(id); }, [values, id]);
  const isActive = active === id;
  return (
    <li
      {...rest}
      id={id}
      role="option"
      aria-selected={isActive}
      data-headlessui-state={isActive ? 'active' : undefined}
      onMouseMove={() => { if (!isActive) setActive(id); }}
      onMouseDown={(event) => event.preventDefault()} // the input keeps its focus
      onClick={() => select(value)}
    >
      {children}
    </li>
  );
}
