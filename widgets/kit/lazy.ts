/**
 * Loads a widget's code only when one of its elements comes near the viewport, so a chapter
 * ships almost no JavaScript before a widget scrolls into view (DESIGN: 120 KB budget).
 * An exercise's "Check" button can ask for a widget early by dispatching `kl-load` on it.
 * Astro wrappers call this from their tiny <script>; the element module is a dynamic import.
 */
export const LOAD_EVENT = "kl-load";

export function loadWhenVisible(tag: string, load: () => Promise<unknown>): void {
  const elements = [...document.querySelectorAll<HTMLElement>(tag)];
  if (elements.length === 0) return;
  let loading: Promise<unknown> | null = null;
  const start = (): void => {
    if (loading) return;
    for (const element of elements) element.setAttribute("data-kl-loading", "");
    loading = load()
      .catch((error: unknown) => {
        for (const element of elements) element.setAttribute("data-kl-failed", "");
        console.error(`Kafka Lab: could not load <${tag}>`, error);
      })
      .finally(() => {
        for (const element of elements) element.removeAttribute("data-kl-loading");
      });
  };
  for (const element of elements) element.addEventListener(LOAD_EVENT, start, { once: true });
  if (!("IntersectionObserver" in window)) return start();
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      start();
    },
    // Start a screen early, so the widget is live by the time the reader reaches it.
    { rootMargin: "600px 0px" },
  );
  for (const element of elements) observer.observe(element);
}
