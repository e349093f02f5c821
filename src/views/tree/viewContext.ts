import type { AwsSession } from '../../core/aws/session';
import type { Logger } from '../../core/util/logger';
import type { ExplorerNode, RefreshableNode } from './explorerNode';
import type { TransitionPoller } from './poller';

/** What every node of a view needs: the session, the log, and a way to refresh itself. */
export interface ViewContext {
  readonly session: AwsSession;
  readonly log: Logger;
  readonly poller: TransitionPoller;
  /** Lists `node` again (or the whole view) and redraws it. */
  refresh(node?: RefreshableNode): void;
  /** Redraws a node whose own data changed (no listing); no node: every row (prices changed, say). */
  redraw(node?: ExplorerNode): void;
}
