import * as vscode from 'vscode';
import { formatQuote, type InstanceUse } from '../../core/cost/priceCatalog';
import type { SchemaValidator } from '../../core/launch/schema';
import { CancelledError } from '../../core/util/cancellation';
import type { ExtensionServices } from '../../platform/services';

/** Asks, and turns Escape into a silent cancel of the whole flow. */
export function answered<T>(value: T | undefined): T {
  if (value === undefined) throw new CancelledError();
  return value;
}

/** Families most people start with, listed first. */
const common = ['ml.m5.large', 'ml.m5.xlarge', 'ml.m5.2xlarge', 'ml.c5.xlarge', 'ml.c5.2xlarge', 'ml.g5.xlarge', 'ml.g5.2xlarge', 'ml.p3.2xlarge', 'ml.t2.medium'];

/** Instance types the API accepts at `path` in a spec schema, with their hourly price in the region. */
export async function pickInstanceType(
  services: ExtensionServices,
  validator: SchemaValidator,
  path: Array<string | number>,
  use: InstanceUse,
  title: string,
): Promise<string> {
  const region = services.session.connection.region;
  // Live prices when they come quickly; the picker shows what is known otherwise.
  await Promise.race([services.prices.prepare(region).catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 3000))]);
  const types = (validator.schemaAt(path)?.enum ?? []).map(String);
  const ordered = [...common.filter((type) => types.includes(type)), ...types.filter((type) => !common.includes(type))];
  const items = ordered.map((type) => ({ label: type, description: formatQuote(services.prices.quote({ region, instanceType: type, use })) }));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: `Prices in ${region}`, matchOnDescription: true });
  return answered(picked).label;
}

export async function askInteger(title: string, value: number, min: number, max: number, prompt?: string): Promise<number> {
  const text = await vscode.window.showInputBox({
    title,
    value: String(value),
    prompt,
    validateInput: (input) => {
      const n = Number(input);
      return Number.isInteger(n) && n >= min && n <= max ? undefined : `A whole number from ${min} to ${max}`;
    },
  });
  return Number(answered(text));
}
