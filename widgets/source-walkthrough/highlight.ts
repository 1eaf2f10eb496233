import type { Element, ElementContent } from "hast";
import type { ShikiTransformer } from "shiki";
import type { OutlineBlock } from "./outline";

/**
 * A Shiki transformer, run at build time by the Astro wrapper, that turns a block's highlighted
 * lines into the walkthrough's markup: every line becomes a block-level `span.line` with
 * `data-line`, and the lines of one step are wrapped in one `span.sw-step` with `data-step` and
 * `data-lines` ("4-6"). The browser then only moves a marker between these elements; no Shiki
 * ships to the page.
 */
export function stepTransformer(block: OutlineBlock): ShikiTransformer {
  return {
    name: "kafka-lab:walkthrough-steps",
    code(node: Element) {
      // Shiki separates line spans with "\n" text nodes; the lines are block-level here, so the
      // newlines would draw as blank lines. Each line keeps its own element instead.
      const lines = node.children.filter((child): child is Element => child.type === "element");
      lines.forEach((line, index) => {
        line.properties = { ...line.properties, "data-line": index + 1 };
      });
      const children: ElementContent[] = [];
      let lineNo = 1;
      for (const step of [...block.steps].sort((a, b) => a.fromLine - b.fromLine)) {
        while (lineNo < step.fromLine) children.push(lines[lineNo++ - 1]);
        const wrapped = lines.slice(step.fromLine - 1, step.toLine);
        children.push({
          type: "element",
          tagName: "span",
          properties: { className: ["sw-step"], "data-step": step.id, "data-lines": `${step.fromLine}-${step.toLine}` },
          children: wrapped,
        });
        lineNo = step.toLine + 1;
      }
      while (lineNo <= lines.length) children.push(lines[lineNo++ - 1]);
      node.children = children;
    },
  };
}
