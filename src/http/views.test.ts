import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { trim } from './views.ts';

describe('the trim filter pages use (in place of Nunjucks’ own, which was slow)', () => {
  const env = new nunjucks.Environment(null, { autoescape: true });
  env.addFilter('trim', trim);

  it('trims text and still escapes it; markup marked safe stays markup; nothing trims to nothing', () => {
    const page = env.renderString('[{{ text | trim }}][{{ markup | safe | trim }}][{{ missing | trim }}]', {
      text: '  <b>Ann</b>\n ',
      markup: '\n  <header>Throughcare</header>  ',
    });
    expect(page).toBe('[&lt;b&gt;Ann&lt;/b&gt;][<header>Throughcare</header>][]');
  });
});
