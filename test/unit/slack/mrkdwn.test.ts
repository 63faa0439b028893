import { describe, expect, it } from '@jest/globals';
import { clip, escapeMrkdwn, mention, mrkdwnCode, mrkdwnLink } from '../../../src/slack/mrkdwn.js';

describe('mrkdwn', () => {
  it('user text › &, < and > escaped so nothing pings or links', () => {
    expect(escapeMrkdwn('<!here> a & b <@U1>')).toBe('&lt;!here&gt; a &amp; b &lt;@U1&gt;');
  });

  it('links and code › labels escaped, URLs cannot end the link early, backticks cannot end the span', () => {
    expect(mrkdwnLink('https://x.test/a|b>c', 'T <x>')).toBe('<https://x.test/a%7Cb%3Ec|T &lt;x&gt;>');
    expect(mrkdwnCode('a`b')).toBe("`a'b`");
  });

  it('mentions › only real Slack ids become mentions', () => {
    expect(mention({ slackId: 'U0ALICE', name: 'Alice' })).toBe('<@U0ALICE>');
    expect(mention({ slackId: '!channel', name: '<!channel>' })).toBe('&lt;!channel&gt;');
  });

  it('clip › never longer than asked, ends with an ellipsis', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('ab😀cd', 4).length).toBeLessThanOrEqual(4);
  });
});
