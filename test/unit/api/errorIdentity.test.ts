// The extension host's code is in two bundles, each with its own copy of the error classes. Errors do cross
// from one to the other, so they are recognised by a brand both copies share: here two separately loaded
// copies of the modules stand for the two bundles.
import * as assert from 'node:assert/strict';

type Errors = typeof import('../../../src/api/errors');
type Keyring = typeof import('../../../src/ui/key/keyringError');

/** A fresh copy of the compiled modules, as the other bundle has its own. */
function freshCopy(): { errors: Errors; keyring: Keyring } {
  const paths = [require.resolve('../../../src/api/errors'), require.resolve('../../../src/ui/key/keyringError')];
  const saved = paths.map((p) => require.cache[p]);
  paths.forEach((p) => delete require.cache[p]);
  try {
    // A second load of the same files is the point here: import() would hand back the cached modules.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { errors: require(paths[0]!) as Errors, keyring: require(paths[1]!) as Keyring };
  } finally {
    paths.forEach((p, i) => {
      if (saved[i]) {
        require.cache[p] = saved[i];
      } else {
        delete require.cache[p];
      }
    });
  }
}

describe('error identity across the two host bundles', () => {
  it('recognises an ElevenLabsError and a keyring failure made by the other copy', () => {
    const main = freshCopy();
    const chart = freshCopy();
    assert.notEqual(main.errors.ElevenLabsError, chart.errors.ElevenLabsError, 'two copies of the class');
    const refused = new main.errors.ElevenLabsError('invalidApiKey', 'ElevenLabs rejected the API key as invalid.');
    assert.ok(refused instanceof chart.errors.ElevenLabsError);
    assert.ok(chart.errors.isElevenLabsError(refused));
    assert.equal(chart.errors.describeFailure(refused, 'fallback'), 'ElevenLabs rejected the API key as invalid.');
    const locked = main.keyring.keyringError('read the key from', new Error('locked'));
    assert.ok(locked instanceof chart.keyring.KeyringError);
    assert.equal(chart.errors.describeFailure(locked, 'fallback'), locked.message);
  });

  it('does not take other errors for ours, whatever their name', () => {
    const { errors, keyring } = freshCopy();
    const impostor = Object.assign(new Error('not ours: [x](command:evil)'), { name: 'KeyringError', kind: 'invalidApiKey' });
    assert.equal(impostor instanceof errors.ElevenLabsError, false);
    assert.equal(impostor instanceof keyring.KeyringError, false);
    assert.equal(errors.describeFailure(impostor, 'The query failed unexpectedly.'), 'The query failed unexpectedly.');
    assert.equal(errors.describeFailure(new errors.ElevenLabsError('offline', 'x'), 'f'), 'x');
    assert.equal(new keyring.KeyringError('y') instanceof errors.ElevenLabsError, false);
  });
});
