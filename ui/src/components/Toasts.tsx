import * as Toast from '@radix-ui/react-toast';
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';

interface Note {
  id: number;
  title: string;
  description?: string;
  kind: 'info' | 'error';
}

const ToastContext = createContext<(note: Omit<Note, 'id'>) => void>(() => undefined);

export function useToast() {
  return useContext(ToastContext);
}

let nextId = 1;

export function Toasts({ children }: { children: ReactNode }) {
  const [notes, setNotes] = useState<Note[]>([]);
  const notify = useCallback((note: Omit<Note, 'id'>) => setNotes((all) => [...all, { ...note, id: nextId++ }]), []);
  return (
    <ToastContext.Provider value={notify}>
      <Toast.Provider swipeDirection="right" duration={6000} label="Notification">
        {children}
        {notes.map((note) => (
          <Toast.Root
            key={note.id}
            type={note.kind === 'error' ? 'foreground' : 'background'}
            onOpenChange={(open) => { if (!open) setNotes((all) => all.filter((n) => n.id !== note.id)); }}
            className={`card flex items-start gap-3 shadow-lg ${note.kind === 'error' ? 'border-red-700 dark:border-red-400' : ''}`}
          >
            <div className="flex-1">
              <Toast.Title className="font-semibold">{note.title}</Toast.Title>
              {note.description && <Toast.Description className="muted text-sm">{note.description}</Toast.Description>}
            </div>
            <Toast.Close className="btn-secondary" aria-label="Dismiss notification">×</Toast.Close>
          </Toast.Root>
        ))}
        <Toast.Viewport className="fixed bottom-4 right-4 z-50 flex w-96 max-w-[100vw] flex-col gap-2 outline-none" />
      </Toast.Provider>
    </ToastContext.Provider>
  );
}
