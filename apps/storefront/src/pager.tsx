import { useState } from 'preact/hooks';

/**
 * Keyset pages: the services hand out only a `next_cursor`, so going back walks the cursors
 * this page has already used. `cursor` is the one to ask for now (none: the first page).
 */
export interface CursorTrail {
  cursor: string | undefined;
  hasPrevious: boolean;
  previous(): void;
  next(cursor: string): void;
  /** Back to the first page, e.g. when the search changes. */
  reset(): void;
}

export function useCursorTrail(): CursorTrail {
  const [cursors, setCursors] = useState<string[]>([]);
  return {
    cursor: cursors.at(-1),
    hasPrevious: cursors.length > 0,
    previous: () => setCursors(cursors.slice(0, -1)),
    next: (cursor) => setCursors([...cursors, cursor]),
    reset: () => setCursors([]),
  };
}

export function Pager({
  label,
  trail,
  nextCursor,
}: {
  label: string;
  trail: CursorTrail;
  nextCursor: string | null | undefined;
}) {
  return (
    <nav aria-label={label} class="pager">
      {trail.hasPrevious && (
        <button type="button" onClick={trail.previous}>
          Previous page
        </button>
      )}
      {nextCursor && (
        <button type="button" onClick={() => trail.next(nextCursor)}>
          Next page
        </button>
      )}
    </nav>
  );
}
