// The icon, rendered from media/icon.svg as `npm run package` renders it: 128x128, and readable on the dark and
// light pages where VS Code shows it (the Extensions view, the details page): its tile stands out from both
// backgrounds, and the white drawing stands out from the tile (WCAG's 3:1 for graphics).

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const SVG = path.resolve(__dirname, '..', '..', '..', 'media', 'icon.svg');
/** The editor backgrounds of VS Code's default dark and light themes. */
const BACKGROUNDS = { dark: [0x1f, 0x1f, 0x1f], light: [0xff, 0xff, 0xff] } as const;

type Rgb = readonly [number, number, number];

function luminance([r, g, b]: Rgb): number {
  const linear = (c: number): number => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('the icon (media/icon.svg rendered to PNG)', () => {
  const image = new Resvg(fs.readFileSync(SVG), { fitTo: { mode: 'width', value: 128 } }).render();
  const pixels = image.pixels;
  const at = (x: number, y: number): { rgb: Rgb; alpha: number } => {
    const i = (y * image.width + x) * 4;
    return { rgb: [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!], alpha: pixels[i + 3]! };
  };

  it('is 128x128 and a PNG', () => {
    assert.equal(image.width, 128);
    assert.equal(image.height, 128);
    assert.deepEqual([...image.asPng().subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('has a tile that stands out from dark and light backgrounds all along its edge', () => {
    // Just inside the tile's border, along all four sides (past the rounded corners).
    const edge: Array<[number, number]> = [];
    for (let t = 36; t <= 92; t += 4) edge.push([8, t], [119, t], [t, 8], [t, 119]);
    for (const [x, y] of edge) {
      const { rgb, alpha } = at(x, y);
      assert.equal(alpha, 255, `opaque at ${x},${y}`);
      for (const [name, background] of Object.entries(BACKGROUNDS)) {
        const ratio = contrast(rgb, background);
        assert.ok(ratio >= 3, `tile at ${x},${y} (rgb ${rgb.join(',')}) against the ${name} background: ${ratio.toFixed(2)}:1`);
      }
    }
  });

  it('draws in white on the tile, with at least 3:1 against every part of the tile', () => {
    let white = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i] === 255 && pixels[i + 1] === 255 && pixels[i + 2] === 255 && pixels[i + 3] === 255) white++;
    }
    assert.ok(white > 128 * 128 * 0.05, `the drawing covers enough of the icon (${white} white pixels)`);
    // The bare tile: the band above the drawing, from the violet corner to the teal one.
    for (let x = 12; x <= 116; x += 4) {
      for (const y of [14, 20, 26]) {
        const { rgb, alpha } = at(x, y);
        if (alpha < 255 || rgb.every((c) => c === 255)) continue;
        const ratio = contrast(rgb, [255, 255, 255]);
        assert.ok(ratio >= 3, `white on the tile at ${x},${y} (rgb ${rgb.join(',')}): ${ratio.toFixed(2)}:1`);
      }
    }
  });
});
