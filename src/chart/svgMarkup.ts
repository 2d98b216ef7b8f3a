// Checks the markup of an SVG export before it is written to disk, where it may later be opened in a browser.
// The chart's SVG comes from Vega, which writes only a few drawing elements and escapes all text, so series
// names ("take one = final", "<script>", "javascript:") end up as text or attribute values and are fine. The
// check reads the markup, not the text: it walks the tags and their attributes, and refuses elements that a
// chart never has (script, foreignObject, iframe…), event-handler attributes and links that leave the file.
// Used by the host on every export message, and by the webview before it sends one, to tell the user why.

/** The elements Vega's SVG renderer writes for our charts, and harmless descriptive ones. */
const ALLOWED_ELEMENTS: ReadonlySet<string> = new Set([
  'svg', 'g', 'rect', 'path', 'line', 'text', 'tspan', 'circle', 'ellipse', 'polygon', 'polyline',
  'defs', 'clipPath', 'title', 'desc', 'linearGradient', 'radialGradient', 'stop',
]);

/** Attributes whose value is a link; only same-document links ("#id") may stay. */
const LINK_ATTRIBUTES: ReadonlySet<string> = new Set(['href', 'xlink:href', 'src']);

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
  if (svg.startsWith('<?xml', i)) {
    const end = svg.indexOf('?>', i);
    if (end < 0) {
      return 'an unfinished XML declaration';
    }
    i = end + 2;
    skipSpace();
  }
  if (!/^<svg[\s>/]/.test(svg.slice(i, i + 5))) {
    return 'no <svg> element at the start';
  }
  let elements = 0;
  while (i < svg.length) {
    const open = svg.indexOf('<', i);
    if (open < 0) {
      break;
    }
    i = open + 1;
    if (svg[i] === '!' || svg[i] === '?') {
      return svg.startsWith('!--', i) ? 'a comment' : 'a declaration or processing instruction inside the image';
    }
    const closing = svg[i] === '/';
    if (closing) {
      i++;
    }
    const name = NAME.exec(svg.slice(i, i + 64))?.[0];
    if (!name) {
      return 'a malformed tag';
    }
    if (!ALLOWED_ELEMENTS.has(name)) {
      return `a <${name}> element, which a chart never has`;
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
        return 'a malformed closing tag';
      }
      const attribute = /^[^\s=/>"']+/.exec(svg.slice(i, i + 128))?.[0];
      if (!attribute) {
        return 'a malformed attribute';
      }
      i += attribute.length;
      skipSpace();
      if (svg[i] !== '=') {
        return `an attribute without a value (${attribute})`;
      }
      i++;
      skipSpace();
      const quote = svg[i];
      if (quote !== '"' && quote !== "'") {
        return `an unquoted attribute value (${attribute})`;
      }
      const end = svg.indexOf(quote, i + 1);
      if (end < 0) {
        return 'an unfinished attribute value';
      }
      const value = svg.slice(i + 1, end);
      i = end + 1;
      const problem = unsafeAttribute(attribute, value);
      if (problem) {
        return problem;
      }
    }
  }
  return elements > 0 ? undefined : 'no elements';
}

function unsafeAttribute(name: string, value: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower.startsWith('on')) {
    return `an event handler attribute (${name})`;
  }
  if (value.includes('<')) {
    return `a "<" inside the ${name} attribute`;
  }
  if (LINK_ATTRIBUTES.has(lower) && !value.trim().startsWith('#')) {
    return `a link out of the image (${name})`;
  }
  if (lower === 'style' && /url\s*\(|expression\s*\(|@import/i.test(value)) {
    return 'a style that loads something';
  }
  return undefined;
}
