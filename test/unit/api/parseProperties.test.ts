// Property-based tests: whatever a proxy, an outage or a contract change sends, the response parsers and the
// error mapping either return a value of the right shape or throw the client's own error type; nothing else
// escapes, and no message quotes the key.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ElevenLabsError } from '../../../src/api/errors';
import { parseSubscriptionResponse, parseUsageResponse } from '../../../src/api/parse';
import { errorFromResponse } from '../../../src/api/responseErrors';
import { parseWebviewMessage } from '../../../src/page/protocol';

const KEY = 'sk_property_secret_0123456789';
const RUNS = 3000;

/** Anything JSON can hold, with extra weight on shapes close to the real ones. */
const nearUsage = fc.record(
  {
    time: fc.oneof(fc.array(fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null))), fc.anything()),
    usage: fc.oneof(fc.dictionary(fc.string(), fc.oneof(fc.array(fc.oneof(fc.double(), fc.integer(), fc.constant(null), fc.string())), fc.anything())), fc.anything()),
  },
  { requiredKeys: [] },
);
const bodies = fc.oneof(fc.anything(), fc.jsonValue(), nearUsage);

function onlyOwnErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ElevenLabsError, `escaped: ${String(error)}`);
    assert.equal(error.kind, 'badShape');
  }
}

describe('parsers under malformed input (property-based)', () => {
  it('parseUsageResponse returns aligned numeric series (null for a gap) or throws badShape', () => {
    fc.assert(
      fc.property(bodies, (body) => {
        onlyOwnErrors(() => {
          const parsed = parseUsageResponse(body);
          for (const series of parsed.series) {
            assert.equal(series.values.length, parsed.time.length);
            // A null or an unreadably large number in the answer is a gap (null), never NaN or Infinity.
            assert.ok(series.values.every((v) => v === null || Number.isFinite(v)));
          }
          assert.ok(parsed.time.every((t) => Number.isFinite(t)));
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('parseUsageResponse survives malformed JSON text of every kind', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), (text, cut) => {
        const candidates = [text, JSON.stringify({ time: [1, 2], usage: { All: [1, 2] } }).slice(0, cut % 40)];
        for (const candidate of candidates) {
          let body: unknown;
          try {
            body = JSON.parse(candidate);
          } catch {
            continue; // The client maps unparsable text itself; see errorFromResponse below.
          }
          onlyOwnErrors(() => parseUsageResponse(body));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('parseSubscriptionResponse returns finite figures or throws badShape', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record(
            {
              character_count: fc.oneof(fc.anything(), fc.integer()),
              character_limit: fc.oneof(fc.anything(), fc.integer()),
              next_character_count_reset_unix: fc.anything(),
              tier: fc.anything(),
              status: fc.anything(),
              billing_period: fc.anything(),
              character_refresh_period: fc.anything(),
              currency: fc.anything(),
              current_overage: fc.oneof(fc.anything(), fc.record({ amount: fc.anything(), currency: fc.anything() }, { requiredKeys: [] })),
              can_extend_character_limit: fc.anything(),
              max_credit_limit_extension: fc.oneof(fc.anything(), fc.constant('unlimited'), fc.double()),
            },
            { requiredKeys: [] },
          ),
        ),
        (body) => {
          onlyOwnErrors(() => {
            const quota = parseSubscriptionResponse(body);
            assert.ok(Number.isFinite(quota.used) && Number.isFinite(quota.limit));
            assert.equal(typeof quota.tier, 'string');
            assert.ok(quota.limitExtension === undefined || quota.limitExtension === 'unlimited' || (Number.isFinite(quota.limitExtension) && quota.limitExtension >= 0));
            assert.ok(quota.currentOverage === undefined || (typeof quota.currentOverage.amount === 'string' && typeof quota.currentOverage.currency === 'string'));
            for (const text of [quota.status, quota.billingPeriod, quota.creditRefreshPeriod, quota.currency]) {
              assert.ok(text === undefined || typeof text === 'string');
            }
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('errorFromResponse maps any status and body to an ElevenLabsError without the key', () => {
    const texts = fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v)), fc.constant(`{"detail":{"message":"echo ${KEY}"}}`), fc.constant(`{"detail":[{"loc":["header","${KEY}"],"msg":"${KEY}"}]}`));
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), texts, fc.option(fc.nat()), (status, bodyText, retryAfterMs) => {
        const error = errorFromResponse({ status, bodyText, retryAfterMs: retryAfterMs ?? undefined, traceId: undefined }, KEY);
        assert.ok(error instanceof ElevenLabsError);
        assert.ok(!error.message.includes(KEY), error.message);
        assert.ok(error.issues.every((issue) => !issue.message.includes(KEY)));
      }),
      { numRuns: RUNS },
    );
  });

  it('parseWebviewMessage accepts nothing malformed', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ type: fc.constantFrom('ready', 'query', 'retry', 'exportData', 'exportImage', 'other'), query: fc.anything(), format: fc.anything(), data: fc.anything() }, { requiredKeys: ['type'] })), (raw) => {
        const message = parseWebviewMessage(raw);
        if (message === undefined) return;
        // Whatever passed must be one of the known shapes, rebuilt from checked fields only.
        assert.ok(['ready', 'query', 'retry', 'exportData', 'exportImage'].includes(message.type));
        if (message.type === 'query') {
          assert.ok(Number.isInteger(message.query.startUnix) && Number.isInteger(message.query.endUnix));
          assert.match(message.query.metric, /^[a-z0-9_]{1,64}$/);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
