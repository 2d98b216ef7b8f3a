// Overrides for running the extension against the bundled fake API (`npm start`, end-to-end tests). They are
// read only when VS Code runs the extension from source (Development or Test mode): an installed extension
// ignores them, so nothing in a user's environment can redirect their key.

import * as vscode from 'vscode';

export interface DevelopmentOverrides {
  /** Replaces the apiBaseUrl setting. */
  readonly apiBaseUrl: string | undefined;
  /** Used as the key while none is stored: the fake API's demo key. */
  readonly demoKey: string | undefined;
  /** Opens the status bar's chart (the last 7 days) once activated: the `npm start` demo's first view. */
  readonly openChartOnStart: boolean;
}

export function developmentOverrides(mode: vscode.ExtensionMode, env: NodeJS.ProcessEnv): DevelopmentOverrides {
  if (mode === vscode.ExtensionMode.Production) {
    return { apiBaseUrl: undefined, demoKey: undefined, openChartOnStart: false };
  }
  return {
    apiBaseUrl: env['ELEVENLABS_USAGE_API_BASE_URL'] || undefined,
    demoKey: env['ELEVENLABS_USAGE_DEMO_KEY'] || undefined,
    openChartOnStart: env['ELEVENLABS_USAGE_OPEN_CHART_ON_START'] === '1',
  };
}
