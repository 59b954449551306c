import { redactUrl } from './redact-url';

describe('redactUrl', () => {
  it('removes credentials, query and fragment', () => {
    expect(redactUrl('wss://user:secret@host:8443/artemis/ws?token=abc#x')).toBe(
      'wss://host:8443/artemis/ws',
    );
  });

  it('never echoes an unparsable URL', () => {
    expect(redactUrl('not a url with secret')).toBe('<invalid url>');
  });
});
