/**
 * @module test/unit/slack-text — the question a person typed, recovered from Slack's format.
 */
import { describe, expect, it } from 'vitest';
import { questionText } from '../../src/slack/text.js';

describe('questionText', () => {
  it('drops mentions of people and broadcasts, and collapses the space they leave', () => {
    expect(questionText('<@U0MENTOR>  why is   <!here> my heap growing? <@U0BOB|bob>')).toBe(
      'why is my heap growing?',
    );
  });

  it('decodes the entities Slack escapes, once', () => {
    expect(questionText('is a &lt; b &amp;&amp; c &gt; d? what about &amp;lt;')).toBe(
      'is a < b && c > d? what about &lt;',
    );
  });

  it('keeps typed markup as text after decoding, so it is never read as a Slack link', () => {
    expect(questionText('&lt;script&gt;alert(1)&lt;/script&gt; how do I sanitize?')).toBe(
      '<script>alert(1)</script> how do I sanitize?',
    );
  });

  it('turns links into their label or URL, and channel links into #name', () => {
    expect(
      questionText(
        'see <https://nodejs.org/api/stream.html|the docs> and <https://x.dev> in <#C0GENERAL|general>',
      ),
    ).toBe('see the docs and https://x.dev in #general');
  });
});
