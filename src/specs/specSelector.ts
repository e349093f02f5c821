import type * as vscode from 'vscode';
import { specGlob, specKindOf } from '../core/launch/specKind';

/** Spec files on disk (and unsaved ones given a spec name), for every spec-file language feature. */
export const specDocumentSelector: vscode.DocumentSelector = [
  { scheme: 'file', pattern: specGlob },
  { scheme: 'untitled', pattern: specGlob },
];

export function isSpecDocument(document: vscode.TextDocument): boolean {
  return (document.uri.scheme === 'file' || document.uri.scheme === 'untitled') && specKindOf(document.fileName) !== undefined;
}
