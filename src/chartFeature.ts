// The entry of the second extension-host bundle, dist/chart.js: everything the usage chart needs on the host
// side (the picker, the panel, shaping, exports). extension.ts loads it on first use, so that activation and
// the status bar do not pay for it. It shares no live objects with the main bundle but the vscode API: it
// makes its own client from the key and base URL, so its error classes are its own.

export { ChartPanel } from './ui/panel/chartPanel';
export type { ChartPanelDeps } from './ui/panel/chartPanel';
export { showUsage } from './ui/picker/showUsageCommand';
export { useLanguage } from './shared/locale/language';
