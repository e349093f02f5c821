import { formatQuote, type PriceQuote } from '../../core/cost/priceCatalog';
import { formatHourly } from '../../core/util/format';

/** One resource a confirmation names: how it reads, and its hourly price if it bills now. */
export interface ShutdownItem {
  readonly label: string;
  /** Undefined price with `billing` true: it bills, but at a price we do not know. */
  readonly quote: PriceQuote | undefined;
  /** Whether it bills now (a Pending app will shortly); stopping anything else saves nothing. */
  readonly billing: boolean;
  /** What the question does not say yet when it names this one alone (its instance type...). */
  readonly facts?: string;
}

/**
 * What stopping `items` saves per hour, in words: "$0.46/h", "≈ $0.46/h" when any price is an
 * estimate, "at least $0.23/h (price unknown for 1)" when some are unknown, never a false $0.
 */
export function savingsSummary(items: readonly ShutdownItem[]): string {
  const billing = items.filter((item) => item.billing);
  if (billing.length === 0) return 'nothing (none of them is billing now)';
  const known = billing.filter((item): item is ShutdownItem & { quote: PriceQuote } => item.quote !== undefined);
  const unknown = billing.length - known.length;
  if (known.length === 0) return `an unknown amount (price unknown for ${unknown === 1 ? 'it' : `all ${unknown}`})`;
  const total = known.reduce((sum, item) => sum + item.quote.usdPerHour, 0);
  const estimated = known.some((item) => item.quote.source === 'estimate');
  const amount = `${estimated ? '≈ ' : ''}${formatHourly(total)}`;
  return unknown > 0 ? `at least ${amount} (price unknown for ${unknown})` : amount;
}

/** A modal confirmation: the question, and a detail that names every resource and its price. */
export interface Confirmation {
  readonly message: string;
  readonly detail: string;
}

/** What follows from a confirmation, said of one resource and of several. */
export interface Consequence {
  readonly one: string;
  readonly many: string;
}

/**
 * "Shut down 3 Studio apps?" with each app, its price and the hourly total saved. For one
 * resource the question already names it: the detail says what the question does not (its
 * facts, the saving) and speaks of it in the singular, with no list of one.
 */
export function shutdownConfirmation(options: {
  readonly question: string;
  readonly items: readonly ShutdownItem[];
  readonly consequence: Consequence;
}): Confirmation {
  const savings = `Saves ${savingsSummary(options.items)}.`;
  const [only] = options.items;
  if (options.items.length === 1 && only) {
    return { message: options.question, detail: [only.facts ? `${only.facts}. ${savings}` : savings, options.consequence.one].join('\n') };
  }
  const lines = options.items.map((item) => `• ${item.label}${item.billing ? ` — ${formatQuote(item.quote)}` : ''}`);
  return {
    message: options.question,
    detail: [...lines, '', savings, options.consequence.many].join('\n'),
  };
}

/** "Shut down the JupyterLab app default?" / "Shut down 3 apps?" */
export function countNoun(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
