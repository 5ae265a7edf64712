import * as Dialog from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';

/**
 * A modal dialog around a form: overlay, centred card, title and description for screen readers.
 * Radix traps focus in it and closes it on Escape; Dialog.Close inside the form closes it too.
 */
export function FormDialog({ open, onOpenChange, title, description, width = 'w-[28rem]', onCloseAutoFocus, children }: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description: ReactNode;
  /** A Tailwind width class for the card. */
  width?: string;
  onCloseAutoFocus?: (event: Event) => void;
  children: ReactNode;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <Dialog.Content
          className={`card fixed left-1/2 top-1/2 z-50 ${width} max-w-[95vw] -translate-x-1/2 -translate-y-1/2 shadow-xl`}
          onCloseAutoFocus={onCloseAutoFocus}
        >
          <Dialog.Title className="text-lg font-semibold">{title}</Dialog.Title>
          <Dialog.Description className="muted mb-3 text-sm">{description}</Dialog.Description>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
