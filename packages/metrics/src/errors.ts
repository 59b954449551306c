import { ArtemisError } from '@artemis/protocol';

/** An option of `createArtemisMetrics` is invalid; `option` names it. */
export class InvalidMetricsOptionsError extends ArtemisError {
  override readonly name = 'InvalidMetricsOptionsError';

  constructor(
    readonly option: string,
    message: string,
  ) {
    super('ARTEMIS_INVALID_METRICS_OPTIONS', `Invalid metrics option "${option}": ${message}`);
  }
}

/**
 * The registry already holds a metric under one of the SDK's names, but of another type or with
 * other labels, so the SDK cannot share it. Use another `prefix` or another registry.
 */
export class MetricConflictError extends ArtemisError {
  override readonly name = 'MetricConflictError';

  constructor(
    readonly metricName: string,
    reason: string,
  ) {
    super(
      'ARTEMIS_METRIC_CONFLICT',
      `The registry already has a metric named "${metricName}" that cannot be shared: ${reason}`,
    );
  }
}
