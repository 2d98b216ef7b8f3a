// The App interface (src/ui/app.ts) on the vscode API: notifications, input, progress, the save dialog (in
// the first workspace folder, through workspace.fs so that it works in remote windows) and commands.

import * as os from 'node:os';
import * as vscode from 'vscode';
import type { App, InputBoxOptions, SaveDialogOptions, SaveTarget } from './app';

export const vscodeApp: App = {
  showMessage(kind, message, ...actions) {
    const show = kind === 'info' ? vscode.window.showInformationMessage : kind === 'warning' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
    return Promise.resolve(show(message, ...actions));
  },
  askModal(message, detail, ...actions) {
    return Promise.resolve(vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions));
  },
  showInputBox(options: InputBoxOptions) {
    return Promise.resolve(
      vscode.window.showInputBox({
        title: options.title,
        prompt: options.prompt,
        ...(options.placeHolder !== undefined ? { placeHolder: options.placeHolder } : {}),
        password: options.password ?? false,
        ignoreFocusOut: true,
        ...(options.validate ? { validateInput: (text: string) => options.validate!(text) } : {}),
      }),
    );
  },
  withProgress(title, task) {
    return Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        return task(controller.signal, (message) => progress.report({ message })).finally(() => subscription.dispose());
      }),
    );
  },
  async showSaveDialog(options: SaveDialogOptions): Promise<SaveTarget | undefined> {
    // Into the workspace's first folder; with none open, the home folder of the machine the extension runs on
    // (the remote one in a remote window), so that the dialog still proposes the file's name.
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? homeFolder();
    const uri = await vscode.window.showSaveDialog({
      title: options.title,
      saveLabel: options.saveLabel,
      filters: Object.fromEntries(Object.entries(options.filters).map(([name, extensions]) => [name, [...extensions]])),
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, options.defaultFileName) } : {}),
    });
    return uri ? { handle: uri, displayPath: vscode.workspace.asRelativePath(uri) } : undefined;
  },
  async writeFile(target, bytes) {
    await vscode.workspace.fs.writeFile(target.handle as vscode.Uri, bytes);
  },
  async executeCommand(command) {
    await vscode.commands.executeCommand(command);
  },
};

/** The extension host's home folder, when it has one. */
function homeFolder(): vscode.Uri | undefined {
  try {
    const home = os.homedir();
    return home ? vscode.Uri.file(home) : undefined;
  } catch {
    return undefined;
  }
}
