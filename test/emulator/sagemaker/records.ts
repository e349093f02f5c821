import type * as SM from '@aws-sdk/client-sagemaker';
import type { Resource } from './collection';
import type { Timeline } from './timeline';
import type { Wire } from './wire';

export interface DomainRecord extends Resource {
  id: string;
  spec: Wire<SM.CreateDomainRequest>;
  timeline: Timeline;
  lastModifiedTime: number;
  homeEfsFileSystemId: string;
  securityGroupId: string;
  vpcId: string;
  subnetIds: string[];
}

export interface UserProfileRecord extends Resource {
  domainId: string;
  spec: Wire<SM.CreateUserProfileRequest>;
  timeline: Timeline;
  lastModifiedTime: number;
  homeEfsUid: string;
}

export interface SpaceRecord extends Resource {
  domainId: string;
  spec: Wire<SM.CreateSpaceRequest>;
  timeline: Timeline;
  lastModifiedTime: number;
  homeEfsUid: string;
}

export interface AppRecord extends Resource {
  domainId: string;
  userProfileName?: string;
  spaceName?: string;
  appType: SM.AppType;
  appName: string;
  resourceSpec: Wire<SM.ResourceSpec>;
  recoveryMode?: boolean;
  timeline: Timeline;
  /** Last time a user did something in the app (drives idle shutdown and "idle for" hints). */
  lastUserActivity: number;
  failureReason?: string;
}

export interface NotebookInstanceRecord extends Resource {
  spec: Wire<SM.CreateNotebookInstanceInput>;
  timeline: Timeline;
  lastModifiedTime: number;
  failureReason?: string;
  networkInterfaceId?: string;
}

export interface LifecycleConfigRecord extends Resource {
  spec: Wire<SM.CreateNotebookInstanceLifecycleConfigInput>;
  lastModifiedTime: number;
}

export type TrainingOutcome = 'Completed' | 'Failed' | 'Stopped' | 'MaxRuntimeExceeded';

/** The planned course of a training job, from which its timeline is built. */
export interface TrainingPlan {
  createdAt: number;
  downloadingAt: number;
  trainingAt: number;
  /** When the Training phase ends (then Uploading, or Failed, or Stopping). */
  trainingEndsAt: number;
  /** The Training phase's end as first planned: log lines keep this pace even if the job is stopped. */
  plannedTrainingEndsAt: number;
  endAt: number;
  outcome: TrainingOutcome;
  failureReason?: string;
  /** Set when StopTrainingJob was called. */
  stopRequestedAt?: number;
}

export interface MetricValue {
  name: string;
  value: number;
}

export interface TrainingJobRecord extends Resource {
  spec: Wire<SM.CreateTrainingJobRequest>;
  plan: TrainingPlan;
  timeline: Timeline;
  spot: boolean;
  /** Share of training time billed (spot savings); 1 for on-demand. */
  billableRatio: number;
  /** The metrics the container prints, with their final values. */
  metrics: MetricValue[];
  metricDefinitions: Wire<SM.MetricDefinition>[];
  tuningJobName?: string;
  tuningJobArn?: string;
  tunedHyperParameters?: Record<string, string>;
  definitionName?: string;
  objective?: { name: string; type: 'Maximize' | 'Minimize' };
  /** Number of log lines a client asked the job to print on top of its normal output. */
  extraLogLines?: number;
}

export interface TuningJobRecord extends Resource {
  spec: Wire<SM.CreateHyperParameterTuningJobRequest>;
  timeline: Timeline;
  /** Keys of the training jobs it launched, in launch order. */
  children: string[];
  /** Identifies the tuner's latest scheduled wake-up; older ones are ignored. */
  wakeToken: number;
  stopRequestedAt?: number;
  failureReason?: string;
}

export interface ProcessingJobRecord extends Resource {
  spec: Wire<SM.CreateProcessingJobRequest>;
  timeline: Timeline;
  startedAt: number;
  failureReason?: string;
  exitMessage?: string;
}

export interface TransformJobRecord extends Resource {
  spec: Wire<SM.CreateTransformJobRequest>;
  timeline: Timeline;
  startedAt: number;
  failureReason?: string;
}

export interface ModelRecord extends Resource {
  spec: Wire<SM.CreateModelInput>;
}

export interface EndpointConfigRecord extends Resource {
  spec: Wire<SM.CreateEndpointConfigInput>;
}

/** One deployment of an endpoint config onto an endpoint (the creation, then each update). */
export interface Deployment {
  configName: string;
  variants: Wire<SM.ProductionVariant>[];
  startedAt: number;
  readyAt: number;
  /** Instance ids per variant, for log stream names. */
  instanceIds: Record<string, string[]>;
  images: Record<string, string>;
  deploymentConfig?: Wire<SM.DeploymentConfig>;
}

export interface EndpointRecord extends Resource {
  timeline: Timeline;
  deployments: Deployment[];
  lastModifiedTime: number;
  failureReason?: string;
  /** Invocations served, per variant (for logs and tests). */
  invocations: number;
}
