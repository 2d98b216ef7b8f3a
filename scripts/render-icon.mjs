#!/usr/bin/env node
// Renders the extension's icon, media/icon.svg, to the 128x128 PNG that package.json names (media/dist/icon.png),
// with resvg (@resvg/resvg-js: the Rust renderer, shipped as a prebuilt binary inside its npm package). Run by
// `npm run compile` and by `vsce package` (vscode:prepublish), so the PNG is never committed and never stale.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ICON_SVG = path.join(REPO_ROOT, 'media', 'icon.svg');
export const ICON_PNG = path.join(REPO_ROOT, 'media', 'dist', 'icon.png');
export const ICON_SIZE = 128;

export function renderIcon(svgFile = ICON_SVG, pngFile = ICON_PNG) {
  const svg = fs.readFileSync(svgFile);
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: ICON_SIZE }, font: { loadSystemFonts: false } }).render();
  if (image.width !== ICON_SIZE || image.height !== ICON_SIZE) {
    throw new Error(`${path.relative(REPO_ROOT, svgFile)} rendered to ${image.width}x${image.height}, not ${ICON_SIZE}x${ICON_SIZE}: make it square`);
  }
  fs.mkdirSync(path.dirname(pngFile), { recursive: true });
  fs.writeFileSync(pngFile, image.asPng());
  return pngFile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    renderIcon();
  } catch (error) {
    console.error(`[icon] FAILED: ${error.message}`);
    process.exit(1);
  }
}
