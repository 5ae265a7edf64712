import { ApiError } from '../api/client';

export function errorText(error: unknown): { message: string; suggestion?: string } {
  if (error instanceof ApiError) return { message: error.message, suggestion: error.suggestion };
  if (error instanceof Error) {
    // fetch rejects with a TypeError when the gateway cannot be reached at all.
    if (error.name === 'TypeError') {
      return { message: 'The KubeChat server could not be reached.', suggestion: 'Check your connection and try again.' };
    }
    return { message: error.message };
  }
  return { message: String(error) };
}

export function ErrorNotice({ error, title = 'Something went wrong' }: { error: unknown; title?: string }) {
  if (!error) return null;
  const { message, suggestion } = errorText(error);
  return (
    <div role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-sm text-red-900 dark:border-red-400 dark:bg-red-950 dark:text-red-100">
      <p className="font-semibold">{title}</p>
      <p>{message}</p>
      {suggestion && <p className="mt-1"><span className="font-semibold">Suggestion: </span>{suggestion}</p>}
    </div>
  );
}
