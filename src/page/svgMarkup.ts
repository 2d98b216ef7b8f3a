// Checks the markup of an SVG export before it is written to disk, where it may later be opened in a browser.
// The chart's SVG comes from Vega, which writes only a few drawing elements and attributes and escapes all text,
// so series names ("take one = final", "<script>", "javascript:") end up as text or attribute values and are
// fine. The check reads the markup, not the text: it walks the tags and their attributes and accepts only what
// Vega's SVG renderer writes (an allow-list of elements and attributes), with no reference out of the file of any
// kind: links only to "#id", `url(…)` only as `url(#id)`, no prefixed attribute but the xlink ones, no processing
// instruction but a leading XML declaration. Character references are decoded before a value is judged, so
// "u&#114;l(…)" is read as the browser would read it. Used by the host on every export message, and by the webview
// before it sends one, to tell the user why (in the display language: the reason goes into a sentence).

import * as l10n from '@vscode/l10n';

/** The elements Vega's SVG renderer writes for our charts, and harmless descriptive ones. */
const ALLOWED_ELEMENTS: ReadonlySet<string> = new Set([
  'svg', 'g', 'rect', 'path', 'line', 'text', 'tspan', 'circle', 'ellipse', 'polygon', 'polyline',
  'defs', 'clipPath', 'title', 'desc', 'linearGradient', 'radialGradient', 'stop', 'pattern',
]);

/**
 * The attributes Vega's SVG renderer writes (vega-scenegraph's markup and style emitters), compared without case.
 * `aria-*` is allowed besides these: Vega writes aria-hidden, aria-label and aria-roledescription.
 */
const ALLOWED_ATTRIBUTES: ReadonlySet<string> = new Set(
  [
    'xmlns', 'xmlns:xlink', 'version', 'class', 'id', 'role', 'width', 'height', 'viewBox', 'preserveAspectRatio',
    'transform', 'd', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'fr', 'dx', 'dy',
    'points', 'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap',
    'stroke-linejoin', 'stroke-dasharray', 'stroke-dashoffset', 'stroke-miterlimit', 'opacity', 'text-anchor',
    'dominant-baseline', 'font-family', 'font-size', 'font-style', 'font-variant', 'font-weight', 'clip-path',
    'pointer-events', 'display', 'cursor', 'paint-order', 'shape-rendering', 'mix-blend-mode', 'style', 'offset',
    'stop-color', 'stop-opacity', 'gradientUnits', 'gradientTransform', 'patternUnits', 'href', 'xlink:href',
  ].map((name) => name.toLowerCase()),
);

/** Attributes whose value is a link; only same-document links ("#id") may stay. */
const LINK_ATTRIBUTES: ReadonlySet<string> = new Set(['href', 'xlink:href']);

/** The only values the namespace declarations may have: SVG's and XLink's own. */
const NAMESPACES: ReadonlyMap<string, string> = new Map([
  ['xmlns', 'http://www.w3.org/2000/svg'],
  ['xmlns:xlink', 'http://www.w3.org/1999/xlink'],
]);

const NAME = /^[A-Za-z_][\w:.-]*/;

/**
 * Why the markup is not a chart's SVG (e.g. "a <script> element"), or undefined when it is safe to write.
 * Text content is not judged: it is data, however it reads.
 */
export function unsafeSvgMarkup(svg: string): string | undefined {
  let i = 0;
  const skipSpace = (): void => {
    while (i < svg.length && /\s/.test(svg[i]!)) {
      i++;
    }
  };
  skipSpace();
  // Only the XML declaration itself; "<?xml-stylesheet …?>" is a processing instruction that loads a style sheet.
  if (/^<\?xml\s/.test(svg.slice(i, i + 6))) {
    const end = svg.indexOf('?>', i);
    if (end < 0) {
      return l10n.t('an unfinished XML declaration');
    }
    i = end + 2;
    skipSpace();
  }
  if (!/^<svg[\s>/]/.test(svg.slice(i, i + 5))) {
    return l10n.t('no <svg> element at the start');
  }
  let elements = 0;
  while (i < svg.length) {
    const open = svg.indexOf('<', i);
    if (open < 0) {
      break;
    }
    i = open + 1;
    if (svg[i] === '!' || svg[i] === '?') {
      return svg.startsWith('!--', i) ? l10n.t('a comment') : l10n.t('a declaration or processing instruction inside the image');
    }
    const closing = svg[i] === '/';
    if (closing) {
      i++;
    }
    const name = NAME.exec(svg.slice(i, i + 64))?.[0];
    if (!name) {
      return l10n.t('a malformed tag');
    }
    if (!ALLOWED_ELEMENTS.has(name)) {
      return l10n.t('a <{0}> element, which a chart never has', name);
    }
    i += name.length;
    elements++;
    // Attributes, up to the end of the tag.
    for (;;) {
      skipSpace();
      if (svg.startsWith('/>', i) && !closing) {
        i += 2;
        break;
      }
      if (svg[i] === '>') {
        i++;
        break;
      }
      if (closing) {
        return l10n.t('a malformed closing tag');
      }
      const attribute = /^[^\s=/>"']+/.exec(svg.slice(i, i + 128))?.[0];
      if (!attribute) {
        return l10n.t('a malformed attribute');
      }
      i += attribute.length;
      skipSpace();
      if (svg[i] !== '=') {
        return l10n.t('an attribute without a value ({0})', attribute);
      }
      i++;
      skipSpace();
      const quote = svg[i];
      if (quote !== '"' && quote !== "'") {
        return l10n.t('an unquoted attribute value ({0})', attribute);
      }
      const end = svg.indexOf(quote, i + 1);
      if (end < 0) {
        return l10n.t('an unfinished attribute value');
      }
      const value = svg.slice(i + 1, end);
      i = end + 1;
      const problem = unsafeAttribute(attribute, value);
      if (problem) {
        return problem;
      }
    }
  }
  return elements > 0 ? undefined : l10n.t('no elements');
}

/**
 * The only inline styles Vega's SVG renderer writes (vega-scenegraph's stylesCss and image marks):
 * "mix-blend-mode: multiply;" and "image-rendering: pixelated;", keywords only. Anything else in a style
 * (image-set(), src(), a quoted URL, an escape) could load something when the file is opened.
 */
const ALLOWED_STYLE = /^(?:(?:mix-blend-mode|image-rendering)\s*:\s*[a-z-]+\s*;?\s*)*$/i;

const NAMED_REFERENCES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** An attribute value as an XML parser reads it: character and the five predefined entity references decoded. */
function decodedValue(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (reference: string, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : reference;
    }
    return NAMED_REFERENCES[body.toLowerCase()] ?? reference;
  });
}

/** `url(…)` references that are not to an element of the image itself ("url(#clip3)"). */
const OUTSIDE_URL = /url\s*\((?!\s*['"]?#[\w.-]+['"]?\s*\))/i;

function unsafeAttribute(name: string, rawValue: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower.startsWith('on')) {
    return l10n.t('an event handler attribute ({0})', name);
  }
  if (lower.includes(':') && !LINK_ATTRIBUTES.has(lower) && !NAMESPACES.has(lower)) {
    return l10n.t('a prefixed attribute ({0}), which a chart never has', name);
  }
  if (!ALLOWED_ATTRIBUTES.has(lower) && !/^aria-[a-z]+$/.test(lower)) {
    return l10n.t('a {0} attribute, which a chart never has', name);
  }
  if (rawValue.includes('<')) {
    return l10n.t('a "<" inside the {0} attribute', name);
  }
  const value = decodedValue(rawValue);
  const namespace = NAMESPACES.get(lower);
  if (namespace !== undefined && value !== namespace) {
    return l10n.t('an unexpected namespace ({0})', name);
  }
  if (LINK_ATTRIBUTES.has(lower) && !/^\s*#/.test(value)) {
    return l10n.t('a link out of the image ({0})', name);
  }
  if (OUTSIDE_URL.test(value)) {
    return l10n.t('a reference out of the image in the {0} attribute', name);
  }
  if (lower === 'style' && !ALLOWED_STYLE.test(value.trim())) {
    return l10n.t('a style that loads something, or that a chart never has');
  }
  return undefined;
}
