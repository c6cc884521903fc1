/** A component loaded on first use (charts and comparison stay out of the first download). */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function Lazy<P extends object>({ load, props }: { load: () => Promise<ComponentType<P>>; props: P }) {
  const [Component, setComponent] = useState<ComponentType<P> | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    load()
      .then((c) => setComponent(() => c))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  if (error) return <p class="error">Konnte nicht geladen werden: {error}</p>;
  return Component ? <Component {...props} /> : <p>Wird geladen …</p>;
}
