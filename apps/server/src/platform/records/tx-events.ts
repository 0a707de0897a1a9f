import type { Db } from '../../db/client';
import type { Audit } from '../tx';

/**
 * A change one domain announces inside its transaction, for a domain that depends on it to follow in the same
 * transaction (a product's CRA attributes → the clocks of the vulnerability cases that name it). The announcing
 * domain defines the event next to its service and publishes it; the dependent domain subscribes when its module is
 * loaded. The dependency keeps its direction (the subscriber imports the publisher, never the other way), and the
 * follow-up commits or rolls back with the change. A subscriber is registered once by name (a module evaluated
 * again replaces its own handler instead of adding a second one).
 */
export type TxHandler<T> = (tx: Db, audit: Audit, payload: T) => Promise<void>;

export interface TxEvent<T> {
  readonly name: string;
  subscribe(subscriber: string, handler: TxHandler<T>): void;
  publish(tx: Db, audit: Audit, payload: T): Promise<void>;
}

export function txEvent<T>(name: string): TxEvent<T> {
  const handlers = new Map<string, TxHandler<T>>();
  return {
    name,
    subscribe: (subscriber, handler) => void handlers.set(subscriber, handler),
    async publish(tx, audit, payload) {
      for (const [, handler] of [...handlers].sort(([a], [b]) => a.localeCompare(b))) await handler(tx, audit, payload);
    },
  };
}
