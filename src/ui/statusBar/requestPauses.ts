// The profile's shared request pause for the API host in use (see SharedPause in
// src/status/schedule/refreshScheduler.ts): a file per host in the extension's global storage folder, which every
// window of the profile on this machine shares; and the other accounts' turns, one record for the profile. A storage
// folder that is not on this machine's disk (which a Node extension host is not given in any kind of window VS Code
// has today) falls back to a record of this window only, said in the log.

import * as path from 'node:path';
import type * as vscode from 'vscode';
import { FilePause } from '../../status/schedule/filePause';
import { WindowPause, type SharedPause } from '../../status/schedule/refreshScheduler';
import { FileTurns } from '../../status/accounts/fileTurns';
import { WindowTurns, type SharedTurns } from '../../status/accounts/otherAccounts';

export class RequestPauses {
  private readonly byHost = new Map<string, SharedPause>();
  private warned = false;

  constructor(
    private readonly globalStorageUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The pause for `host` ('' when the base URL cannot be used: nothing is sent then anyway). */
  forHost(host: string): SharedPause {
    let pause = this.byHost.get(host);
    if (!pause) {
      pause = this.create(host);
      this.byHost.set(host, pause);
    }
    return pause;
  }

  /** The other accounts' turns, which every window of the profile keeps to (status/accounts/otherAccounts.ts). */
  otherAccountTurns(): SharedTurns {
    if (this.globalStorageUri.scheme === 'file') {
      return new FileTurns(path.join(this.globalStorageUri.fsPath, 'request-pauses'));
    }
    this.warnOnce();
    return new WindowTurns();
  }

  private create(host: string): SharedPause {
    if (this.globalStorageUri.scheme === 'file') {
      return new FilePause(path.join(this.globalStorageUri.fsPath, 'request-pauses'), host);
    }
    this.warnOnce();
    return new WindowPause();
  }

  private warnOnce(): void {
    if (!this.warned) {
      this.warned = true;
      this.log.warn(
        `The storage folder ${this.globalStorageUri.toString()} is not on this machine's disk, so windows cannot share a Retry-After, a backoff or the other accounts' turns; each window keeps its own.`,
      );
    }
  }
}
