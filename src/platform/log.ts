import * as vscode from 'vscode';
import type { Logger } from '../core/util/logger';
import { redact } from '../core/util/redact';

/** The extension's log: a LogOutputChannel (levels chosen by the user), every line redacted. */
export class ExtensionLog implements Logger, vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('SageMaker', { log: true });

  trace(message: string): void {
    this.channel.trace(redact(message));
  }
  debug(message: string): void {
    this.channel.debug(redact(message));
  }
  info(message: string): void {
    this.channel.info(redact(message));
  }
  warn(message: string): void {
    this.channel.warn(redact(message));
  }
  error(message: string): void {
    this.channel.error(redact(message));
  }
  show(): void {
    this.channel.show(true);
  }
  dispose(): void {
    this.channel.dispose();
  }
}
