// Astro configuration for Kafka Lab.
// Pages, layouts and chapters live together under content/ (srcDir), so the page
// /chapters/<slug>/ is always content/chapters/<slug>.mdx: one step from URL to file.
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";

export default defineConfig({
  srcDir: "./content",
  publicDir: "./public",
  output: "static",
  // Directory-style URLs (/chapters/replication/) so links never depend on ".html".
  trailingSlash: "always",
  build: { format: "directory" },
  integrations: [mdx()],
  markdown: {
    shikiConfig: {
      // GitHub's "default" pair keeps every token colour at WCAG AA on its own background.
      // Two themes emitted as CSS variables (--shiki-light, --shiki-dark) with no default
      // colour, so content/styles/code.css can pick one per theme and the toggle switches them.
      themes: { light: "github-light-default", dark: "github-dark-default" },
      defaultColor: false,
      wrap: false,
    },
  },
  // No prefetching, no telemetry-like requests: the built site makes no third-party request.
  prefetch: false,
  devToolbar: { enabled: false },
});
