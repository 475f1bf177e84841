import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';

export type Handler<M extends MethodName> = (input: MethodInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M>;
export type HandlerTable = { readonly [M in MethodName]: Handler<M> };
/** A part of the table: each domain file implements its own methods. */
export type Handlers<K extends MethodName> = { readonly [M in K]: Handler<M> };
