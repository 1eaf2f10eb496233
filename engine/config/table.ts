import { brokerConfigs } from "./broker.js";
import { consumerConfigs } from "./consumer.js";
import { producerConfigs } from "./producer.js";
import { topicConfigs } from "./topic.js";
import type { ConfigDef, ConfigScope } from "./types.js";

/** Every Kafka config the engine reads, by scope and then by Kafka's config name. */
export const configs = Object.freeze({
  broker: brokerConfigs,
  topic: topicConfigs,
  producer: producerConfigs,
  consumer: consumerConfigs,
});

export type Configs = typeof configs;

/** The config names of one scope, e.g. `ConfigKey<"producer">` includes "acks". */
export type ConfigKey<S extends ConfigScope> = keyof Configs[S] & string;

/** The value type a config holds once parsed, derived from its row. */
export type ValueOfDef<D> = D extends { readonly type: "int" | "long" | "double" }
  ? NullableIf<D, number>
  : D extends { readonly type: "boolean" }
    ? boolean
    : D extends { readonly type: "list" }
      ? readonly string[]
      : NullableIf<D, string>;

type NullableIf<D, T> = D extends { readonly default: null } ? T | null : T;

/** A scope's complete, typed configuration: what `resolveConfig` returns. */
export type ResolvedConfig<S extends ConfigScope> = {
  readonly [K in ConfigKey<S>]: ValueOfDef<Configs[S][K]>;
};

/** Looks up a row without widening to `undefined` for known keys; returns undefined for unknown ones. */
export function findConfigDef(scope: ConfigScope, name: string): ConfigDef | undefined {
  const table: Readonly<Record<string, ConfigDef>> = configs[scope];
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}

/** The rows of one scope in table order. */
export function configDefs(scope: ConfigScope): readonly ConfigDef[] {
  return Object.values(configs[scope] as Readonly<Record<string, ConfigDef>>);
}
