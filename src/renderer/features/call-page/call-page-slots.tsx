import { useEffect, useRef, type ReactNode } from 'react';
import { TitledSection } from './titled-section';

export type SlotName = 'tags' | 'summary' | 'exports';

type Props = {
  name: SlotName;
  title: string;
  children: ReactNode;
  /** Scrolled into view and focused when the page opens (a search hit found in this section). */
  focused?: boolean | undefined;
};

/**
 * A section of the call page that other parts of the app fill: tags (and suggested tags), the
 * summary once one is drafted, and the export formats. Each has its own titled, labelled region
 * (`data-testid="slot-<name>"`), so filling one means replacing its children, nothing else.
 */
export function CallPageSlot({ name, title, children, focused = false }: Props) {
  const id = `call-slot-${name}`;
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focused) {
      section.current?.scrollIntoView({ block: 'start' });
      section.current?.focus({ preventScroll: true });
    }
  }, [focused]);
  return (
    <TitledSection ref={section} id={id} title={title} testId={`slot-${name}`} tabIndex={focused ? -1 : undefined}>
      {children}
    </TitledSection>
  );
}
