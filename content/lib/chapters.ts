/**
 * Reading order of the published chapters. Pages ask here rather than calling getCollection,
 * so drafts, ordering and URLs are decided in one place.
 */
import { getCollection, type CollectionEntry } from "astro:content";

export type Chapter = CollectionEntry<"chapters">;

/** Chapters in reading order; drafts only appear in `astro dev`. Two chapters may not share an order. */
export async function getChaptersInOrder(): Promise<Chapter[]> {
  const chapters = await getCollection("chapters", (entry) => import.meta.env.DEV || !entry.data.draft);
  const sorted = chapters.sort((a, b) => a.data.order - b.data.order);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].data.order === sorted[i - 1].data.order) {
      throw new Error(
        `chapters: "${sorted[i - 1].id}.mdx" and "${sorted[i].id}.mdx" both have order ${sorted[i].data.order}; ` +
          `each chapter needs its own order`,
      );
    }
  }
  return sorted;
}

/** The URL of a chapter: the slug is the file name, so /chapters/brokers/ is content/chapters/brokers.mdx. */
export function chapterHref(chapter: Chapter): string {
  return `${import.meta.env.BASE_URL.replace(/\/$/, "")}/chapters/${chapter.id}/`;
}

export interface ChapterNeighbours {
  readonly previous: Chapter | undefined;
  readonly next: Chapter | undefined;
}

export function neighboursOf(chapter: Chapter, inOrder: readonly Chapter[]): ChapterNeighbours {
  const index = inOrder.findIndex((candidate) => candidate.id === chapter.id);
  return { previous: inOrder[index - 1], next: index >= 0 ? inOrder[index + 1] : undefined };
}
