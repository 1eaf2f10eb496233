/**
 * Content collections. Astro looks for this file at <srcDir>/content.config.ts.
 * One collection, `chapters`: content/chapters/<slug>.mdx is served at /chapters/<slug>/.
 */
import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { z } from "astro/zod";
import { CURRICULUM_IDS, isCurriculumId } from "./curriculum";

const curriculumId = z.string().refine(isCurriculumId, {
  error: (issue) =>
    `unknown curriculum topic id "${String(issue.input)}" in "topics"; ` +
    `allowed ids (content/curriculum.ts): ${CURRICULUM_IDS.join(", ")}`,
});

const chapters = defineCollection({
  // The entry id is the file name without ".mdx", and it is the URL slug: no front-matter slug.
  loader: glob({ pattern: "*.mdx", base: "./content/chapters" }),
  schema: z.object({
    title: z.string().min(1),
    description: z.string().min(1),
    /** Position in the reading order (1 = first); previous/next links follow it. */
    order: z.number().int().positive(),
    topics: z.array(curriculumId).min(1),
    /** A draft is built in `astro dev` only, never in the published site. */
    draft: z.boolean().optional().default(false),
  }),
});

export const collections = { chapters };
