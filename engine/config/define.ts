import type { ConfigDef, ConfigScope, ConfigSpec } from "./types.js";

/** A scope's table with every row's `name` and `scope` filled in, keeping each row's literal types. */
export type ScopeTable<S extends ConfigScope, T extends Record<string, ConfigSpec>> = {
  readonly [K in keyof T & string]: T[K] & { readonly name: K; readonly scope: S };
};

/**
 * Stamps `name` (the record key) and `scope` onto every row of one scope's table, so each row
 * states its Kafka name once. The `const` type parameters keep literal types, which is what makes
 * `configs.producer["batch.size"].default` typed as 16384 rather than `number`.
 */
export function defineScope<const S extends ConfigScope, const T extends Record<string, ConfigSpec>>(
  scope: S,
  specs: T,
): ScopeTable<S, T> {
  const table: Record<string, ConfigDef> = {};
  for (const [name, spec] of Object.entries(specs)) {
    table[name] = Object.freeze({ name, scope, ...spec });
  }
  return Object.freeze(table) as ScopeTable<S, T>;
}
