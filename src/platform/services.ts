import type * as vscode from 'vscode';
import type { AwsSession } from '../core/aws/session';
import type { CostWatch } from '../core/cost/costWatch';
import type { PriceCatalog } from '../core/cost/priceCatalog';
import type { LaunchFeature } from '../specs/launchFeature';
import type { DetailsDocuments } from '../views/details/detailsDocuments';
import type { ExplorerView } from '../views/tree/explorerView';
import type { ViewFilter } from '../views/studio/viewFilter';
import type { ConnectionMonitor } from './connectionStatus';
import type { ExtensionLog } from './log';
import type { ResourceEvents } from './resourceEvents';

/** What the composition root builds once and hands to every command, view and status item. */
export interface ExtensionServices {
  readonly context: vscode.ExtensionContext;
  readonly session: AwsSession;
  readonly monitor: ConnectionMonitor;
  readonly log: ExtensionLog;
  readonly prices: PriceCatalog;
  readonly views: ReadonlyMap<string, ExplorerView>;
  /** Per-view filters (running only, deleted apps shown), by view id, for views that have one. */
  readonly filters: ReadonlyMap<string, ViewFilter>;
  /** Read-only YAML documents with Describe output (Show Details). */
  readonly details: DetailsDocuments;
  /** Fired after the extension changes resources, so others refresh at once. */
  readonly resourceEvents: ResourceEvents;
  /** The cost guard: what bills now across regions (the status bar item's data). */
  readonly cost?: CostWatch;
  /** Spec files and launches (training, tuning, deployment). */
  readonly launch?: LaunchFeature;
  /** Re-reads settings and the AWS shared files into the session (new clients if they changed). */
  applySettings(): Promise<void>;
  /** Lists every view again, e.g. after an action that changed resources in several of them. */
  refreshAll(): void;
}
