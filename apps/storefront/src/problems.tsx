import { useEffect } from 'preact/hooks';
import { describeFailure } from './failures.js';
import { Link } from './router.js';
import { useShop } from './shop.js';

/** The one way pages show a failure: a message, a retry when it may help, a login when needed. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { endSession } = useShop();
  const failure = describeFailure(error);
  useEffect(() => {
    if (failure.signedOut) endSession();
  }, [failure.signedOut, endSession]);
  return (
    <div class="notice notice-error" role="alert">
      <p>{failure.message}</p>
      {failure.requestId && <p class="small">Request id: {failure.requestId}</p>}
      {failure.retryable && onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
      {failure.signedOut && <Link href="/login">Log in</Link>}
    </div>
  );
}
