/**
 * Chapters announced on the home page before they exist. When a chapter ships, delete its line
 * here and add content/chapters/<slug>.mdx: the chapter map picks it up from the collection.
 */
import type { CurriculumId } from "./curriculum";

export interface UpcomingChapter {
  readonly title: string;
  readonly description: string;
  readonly topics: readonly CurriculumId[];
}

export const UPCOMING_CHAPTERS: readonly UpcomingChapter[] = [
  {
    title: "Reliability and ordering",
    description: "Where records are lost, duplicated or reordered, and the settings that prevent each: acks, retries, idempotence, transactions.",
    topics: ["R-LOSS", "R-DUP", "R-ORDER", "R-FIX", "P-IDEMP"],
  },
];
