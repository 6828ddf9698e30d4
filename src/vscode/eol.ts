// The line break a document uses, for text inserted into it (references, placeholders, markers).
import * as vscode from 'vscode';

export function eolOf(document: vscode.TextDocument): string {
  return document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
}
