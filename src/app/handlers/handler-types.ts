import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';

/** Handlers may return read-only data; the dispatcher re-validates every output anyway. */
type DeepReadonly<T> = T extends Uint8Array
  ? T
  : T extends (infer U)[]
    ? readonly DeepReadonly<U>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

export type Handler<M extends MethodName> = (input: MethodInput<M>) => Promise<DeepReadonly<MethodOutput<M>>> | DeepReadonly<MethodOutput<M>>;
export type HandlerTable = { readonly [M in MethodName]: Handler<M> };
/** A part of the table: each domain file implements its own methods. */
export type Handlers<K extends MethodName> = { readonly [M in K]: Handler<M> };
