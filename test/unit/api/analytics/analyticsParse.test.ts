// The analytics answer read as its contract and its known quirks say: columns found by type and unit, numbers as
// numbers or numeric text, only non-empty buckets, times in any of the forms a table may write them.
import * as assert from 'node:assert/strict';
import { cellNumber, parseAnalyticsResponse, type AnalyticsAnswerContext } from '../../../../src/api/analytics/analyticsParse';
import { isElevenLabsError } from '../../../../src/api/errors';

const UTC: AnalyticsAnswerContext = { groupBy: [], maxRows: 10_000, wallClockToUtc: (ms) => ms };
const DAY = 86_400_000;
const D1 = Date.UTC(2024, 3, 1);

function refusal(body: unknown, context: AnalyticsAnswerContext = UTC): { kind: string; message: string } {
  try {
    parseAnalyticsResponse(body, context);
  } catch (error) {
    assert.ok(isElevenLabsError(error), String(error));
    return { kind: error.kind, message: error.message };
  }
  assert.fail('the answer was read');
}

describe('analytics answers', () => {
  it('reads the official example: Float credits as text, a DateTime timestamp in unit s, grouped by product', () => {
    const answer = parseAnalyticsResponse(
      {
        columns: ['timestamp', 'product_type', 'credits_used'],
        column_types: ['DateTime', 'String', 'Float'],
        column_units: ['s', '', 'credits'],
        rows: [
          ['2024-04-01T00:00:00Z', 'text_to_speech', '125.5'],
          ['2024-04-01T00:00:00Z', 'text-to-speech', 4],
          ['2024-04-02T00:00:00Z', 'text_to_speech', '10'],
        ],
      },
      { ...UTC, groupBy: ['product_type'] },
    );
    assert.deepEqual(answer.time, [D1, D1 + DAY]);
    assert.deepEqual(answer.series, [
      { name: 'text_to_speech', values: [125.5, 10] },
      // Only non-empty buckets are sent: a bucket missing for a series is none used, 0.
      { name: 'text-to-speech', values: [4, 0] },
    ]);
    assert.deepEqual(answer.groupColumns, ['product_type']);
    assert.equal(answer.missingValues, 0);
  });

  it('finds the credits by their unit and the time by its type, wherever they stand and whatever they are called', () => {
    const answer = parseAnalyticsResponse(
      {
        columns: ['total_cost (usd)', 'usage_count', 'model', 'when', 'spent', 'score'],
        column_types: ['Float', 'Int', 'String', 'DateTime', 'Float', 'Quaternion'],
        column_units: ['usd', null, '', 's', 'credits', 'furlongs'],
        rows: [
          ['0.12', 3, 'eleven_v3', '2024-04-01T00:00:00Z', '30.0', { q: 1 }],
          ['0.01', 1, 'eleven_flash_v2_5', '2024-04-01T00:00:00Z', 2.5, null],
        ],
      },
      { ...UTC, groupBy: ['model'] },
    );
    assert.deepEqual(answer.series, [
      { name: 'eleven_v3', values: [30] },
      { name: 'eleven_flash_v2_5', values: [2.5] },
    ]);
  });

  it('names series by every grouped column, and by the text columns without a unit when the grouped ones are not found', () => {
    const body = {
      columns: ['t', 'a', 'b', 'usage_count', 'c'],
      column_types: ['DateTime', 'String', 'String', 'Int', 'Float'],
      column_units: ['s', null, '', null, 'credits'],
      rows: [['2024-04-01T00:00:00Z', 'tts', null, 1, '1']],
    };
    assert.deepEqual(parseAnalyticsResponse(body, { ...UTC, groupBy: ['a', 'b'] }).series[0]!.name, 'tts \u00b7 (none)');
    assert.deepEqual(parseAnalyticsResponse(body, { ...UTC, groupBy: ['renamed_by_service'] }).groupColumns, ['a', 'b']);
    assert.deepEqual(parseAnalyticsResponse({ ...body, columns: ['t', 'a', 'b', 'n', 'c'], column_types: ['DateTime', 'Int', 'Int', 'Int', 'Float'] }, UTC).series[0]!.name, 'All');
  });

  it('reads times with Z, with an offset, without one (on the query’s wall clock), and as seconds or milliseconds', () => {
    // Kathmandu is UTC+05:45: its midnight of 1 April 2024 is 18:15 UTC the day before.
    const kathmandu: AnalyticsAnswerContext = { ...UTC, wallClockToUtc: (ms) => ms - (5 * 60 + 45) * 60_000 };
    const midnight = D1 - (5 * 60 + 45) * 60_000;
    const times = ['2024-03-31T18:15:00Z', '2024-04-01T00:00:00+05:45', '2024-04-01 00:00:00', '2024-04-01', midnight / 1000, String(midnight / 1000), '2024-03-31T18:15:00.000Z'];
    for (const cell of times) {
      const answer = parseAnalyticsResponse({ columns: ['t', 'c'], column_types: ['DateTime', 'Float'], column_units: ['s', 'credits'], rows: [[cell, '1']] }, kathmandu);
      assert.deepEqual(answer.time, [midnight], `${JSON.stringify(cell)} read as ${new Date(answer.time[0]!).toISOString()}`);
    }
    const inMs = parseAnalyticsResponse({ columns: ['t', 'c'], column_types: ['DateTime', 'Float'], column_units: ['ms', 'credits'], rows: [[midnight, '1']] }, kathmandu);
    assert.deepEqual(inMs.time, [midnight]);
    const noUnit = parseAnalyticsResponse({ columns: ['t', 'c'], column_types: ['DateTime', 'Float'], column_units: [null, 'credits'], rows: [[midnight, '1'], [midnight / 1000 + 86_400, '1']] }, kathmandu);
    assert.deepEqual(noUnit.time, [midnight, midnight + DAY]);
  });

  it('keeps a cell without a number as a gap, counted, and adds up two rows of one bucket and series', () => {
    const answer = parseAnalyticsResponse({
      columns: ['t', 'c'],
      column_types: ['DateTime', 'Float'],
      column_units: ['s', 'credits'],
      rows: [['2024-04-01T00:00:00Z', null], ['2024-04-02T00:00:00Z', 'n/a'], ['2024-04-03T00:00:00Z', '2'], ['2024-04-03T00:00:00Z', 3]],
    }, UTC);
    assert.deepEqual(answer.series, [{ name: 'All', values: [null, null, 5] }]);
    assert.equal(answer.missingValues, 2);
    assert.deepEqual(['1e3', ' 12.5 ', '-0.5', '.5', '7.', 'Infinity', '1e999', '0x10', '', '12,5', true, NaN].map(cellNumber), [1000, 12.5, -0.5, 0.5, 7, null, null, null, null, null, null, null]);
  });

  it('refuses an answer it cannot read, saying what broke', () => {
    const ok = { columns: ['t', 'c'], column_types: ['DateTime', 'Float'], column_units: ['s', 'credits'], rows: [] as unknown[] };
    const cases: Array<[unknown, RegExp]> = [
      ['<html>', /expected an object/],
      [{ ...ok, columns: undefined }, /"columns" is missing/],
      [{ ...ok, column_types: ['DateTime'] }, /one type for each of 2 columns/],
      [{ ...ok, column_units: ['s'] }, /one unit \(or null\) for each of 2 columns/],
      [{ ...ok, rows: {} }, /"rows" is object/],
      [{ ...ok, column_types: ['String', 'Float'] }, /no DateTime column/],
      [{ ...ok, column_units: ['s', 'usd'] }, /no column in credits/],
      [{ ...ok, rows: [['2024-04-01T00:00:00Z']] }, /row 0 is a list of 1 cells, expected 2 cells/],
      [{ ...ok, rows: [['yesterday', '1']] }, /the time in row 0 is text/],
      [{ ...ok, rows: [['2024-13-01T00:00:00Z', '1']] }, /the time in row 0/],
    ];
    for (const [body, message] of cases) {
      const { kind, message: text } = refusal(body);
      assert.equal(kind, 'badShape', text);
      assert.match(text, message);
    }
  });

  it('stops at the bounds before reading a row: rows past what the query can bring, columns past 64', () => {
    const rows = Array.from({ length: 11 }, () => ['2024-04-01T00:00:00Z', '1']);
    const tooManyRows = refusal({ columns: ['t', 'c'], column_types: ['DateTime', 'Float'], column_units: ['s', 'credits'], rows }, { ...UTC, maxRows: 10 });
    assert.equal(tooManyRows.kind, 'tooLarge');
    assert.match(tooManyRows.message, /11 rows for a query that makes at most 10/);
    const wide = Array.from({ length: 65 }, (_, i) => `c${i}`);
    assert.equal(refusal({ columns: wide, column_types: wide.map(() => 'String'), column_units: wide.map(() => null), rows: [] }).kind, 'tooLarge');
  });
});
