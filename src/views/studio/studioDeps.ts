import type { PriceCatalog } from '../../core/cost/priceCatalog';
import type { ViewContext } from '../tree/viewContext';
import type { ViewFilter } from './viewFilter';

/** What every node of the Studio and Notebook Instances views needs besides its own data. */
export interface ExplorerDeps {
  readonly view: ViewContext;
  readonly prices: PriceCatalog;
  readonly filter: ViewFilter;
}
