import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('ElevenLabs Usage', { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand('elevenlabsUsage.showLog', () => log.show(true)),
  );
  log.info('ElevenLabs Usage activated');
}

export function deactivate(): void {}
