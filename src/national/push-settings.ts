/**
 * The push-related settings of the deployment file in the shapes the window and period code
 * uses, checked once at start: a bad cron expression, date range or cut-off stops the hub with
 * every problem listed, instead of a push silently held forever.
 */
import type { HubConfig } from '../config/load-config.ts';
import { HubError } from '../lib/errors.ts';
import { checkPeriodConfig, type PeriodConfig } from './periods.ts';
import { checkWindowSpecs, type WindowSpec } from './windows.ts';

/** Window schedule and reporting periods of a deployment. */
export interface PushSettings {
  readonly windows: readonly WindowSpec[];
  readonly periods: PeriodConfig;
}

/** Reads and checks the push settings; throws KNTC_CONFIG_INVALID listing every problem. */
export function pushSettings(config: HubConfig): PushSettings {
  const windows: readonly WindowSpec[] = config.national.windows;
  const periods: PeriodConfig = {
    cutoffs: config.national.periods.cutoffs,
    windowCloseDays: config.national.periods.windowCloseDays,
  };
  const problems = [...checkWindowSpecs(windows), ...checkPeriodConfig(periods)];
  if (problems.length > 0) {
    throw new HubError(
      'KNTC_CONFIG_INVALID',
      `Deployment file: national submission settings are invalid: ${problems.join('; ')}`,
      { details: { problems: problems.join('; ') } },
    );
  }
  return { windows, periods };
}
