import * as vscode from 'vscode';
import { parseSpec, type ParsedSpec, type SpecProblem, type TextRange } from '../core/launch/specDocument';
import { specKindOf } from '../core/launch/specKind';
import { checkSpec } from '../core/launch/specValidation';
import type { Logger } from '../core/util/logger';
import type { LaunchServices } from './launchServices';
import { affectsLaunch } from './launchSettings';
import { isSpecDocument } from './specSelector';

const severities: Record<SpecProblem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

export function toRange(range: TextRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/**
 * Problems of open spec files as diagnostics: everything that can be known without calling AWS
 * (syntax, schema, placeholders, local paths, rules across members), checked as the user types,
 * plus what a launch learned (unresolvable values, the service's validation errors) until the
 * next edit. The launch command refuses a spec with errors, so an invalid spec sends nothing.
 */
export class SpecDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('sagemaker-specs');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly parsed = new Map<string, { version: number; spec: Promise<ParsedSpec> }>();
  /** The problems behind each document's diagnostics (for their quick fixes). */
  private readonly shown = new Map<string, readonly SpecProblem[]>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly launch: LaunchServices,
    private readonly log: Logger,
  ) {
    // A new region or profile changes what `${image:…}` and `${role}` resolve to.
    const sessionChanged = launch.options.session.onDidChange(() => this.revalidateAll());
    this.disposables.push(
      { dispose: () => sessionChanged.dispose() },
      this.collection,
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document, 300)),
      vscode.workspace.onDidSaveTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsLaunch(event)) this.revalidateAll();
      }),
    );
    this.revalidateAll();
  }

  /** The parsed spec of a document's current text (shared with CodeLens and hovers). */
  parse(document: vscode.TextDocument): Promise<ParsedSpec> {
    const key = document.uri.toString();
    const cached = this.parsed.get(key);
    if (cached?.version === document.version) return cached.spec;
    const spec = parseSpec(document.getText(), document.fileName);
    this.parsed.set(key, { version: document.version, spec });
    return spec;
  }

  /** Checks a spec now, shows its problems and returns them. */
  async validate(document: vscode.TextDocument): Promise<SpecProblem[]> {
    const kind = specKindOf(document.fileName);
    if (!kind) return [];
    const spec = await this.parse(document);
    const validator = await this.launch.resources.validator(kind);
    const problems = await checkSpec(spec, validator, await this.launch.checkEnvironment(document.uri));
    this.show(document.uri, problems);
    return problems;
  }

  /** Adds what a launch found (unresolvable placeholders, the service's rejections) to a spec's problems. */
  report(uri: vscode.Uri, problems: readonly SpecProblem[]): void {
    const current = this.collection.get(uri) ?? [];
    this.collection.set(uri, [...current, ...problems.map(toDiagnostic)]);
    this.shown.set(uri.toString(), [...(this.shown.get(uri.toString()) ?? []), ...problems]);
  }

  /** The text that fixes a diagnostic shown on a document ("did you mean ..."), if it has one. */
  replacementFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): string | undefined {
    const problem = this.shown
      .get(uri.toString())
      ?.find((candidate) => candidate.replacement !== undefined && candidate.message === diagnostic.message && toRange(candidate.range).isEqual(diagnostic.range));
    return problem?.replacement;
  }

  private show(uri: vscode.Uri, problems: readonly SpecProblem[]): void {
    this.collection.set(uri, problems.map(toDiagnostic));
    this.shown.set(uri.toString(), problems);
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    if (!isSpecDocument(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.validate(document).catch((error: unknown) => this.log.warn(`Could not check ${document.fileName}: ${String(error)}`));
      }, delayMs),
    );
  }

  private revalidateAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.parsed.delete(key);
    this.shown.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function toDiagnostic(problem: SpecProblem): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(problem.range), problem.message, severities[problem.severity]);
  diagnostic.source = problem.source === 'service' ? 'SageMaker service' : 'SageMaker';
  return diagnostic;
}
