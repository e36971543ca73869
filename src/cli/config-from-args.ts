import { ConfigError, loadConfig, type Config } from '../config.ts';
import { loadUnitsOfMeasure, UnitsOfMeasureError, useUnitsOfMeasure } from '../quantity/index.ts';
import { flagText, type ParsedArgs } from './args.ts';

/**
 * The configuration for a command: --knowledge and --data override the environment. The knowledge folder
 * in use also gives the units of measure every number is read with (its units-of-measure.json, else the shipped one).
 */
export function configFromArgs(args: ParsedArgs): Config {
  const config = loadConfig({ knowledge: flagText(args, 'knowledge'), data: flagText(args, 'data') });
  try {
    useUnitsOfMeasure(loadUnitsOfMeasure(config.knowledgeDir));
  } catch (error) {
    if (error instanceof UnitsOfMeasureError) throw new ConfigError(error.message);
    throw error;
  }
  return config;
}
