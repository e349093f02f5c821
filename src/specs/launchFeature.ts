import * as vscode from 'vscode';
import type { AwsSession } from '../core/aws/session';
import type { PriceCatalog } from '../core/cost/priceCatalog';
import type { Logger } from '../core/util/logger';
import { LaunchFollowUps } from './launchFollowUps';
import { LaunchServices } from './launchServices';
import { registerSpecAssist } from './specAssist';
import { SpecCodeLens } from './specCodeLens';
import { SpecDiagnostics } from './specDiagnostics';
import { SpecQuickFixes } from './specQuickFixes';
import { specDocumentSelector } from './specSelector';

/** Spec files and launches, as the commands reach them (`services.launch`). */
export interface LaunchFeature {
  readonly services: LaunchServices;
  readonly diagnostics: SpecDiagnostics;
  readonly followUps: LaunchFollowUps;
}

/** Builds the spec-file features (diagnostics, CodeLens, hover, completion) and the launch services. */
export function createLaunchFeature(options: {
  context: vscode.ExtensionContext;
  session: AwsSession;
  log: Logger;
  prices: PriceCatalog;
}): { feature: LaunchFeature; disposables: vscode.Disposable[] } {
  const services = new LaunchServices(options);
  const diagnostics = new SpecDiagnostics(services, options.log);
  const followUps = new LaunchFollowUps(options.session, options.prices, options.log);
  const codeLens = new SpecCodeLens(services, diagnostics, options.prices);
  return {
    feature: { services, diagnostics, followUps },
    disposables: [
      services,
      diagnostics,
      followUps,
      codeLens,
      vscode.languages.registerCodeLensProvider(specDocumentSelector, codeLens),
      vscode.languages.registerCodeActionsProvider(specDocumentSelector, new SpecQuickFixes(diagnostics), SpecQuickFixes.metadata),
      ...registerSpecAssist(services, diagnostics),
    ],
  };
}
