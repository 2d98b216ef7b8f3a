// Reads the chart theme from VS Code's CSS variables and calls back when the theme changes. VS Code sets the
// variables in a style attribute on <html> and toggles vscode-light / vscode-dark / vscode-high-contrast(-light)
// on <body>; either change means the chart should be drawn again.

import { buildChartTheme, themeKindFromClasses, type ChartTheme } from '../chart/drawn/theme';

export function readTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  return buildChartTheme((name) => style.getPropertyValue(name), themeKindFromClasses(document.body.classList));
}

/** Calls `onChange` (at most once per frame) with the new theme; returns a function that stops watching. */
export function watchTheme(onChange: (theme: ChartTheme) => void): () => void {
  let scheduled = false;
  let last = JSON.stringify(readTheme());
  const observer = new MutationObserver(() => {
    if (scheduled) {
      return;
    }
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      const theme = readTheme();
      const key = JSON.stringify(theme);
      if (key !== last) {
        last = key;
        onChange(theme);
      }
    });
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  return () => observer.disconnect();
}
