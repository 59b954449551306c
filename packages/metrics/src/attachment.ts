import type { SdkLogger, Unsubscribe } from '@artemis/protocol';

import type { MetricLabels } from './labels.js';
import type { CollectedGauge, GaugeProvider } from './metric-factory.js';
import type { MetricSet } from './metric-set.js';
import type { EventSubscriber } from './sources.js';

/**
 * What one `attach` call holds: its listeners and its scrape-time providers. Disposing it removes
 * them all, once. A metric must never break the component it observes, so every listener and
 * provider is guarded and its failure only logged.
 */
export class Attachment {
  readonly metrics: MetricSet;
  readonly labels: MetricLabels;
  readonly #logger: SdkLogger;
  #disposers: Unsubscribe[] = [];

  constructor(metrics: MetricSet, labels: MetricLabels, logger: SdkLogger) {
    this.metrics = metrics;
    this.labels = labels;
    this.#logger = logger;
  }

  listen<Events extends object, K extends keyof Events>(
    events: EventSubscriber<Events>,
    event: K,
    listener: (payload: Events[K]) => void,
  ): void {
    const unsubscribe = events.on(event, payload => {
      try {
        listener(payload);
      } catch (error) {
        this.#logger.warn('A metrics listener failed', { event: String(event), error });
      }
    });
    this.#disposers.push(unsubscribe);
  }

  provide<L extends string>(collected: CollectedGauge<L>, provider: GaugeProvider<L>): void {
    const guarded: GaugeProvider<L> = emit => {
      try {
        provider(emit);
      } catch (error) {
        this.#logger.warn('A metrics source failed at scrape time', { error });
      }
    };
    collected.providers.add(guarded);
    this.#disposers.push(() => collected.providers.delete(guarded));
  }

  /** Runs `dispose` when the attachment is disposed: for subscriptions other than events. */
  onDispose(dispose: Unsubscribe): void {
    this.#disposers.push(dispose);
  }

  dispose(): void {
    const disposers = this.#disposers;
    this.#disposers = [];
    for (const dispose of disposers) dispose();
  }
}
