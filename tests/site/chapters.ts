import { readdirSync } from "node:fs";

/** Every chapter page of the site (content/chapters/<slug>.mdx is /chapters/<slug>/), so a new chapter is tested without editing a list. */
export const chapterPaths: readonly string[] = readdirSync("content/chapters")
  .filter((file) => file.endsWith(".mdx"))
  .map((file) => `/chapters/${file.replace(/\.mdx$/, "")}/`)
  .sort();
