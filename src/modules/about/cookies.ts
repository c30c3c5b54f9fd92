import { CSRF_COOKIE, SESSION_COOKIE } from '../../http/cookies.ts';
import type { Config } from '../../config.ts';

export interface ServiceCookie {
  name: string;
  purpose: string;
  expires: string;
}

const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;

/**
 * The cookies the service sets, named as this installation names them (src/http/cookies.ts) and
 * with its own session limits, so the cookies page cannot drift from what the browser receives.
 * Both are strictly necessary, so the service asks no consent for them, and it sets no others.
 */
export function serviceCookies(config: Pick<Config, 'cookieSecure' | 'session'>): ServiceCookie[] {
  const { idleMinutes, absoluteHours } = config.session;
  return [
    {
      name: SESSION_COOKIE(config.cookieSecure),
      purpose: 'Keeps you signed in. It holds a random code; the service keeps only a scrambled copy of it.',
      expires:
        `When you sign out or close your browser. The service also ends the session after ${plural(idleMinutes, 'minute')} ` +
        `without activity, or ${plural(absoluteHours, 'hour')} after you signed in, whichever comes first.`,
    },
    {
      name: CSRF_COOKIE(config.cookieSecure),
      purpose: 'Protects the forms you send from being sent by another website pretending to be you.',
      expires: 'When you close your browser.',
    },
  ];
}
