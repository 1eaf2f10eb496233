/**
 * The part of d3-selection 3 that the widget kit uses, typed. d3-selection ships no types
 * and @types/d3-selection is not a dependency; this small declaration keeps the widgets
 * type-checked without adding one. Extend it when a widget needs more of the API.
 */
declare module "d3-selection" {
  type ValueFn<E, D, R> = (this: E, datum: D, index: number, groups: E[]) => R;
  type Attr<E, D> = string | number | boolean | null | ValueFn<E, D, string | number | boolean | null>;

  export interface Selection<E extends Element = Element, D = unknown> {
    select<C extends Element>(selector: string): Selection<C, D>;
    selectAll<C extends Element, CD = unknown>(selector: string): Selection<C, CD>;
    data<ND>(data: readonly ND[], key?: (this: Element, datum: ND, index: number) => string): Update<E, ND>;
    datum<ND>(value: ND): Selection<E, ND>;
    join<C extends Element = E>(
      enter: string | ((enter: Enter<D>) => Selection<C, D>),
      update?: (update: Selection<C, D>) => Selection<C, D> | undefined | void,
      exit?: (exit: Selection<C, D>) => void,
    ): Selection<C, D>;
    append<C extends Element>(type: string): Selection<C, D>;
    insert<C extends Element>(type: string, before?: string): Selection<C, D>;
    attr(name: string, value: Attr<E, D>): this;
    attr(name: string): string | null;
    style(name: string, value: Attr<E, D>): this;
    classed(names: string, value: boolean | ValueFn<E, D, boolean>): this;
    text(value: string | number | ValueFn<E, D, string | number>): this;
    each(fn: ValueFn<E, D, void>): this;
    call<A extends unknown[]>(fn: (selection: this, ...args: A) => void, ...args: A): this;
    filter(selector: string | ValueFn<E, D, boolean>): Selection<E, D>;
    order(): this;
    raise(): this;
    remove(): this;
    empty(): boolean;
    size(): number;
    node(): E | null;
    nodes(): E[];
    on(type: string, listener: ((this: E, event: Event, datum: D) => void) | null): this;
  }

  export interface Enter<D> {
    append<C extends Element>(type: string): Selection<C, D>;
  }

  export interface Update<E extends Element, D> extends Selection<E, D> {
    enter(): Enter<D>;
    exit(): Selection<E, D>;
  }

  export function select<E extends Element>(node: E | string): Selection<E, unknown>;
  export function selectAll<E extends Element>(nodes: string | ArrayLike<E>): Selection<E, unknown>;
  export const namespaces: Record<string, string>;
}
