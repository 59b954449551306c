import { classifyReply } from '@artemis/protocol';
import type { ResponseStatus } from '@artemis/protocol';

import { decideRetry } from './retry-policy';

function reply(responseStatus: ResponseStatus) {
  return decideRetry({ type: 'reply', classification: classifyReply({ responseStatus }) });
}

const OTHER_NODE = { action: 'retry', node: 'other', markDown: true };
const SAME_NODE = { action: 'retry', node: 'same', markDown: false };

describe('decideRetry', () => {
  it('returns success, partial and business failures to the caller without retrying', () => {
    expect(reply({ status: 'success', errorCode: 'success' })).toEqual({ action: 'return' });
    expect(reply({ errorCode: 'success' })).toEqual({ action: 'return' });
    expect(reply({ status: 'partial_fail', errorCode: 'partial_fail' })).toEqual({
      action: 'return',
    });
    for (const errorCode of ['bad-request', 'no-permission', 'data-not-found', 'made-up-code']) {
      expect(reply({ status: 'fail', errorCode })).toEqual({ action: 'return' });
    }
  });

  it('moves to another node on service-down replies of either server', () => {
    expect(reply({ status: 'fail', errorCode: 'service-unavailable' })).toEqual(OTHER_NODE);
    expect(reply({ status: 'fail', errorCode: 'internal-service-error' })).toEqual(OTHER_NODE);
    expect(reply({ errorCode: 'internal-error' })).toEqual(OTHER_NODE);
  });

  it('retries rate-limited and unknown replies on the same node', () => {
    expect(reply({ status: 'fail', errorCode: 'rate-limited' })).toEqual(SAME_NODE);
    expect(reply({ status: 'fail', errorCode: 'unknown' })).toEqual(SAME_NODE);
  });

  it('moves to another node on 5xx, 408, timeouts, transport failures and unreadable bodies', () => {
    for (const status of [500, 502, 503, 504, 408]) {
      expect(decideRetry({ type: 'http-status', status })).toEqual(OTHER_NODE);
    }
    expect(decideRetry({ type: 'timeout' })).toEqual(OTHER_NODE);
    expect(decideRetry({ type: 'transport' })).toEqual(OTHER_NODE);
    expect(decideRetry({ type: 'invalid-reply' })).toEqual(OTHER_NODE);
  });

  it('retries 429 on the same node', () => {
    expect(decideRetry({ type: 'http-status', status: 429 })).toEqual(SAME_NODE);
  });

  it('fails fast on client errors, TLS failures and aborts', () => {
    for (const status of [400, 401, 403, 404, 405, 415, 422]) {
      expect(decideRetry({ type: 'http-status', status })).toEqual({ action: 'throw' });
    }
    expect(decideRetry({ type: 'tls' })).toEqual({ action: 'throw' });
    expect(decideRetry({ type: 'aborted' })).toEqual({ action: 'throw' });
  });
});
