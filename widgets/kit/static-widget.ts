import { t, type MessageKey } from "../../content/i18n/t";
import { beginAnatomy, copyWidgetLink, createLinkTools, createMessagePanel } from "./anatomy";

/**
 * The element of a widget without a player: a figure that is not one run played over time
 * (a sweep of finished runs, a pure function of some keys), so it has no timeline, player or
 * event log. It keeps the kit's anatomy (title, error panel, its own controls, "Start over" and
 * "Copy link") and its state in the URL hash beside the other widgets' entries (url-state.ts:
 * mergeFields, decodeFields); define-widget.ts is the counterpart for widgets with a player.
 *
 * A subclass builds its own body, reads and writes its state in the hash, and draws its first
 * state in `start`; this class does the rest, the same for every such widget.
 */

/** A widget's state read from the URL: null when the hash does not mention the widget. */
export type DecodedUrlState<State> = { ok: true; state: State } | { ok: false; message: string } | null;

const instanceCounts = new Map<string, number>();

export abstract class StaticWidgetElement<State> extends HTMLElement {
  /** Resolves once the element has drawn its first state (tests and exercises wait on it). */
  readonly ready: Promise<void>;
  private resolveReady!: () => void;
  private built = false;
  /** Prefix of the ids inside this element: `kl-<id>-<n>`, n counting this widget's elements on the page. */
  protected uid = "";
  /** This element's key in the URL hash: its `url-key` attribute, else the widget's id. */
  protected urlKey = "";
  private message!: HTMLDivElement;
  private linkStatus!: HTMLSpanElement;

  constructor(
    private readonly widgetId: string,
    private readonly titleKey: MessageKey,
  ) {
    super();
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
  }

  /** The widget's own parts, placed between the error panel and the tools. */
  protected abstract buildBody(): HTMLElement[];
  /** This widget's state from the page's hash (see DecodedUrlState). */
  protected abstract decodeUrl(hash: string, urlKey: string): DecodedUrlState<State>;
  /** The page's hash with this widget's current state in it. */
  protected abstract encodeUrl(hash: string, urlKey: string): string;
  /** Shows the first state (the URL's, or null for the default); the element is ready when it returns or, for a promise, when it settles. */
  protected abstract start(fromUrl: State | null): Promise<void> | void;
  /** "Start over": back to the default state (hideMessage() clears a broken link's message). */
  protected abstract startOver(): void;

  connectedCallback(): void {
    if (this.built) return;
    this.built = true;
    const n = (instanceCounts.get(this.widgetId) ?? 0) + 1;
    instanceCounts.set(this.widgetId, n);
    this.uid = `kl-${this.widgetId}-${n}`;
    this.urlKey = this.getAttribute("url-key") ?? this.widgetId;
    this.build();
    const decoded = this.decodeUrl(window.location.hash, this.urlKey);
    if (decoded && !decoded.ok) this.showMessage(t("kit.url.error", { message: decoded.message }));
    const started = this.start(decoded?.ok ? decoded.state : null);
    if (started) void started.then(() => this.markReady());
    else this.markReady();
  }

  protected showMessage(text: string): void {
    this.message.textContent = text;
    this.message.hidden = false;
  }

  protected hideMessage(): void {
    this.message.hidden = true;
  }

  private build(): void {
    const { live, head } = beginAnatomy(this, this.uid, t(this.titleKey));
    this.message = createMessagePanel();
    const tools = createLinkTools(
      () => this.startOver(),
      () => void copyWidgetLink(this.encodeUrl(window.location.hash, this.urlKey), this.linkStatus),
    );
    this.linkStatus = tools.linkStatus;
    live.append(head, this.message, ...this.buildBody(), tools.element);
    this.append(live);
  }

  private markReady(): void {
    this.setAttribute("data-kl-ready", "");
    this.resolveReady();
  }
}
