/**
 * Word files, for the many drafts that arrive as .docx and must leave as .docx: "导入 Word 草稿"
 * turns one into a Markdown draft beside it and opens it; "导出为 Word 文件" writes the open
 * draft as a .docx laid out as official documents are. The server reads and writes the Word
 * format; the client only picks the files and writes the bytes.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as l10n from './l10n';
import { ExportWordRequest, ImportWordRequest, type RequestMethod } from '../../shared/protocol';

type Send = <P, R>(method: RequestMethod<P, R>, params: P) => Promise<R | undefined>;

/** `name.md` beside the Word file, or `name (2).md` … when that exists: nothing is overwritten. */
async function freeTarget(source: vscode.Uri): Promise<vscode.Uri> {
  const dir = vscode.Uri.joinPath(source, '..');
  const base = path.basename(source.path).replace(/\.docx$/i, '');
  for (let n = 1; ; n++) {
    const target = vscode.Uri.joinPath(dir, n === 1 ? `${base}.md` : `${base} (${n}).md`);
    try {
      await vscode.workspace.fs.stat(target);
    } catch (err) {
      // Only a name that is not there is free; any other failure (no permission) is reported.
      if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') return target;
      throw err;
    }
  }
}

async function importWord(send: Send, given?: vscode.Uri): Promise<void> {
  let source = given && /\.docx$/i.test(given.path) ? given : undefined;
  if (!source) {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      filters: { [l10n.t('Word documents')]: ['docx'] },
      openLabel: l10n.t('Import'),
    });
    source = picked?.[0];
  }
  if (!source) return;
  const res = await send(ImportWordRequest, { uri: source.toString() });
  if (!res) return;
  if ('error' in res) return void vscode.window.showErrorMessage(l10n.t('Could not import {0}: {1}', path.basename(source.path), res.error));
  const target = await freeTarget(source);
  await vscode.workspace.fs.writeFile(target, Buffer.from(res.markdown, 'utf8'));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target));
  void vscode.window.showInformationMessage(l10n.t('Imported {0} as {1}. The Word file is unchanged.', path.basename(source.path), path.basename(target.path)));
}

async function exportWord(send: Send, editor: vscode.TextEditor | undefined): Promise<void> {
  if (!editor) return void vscode.window.showWarningMessage(l10n.t('Open a Markdown report first.'));
  const doc = editor.document;
  const res = await send(ExportWordRequest, { textDocument: { uri: doc.uri.toString() } });
  if (!res) return;
  if ('error' in res) return void vscode.window.showErrorMessage(l10n.t('Could not write the Word file: {0}', res.error));
  const base = doc.isUntitled ? 'report' : path.basename(doc.uri.path).replace(/\.[^.]*$/, '');
  const defaultUri = doc.isUntitled ? undefined : vscode.Uri.joinPath(doc.uri, '..', `${base}.docx`);
  const target = await vscode.window.showSaveDialog({ defaultUri, filters: { [l10n.t('Word documents')]: ['docx'] } });
  if (!target) return;
  if (target.toString() === doc.uri.toString()) return void vscode.window.showErrorMessage(l10n.t('The Word file cannot replace the draft itself.'));
  await vscode.workspace.fs.writeFile(target, Buffer.from(res.base64, 'base64'));
  const reveal = l10n.t('Show in Folder');
  if ((await vscode.window.showInformationMessage(l10n.t('Word file saved to {0}.', target.fsPath), reveal)) === reveal) {
    await vscode.commands.executeCommand('revealFileInOS', target);
  }
}

export function registerWordCommands(send: Send, activeReport: () => vscode.TextEditor | undefined): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('dutyReport.importWord', (uri?: vscode.Uri) => importWord(send, uri)),
    vscode.commands.registerCommand('dutyReport.exportWord', () => exportWord(send, activeReport())),
  ];
}
