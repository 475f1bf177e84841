import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type Admission = { kind: 'launch'; session: string } | { kind: 'session' } | { kind: 'refused' };

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares digests, so neither the length nor the bytes of a secret leak through timing. */
function matches(presented: string, secret: string | null): boolean {
  if (secret === null) {
    return false;
  }
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(secret));
}

/**
 * Who may open the host's socket. A launch token (printed in a link, so it may end up in shell
 * history, logs or a screenshot) is good for one exchange: the first upgrade that presents it
 * consumes it and gets a session token, which that page keeps in its sessionStorage and presents
 * on every later connection (a reload). After that the link opens nothing. Only the newest link
 * is live; issuing one revokes an unused older one. Sessions already handed out stay valid.
 * All of it is new for every launch and lives only in this process's memory.
 */
export class HostCredentials {
  #launch: string | null = null;
  readonly #sessions: string[] = [];

  /** A new launch token; an earlier one that was never used stops working. */
  issueLaunchToken(): string {
    this.#launch = newToken();
    return this.#launch;
  }

  admit(presented: string): Admission {
    // Every session is compared, matched or not, so the time taken says nothing about which one.
    const isSession = this.#sessions.map((session) => matches(presented, session)).includes(true);
    if (isSession) {
      return { kind: 'session' };
    }
    if (matches(presented, this.#launch)) {
      this.#launch = null;
      const session = newToken();
      this.#sessions.push(session);
      return { kind: 'launch', session };
    }
    return { kind: 'refused' };
  }
}
