import { minutes, seconds } from './timeline';

const hours = (n: number): number => minutes(60 * n);

/**
 * How long things take, in virtual time: realistic minutes, as the console shows them. Tests
 * speed the clock up (or advance it) rather than shortening these.
 */
export const DURATIONS = {
  domain: { create: minutes(6), update: minutes(1), delete: minutes(4) },
  userProfile: { create: seconds(20), update: seconds(15), delete: seconds(30) },
  space: { create: seconds(20), update: seconds(15), delete: seconds(30) },
  app: {
    create: {
      JupyterServer: minutes(1), KernelGateway: minutes(3), JupyterLab: minutes(2), CodeEditor: minutes(2),
      Canvas: minutes(5), RStudioServerPro: minutes(3), RSessionGateway: minutes(3), TensorBoard: minutes(2),
      DetailedProfiler: minutes(2),
    } as Record<string, number>,
    createDefault: minutes(3),
    delete: minutes(1),
    /** Deleted apps stay in ListApps (status Deleted) for this long, as in the real service. */
    deletedListedFor: hours(24),
  },
  notebookInstance: { create: minutes(5), start: minutes(4), stop: minutes(1.5), update: minutes(1), delete: minutes(2) },
  training: {
    starting: minutes(2), downloading: seconds(45), uploading: seconds(40), stopping: seconds(30),
    /** Training time when nothing in the job says otherwise. */
    defaultTraining: minutes(10),
  },
  tuning: { firstLaunch: seconds(30), nextLaunch: seconds(15), finish: minutes(1), stop: seconds(45) },
  processing: { starting: minutes(3), run: minutes(8), stopping: seconds(40) },
  transform: { starting: minutes(4), run: minutes(10), stopping: seconds(40) },
  endpoint: { create: minutes(8), createServerless: minutes(3), update: minutes(9), delete: minutes(2) },
} as const;
