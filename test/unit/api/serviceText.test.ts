// Text from the service must never become a link where VS Code shows it. VS Code's notifications find links with
// the expression below (src/vs/base/common/linkedText.ts, the same in 1.96 and in the 1.139 build the tests run:
// out/vs/code/browser/workbench/workbench.js), with newlines turned into spaces first and no escape syntax.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { quoteServiceText, withoutLinks } from '../../../src/api/serviceText';

const VSCODE_NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

/** The links VS Code would render in a notification with this message. */
function notificationLinks(message: string): string[] {
  const flattened = message.replace(/(\r\n|\n|\r)/gm, ' ').trim();
  return [...flattened.matchAll(VSCODE_NOTIFICATION_LINK)].map((match) => match[0]);
}

/** Strings made of the pieces links are made of, so that many of them hold links or halves of links. */
const linkish = fc.string({
  unit: fc.constantFrom('[', ']', '(', ')', '](', '[a]', '(command:x)', 'command:y', 'https://e.x', 'file:///p', ' "t")', ' ', '\n', 'x', '\\'),
  maxLength: 12,
});

describe('text from the service, made safe to show', () => {
  it('checks with the expression VS Code uses: it finds the links a hostile message carries', () => {
    assert.deepEqual(notificationLinks('Hi [Open](command:workbench.action.openSettings) and [site](https://example.com "t")'), [
      '[Open](command:workbench.action.openSettings)',
      '[site](https://example.com "t")',
    ]);
    assert.deepEqual(notificationLinks('escaped \\[Open\\](command:x)'), ['[Open\\](command:x)'], 'a backslash does not stop it');
  });

  it('leaves no link in a message, whatever surrounds the text (property-based)', () => {
    let found = 0;
    fc.assert(
      fc.property(linkish, linkish, fc.string(), (before, middle, after) => {
        const text = before + middle + after;
        const message = withoutLinks(text);
        assert.deepEqual(notificationLinks(message), [], JSON.stringify(message));
        if (notificationLinks(text).length > 0) found++;
      }),
      { numRuns: 5000 },
    );
    assert.ok(found > 100, `only ${found} of the generated texts held a link before`);
  });

  it('keeps the text readable', () => {
    assert.equal(withoutLinks('[Open](command:x)'), '[Open] (command:x)');
    assert.equal(withoutLinks('no brackets (here)'), 'no brackets (here)');
  });

  it('quotes on one line, without control characters, at most 300 characters', () => {
    assert.equal(quoteServiceText('  two\r\nlines\u0000and\ttabs\u2028 '), 'two lines and tabs');
    const long = quoteServiceText('y'.repeat(1000));
    assert.equal(long, `${'y'.repeat(300)}…`);
    assert.equal(quoteServiceText('[a](file:///etc/passwd)'), '[a] (file:///etc/passwd)');
  });
});
