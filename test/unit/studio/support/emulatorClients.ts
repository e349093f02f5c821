import type { EmulatorOptions } from '../../../emulator/index';
import { startWithClients, type EmulatorClients } from '../../support/emulatorClients';

export type StudioTestBed = EmulatorClients;

/** The shared test bed with the Studio tests' defaults: no seed data and a frozen clock they move. */
export function startStudioTestBed(options: EmulatorOptions = {}, maxAttempts = 1): Promise<StudioTestBed> {
  return startWithClients({ data: 'empty', clockSpeed: 0, ...options }, maxAttempts);
}
