// The few things the commands, the picker's host and the chart panel ask of VS Code, as a small interface (after
// the App interface of GitHub's CodeQL extension). The flows are written against it and tested in plain mocha
// with a scripted stand-in; src/ui/vscodeApp.ts implements it with the vscode API. Types only: importing this
// file loads nothing of VS Code.

/** A place the user picked in a save dialog. `handle` is VS Code's Uri, opaque here. */
export interface SaveTarget {
  readonly handle: unknown;
  /** The path as the user would read it (relative to the workspace when inside it). */
  readonly displayPath: string;
}

export interface SaveDialogOptions {
  readonly title: string;
  readonly saveLabel: string;
  readonly filters: Readonly<Record<string, readonly string[]>>;
  /** A file name to propose, in the first workspace folder when there is one. */
  readonly defaultFileName: string;
}

export interface InputBoxOptions {
  readonly title: string;
  readonly prompt: string;
  readonly placeHolder?: string;
  readonly password?: boolean;
  /** The message to show under the box for this text, or undefined when it may be accepted. */
  validate?(text: string): string | undefined;
}

export interface App {
  /** A notification; resolves with the action the user chose, or undefined when dismissed. */
  showMessage(kind: 'info' | 'warning' | 'error', message: string, ...actions: string[]): Promise<string | undefined>;
  /** A modal question with a detail line; resolves with the action chosen, or undefined for Cancel. */
  askModal(message: string, detail: string, ...actions: string[]): Promise<string | undefined>;
  showInputBox(options: InputBoxOptions): Promise<string | undefined>;
  /**
   * Runs `task` under a cancellable progress notification; `cancelled` aborts when the user cancels, and
   * `report` adds a line to the notification (e.g. "2 of 4 parts").
   */
  withProgress<T>(title: string, task: (cancelled: AbortSignal, report: (message: string) => void) => Promise<T>): Promise<T>;
  showSaveDialog(options: SaveDialogOptions): Promise<SaveTarget | undefined>;
  writeFile(target: SaveTarget, bytes: Uint8Array): Promise<void>;
  executeCommand(command: string): Promise<void>;
}
