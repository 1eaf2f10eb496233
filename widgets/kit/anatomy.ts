import { t } from "../../content/i18n/t";

/**
 * The parts of a widget's anatomy that every widget builds the same way, with or without a
 * player (define-widget.ts, static-widget.ts): the live area with its title, the error panel,
 * and the "Start over" / "Copy link" tools. One place, so every widget's markup, classes and
 * ARIA stay alike.
 */

/**
 * Marks the host as a widget region, hides the static first frame the Astro wrapper rendered,
 * and creates the live area with its head and title (the region is labelled by the title).
 * The caller appends more to `head` (e.g. verdict badges) and appends `live` to the host.
 */
export function beginAnatomy(host: HTMLElement, uid: string, defaultTitle: string): { live: HTMLDivElement; head: HTMLDivElement } {
  host.classList.add("kl-widget");
  host.setAttribute("role", "region");
  const staticFrame = host.querySelector<HTMLElement>(".kl-static");
  if (staticFrame) staticFrame.hidden = true;

  const live = document.createElement("div");
  live.className = "kl-live";
  const head = document.createElement("div");
  head.className = "kl-head";
  const title = document.createElement("p");
  title.className = "kl-title";
  title.id = `${uid}-title`;
  title.textContent = host.getAttribute("data-title") ?? defaultTitle;
  host.setAttribute("aria-labelledby", title.id);
  head.append(title);
  return { live, head };
}

/** The error panel (hidden until a message is shown): a bad scenario, a broken link, a refused value. */
export function createMessagePanel(): HTMLDivElement {
  const message = document.createElement("div");
  message.className = "kl-message";
  message.setAttribute("role", "alert");
  message.hidden = true;
  return message;
}

/** "Start over" and "Copy link", with the status line that says whether the link was copied. */
export function createLinkTools(onStartOver: () => void, onCopy: () => void): { element: HTMLDivElement; linkStatus: HTMLSpanElement } {
  const tools = document.createElement("div");
  tools.className = "kl-player-tools";
  const startOver = document.createElement("button");
  startOver.type = "button";
  startOver.className = "kl-tool";
  startOver.textContent = t("kit.startOver");
  startOver.addEventListener("click", onStartOver);
  const copy = document.createElement("button");
  copy.type = "button";
  copy.className = "kl-tool";
  copy.textContent = t("kit.link.copy");
  copy.addEventListener("click", onCopy);
  const linkStatus = document.createElement("span");
  linkStatus.className = "kl-link-status";
  linkStatus.setAttribute("role", "status");
  tools.append(startOver, copy, linkStatus);
  return { element: tools, linkStatus };
}

/**
 * Puts `hash` (the page's hash with this widget's entry in it) into the address bar and copies
 * the page's URL; when the clipboard is refused, says the link is in the address bar.
 */
export async function copyWidgetLink(hash: string, linkStatus: HTMLElement): Promise<void> {
  history.replaceState(history.state, "", hash);
  try {
    await navigator.clipboard.writeText(window.location.href);
    linkStatus.textContent = t("kit.link.copied");
  } catch {
    linkStatus.textContent = t("kit.link.inAddressBar");
  }
}
