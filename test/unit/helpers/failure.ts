// The ElevenLabsError a request fails with; the test fails if it succeeds or fails with anything else.
import * as assert from 'node:assert/strict';
import { isElevenLabsError, type ElevenLabsError } from '../../../src/api/errors';

export async function failureOf(promise: Promise<unknown>): Promise<ElevenLabsError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isElevenLabsError(error), String(error));
    return error;
  }
  assert.fail('the request succeeded');
}
