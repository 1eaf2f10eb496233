/**
 * UI strings: one flat JSON catalog per language beside this file (en.json, later zh-CN.json),
 * with dotted keys ("nav.home", "chapter.previous"), read through `t(key, params?)`.
 *
 * The same module runs in Astro components at build time and in widget code in the browser,
 * so it uses nothing but Vite's import.meta (no DOM, no Node APIs).
 * Adding a language is adding one file: import.meta.glob finds every catalog at build time.
 */
import en from "./en.json";

export type MessageKey = keyof typeof en;
export type Messages = Partial<Record<MessageKey, string>>;
export type MessageParams = Readonly<Record<string, string | number>>;

export const DEFAULT_LOCALE = "en";

const catalogFiles = import.meta.glob<Messages>("./*.json", { eager: true, import: "default" });

const catalogs: Readonly<Record<string, Messages>> = Object.fromEntries(
  Object.entries(catalogFiles).map(([path, messages]) => [localeFromPath(path), messages]),
);

/** Every locale that has a catalog, e.g. ["en", "zh-CN"]. */
export const locales: readonly string[] = Object.keys(catalogs).sort();

let activeLocale: string = DEFAULT_LOCALE;

/** Chooses the language `t` reads from; English fills any key the catalog lacks. */
export function setLocale(locale: string): void {
  if (!(locale in catalogs)) {
    throw new Error(
      `setLocale: locale "${locale}" has no catalog; allowed: ${locales.join(", ")} ` +
        `(add content/i18n/${locale}.json to support it)`,
    );
  }
  activeLocale = locale;
}

export function getLocale(): string {
  return activeLocale;
}

/**
 * The UI string for `key` in the active locale, with `{name}` placeholders filled from `params`.
 * A missing key or parameter throws during dev, tests and the static build, so a typo fails
 * loudly; in a production browser bundle it degrades to the key itself rather than break a page.
 */
export function t(key: MessageKey, params?: MessageParams): string {
  const template = catalogs[activeLocale]?.[key] ?? (en as Messages)[key];
  if (template === undefined) {
    return reportMissing(
      `t: no UI string for key "${key}" (locale "${activeLocale}"); add it to content/i18n/en.json`,
      key,
    );
  }
  return interpolate(key, template, params);
}

function interpolate(key: string, template: string, params: MessageParams | undefined): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params?.[name];
    if (value === undefined) {
      return reportMissing(`t: key "${key}" needs the parameter "${name}" but it was not given`, placeholder);
    }
    return String(value);
  });
}

function reportMissing(message: string, fallback: string): string {
  const strict = import.meta.env.DEV || import.meta.env.SSR || import.meta.env.MODE === "test";
  if (strict) throw new Error(message);
  console.warn(message);
  return fallback;
}

function localeFromPath(path: string): string {
  // "./zh-CN.json" -> "zh-CN"
  return path.replace(/^.*\//, "").replace(/\.json$/, "");
}
